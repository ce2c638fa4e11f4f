/**
 * Grades a fixture folder in-process (the same pipeline as the CLI) and builds the review report from it,
 * scored with the rubric's committed reference file; the report's reference band is left out unless one is given.
 */
import { join } from 'node:path';
import { gradeSubmissions } from '../../src/grade.js';
import { loadRubric } from '../../src/rubric/load.js';
import { resolveRubricExpected } from '../../src/rubric/resolve-expected.js';
import { readContents } from '../../src/report/html/file-content.js';
import { buildReport, type ReportFile } from '../../src/report/html/index.js';
import type { ReferenceLoad } from '../../src/report/html/reference-band.js';
import type { GradeRun } from '../../src/types.js';

export const ROOT = join(import.meta.dirname, '../..');
export const FIXTURES = join(ROOT, 'fixtures');
export const NO_REFERENCE: ReferenceLoad = {
  band: null,
  file: 'rubrics/kadai4.reference.json',
  missing: '参照ファイル kadai4.reference.json がまだないため、参照帯なしで表示しています(grade reference で作成できます)。',
};

/** fixtures/hostile is graded with a far deadline: its plain notebook's time is the checkout's mtime. */
export const HOSTILE_DEADLINE = '2099-12-31T23:59';

/** The folder graded for each run, so that the report can show the content of files that were not graded. */
const inputs = new WeakMap<GradeRun, string>();

export async function gradeFixture(folder: string, options: { submissionTimes?: boolean; deadline?: string; submissionTimesFile?: string; overridesFile?: string } = {}): Promise<GradeRun> {
  const rubric = await loadRubric(join(ROOT, 'rubrics/kadai4.yaml'));
  const run = await gradeSubmissions({
    input: join(FIXTURES, folder),
    deadline: options.deadline ?? '2023-11-16T23:59',
    tz: 'Asia/Tokyo',
    rubric,
    expected: await resolveRubricExpected(rubric),
    ...(options.submissionTimes !== false ? { submissionTimesFile: options.submissionTimesFile ?? join(FIXTURES, 'submission-times.csv') } : {}),
    ...(options.overridesFile ? { overridesFile: options.overridesFile } : {}),
  });
  inputs.set(run, join(FIXTURES, folder));
  return run;
}

export async function fixtureReport(run: GradeRun, reference: ReferenceLoad = NO_REFERENCE, commentLimit?: number): Promise<ReportFile[]> {
  const rubric = await loadRubric(join(ROOT, 'rubrics/kadai4.yaml'));
  const input = inputs.get(run);
  return buildReport(run, {
    criteria: rubric.criteria.map((c) => ({ id: c.id, check: c.check })),
    reference,
    threshold: null,
    shapes: (await resolveRubricExpected(rubric)).shapes,
    pointStep: rubric.pointStep,
    ...(input ? { contents: await readContents(input, run.tz, run.rows) } : {}),
    ...(commentLimit ? { commentLimit } : {}),
  });
}
