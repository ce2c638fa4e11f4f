/** Grades a temporary folder in-process (the real pipeline, --jobs 1) for integrity tests. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRubric } from '../../src/rubric/load.js';
import { resolveRubricExpected } from '../../src/rubric/resolve-expected.js';
import { gradeSubmissions } from '../../src/grade.js';
import type { GradeRun } from '../../src/types.js';

const RUBRIC = join(import.meta.dirname, '../../rubrics/kadai4.yaml');

/** `files`: name → bytes; every file is listed as submitted at `submittedAt` (JST) unless `times` says otherwise. */
export async function gradeDir(files: Record<string, Buffer>, times: Record<string, string> = {}, submittedAt = '2023-11-16 20:00:00'): Promise<GradeRun> {
  const dir = await mkdtemp(join(tmpdir(), 'integrity-'));
  const input = join(dir, 'in');
  await mkdir(input);
  const lines = ['ファイル名,提出日時'];
  for (const [name, bytes] of Object.entries(files)) {
    await writeFile(join(input, name), bytes);
    lines.push(`${name},${times[name] ?? submittedAt}`);
  }
  await writeFile(join(dir, 'times.csv'), `${lines.join('\r\n')}\r\n`);
  const rubric = await loadRubric(RUBRIC);
  try {
    return await gradeSubmissions({
      input,
      deadline: '2023-11-16T23:59',
      tz: 'Asia/Tokyo',
      rubric,
      expected: await resolveRubricExpected(rubric),
      submissionTimesFile: join(dir, 'times.csv'),
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const flagsOf = (run: GradeRun, file: string): string[] => run.rows.find((row) => row.file === file)?.flags ?? [];
