/**
 * The grading pipeline over one folder or zip: ingest → notebook → evidence → rubric → rows.
 * A plain async function over plain data; src/cli.ts prints and writes what it returns.
 */
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { discoverFiles } from './ingest/discover.js';
import { parseIdentity } from './core/identity.js';
import { identityFromList } from './ingest/identity-from-list.js';
import { readSubmissionTimes, resolveSubmissionTime, type SubmissionTimeLookup } from './ingest/submission-times.js';
import { lookupKey } from './core/util/keys.js';
import { formatInZone, parseDeadline } from './ingest/deadline.js';
import { extensionFor, readExtensions, unusedExtensions, type Extension, type ExtensionTable } from './ingest/extensions.js';
import { selectSubmissions } from './ingest/select.js';
import { readRoster, type RosterEntry } from './ingest/roster.js';
import { isSystemPath, SYSTEM_FILE_PROBLEM } from './ingest/file-kinds.js';
import { maxScore, totalPoints } from './core/rubric/score.js';
import type { LoadedRubric } from './core/rubric/validate.js';
import type { Expected, GradeRow, GradeRun, Identity, Lateness, SubmissionStatus, SubmittedFile, TimeSource } from './types.js';
import { acceptsLateWork, judgeLateness } from './core/rubric/late-policy.js';
import { overridesByStudent, readOverrides } from './rubric/overrides.js';
import { finishRows } from './finish-rows.js';
import { readTemplate } from './integrity/index.js';
import type { NotebookIntegrity } from './core/integrity/analyse.js';
import { finishIntegrity } from './integrity/run.js';
import type { NotebookOutcome } from './core/grade-notebook.js';
import { createGradePool, threadsFor, type GradePool } from './parallel/pool.js';
import { withProps } from './core/util/objects.js';

export interface GradeOptions {
  input: string;
  deadline: string;
  tz: string;
  submissionTimesFile?: string;
  /** CSV of student id → own deadline (src/ingest/extensions.ts). */
  extensionsFile?: string;
  /** The class list (src/ingest/roster.ts): students on it without a submission get a `missing` row. */
  rosterFile?: string;
  /** The TA's overrides CSV (src/rubric/overrides.ts). */
  overridesFile?: string;
  rubric: LoadedRubric;
  /** The rubric's expected values (src/rubric/resolve-expected.ts). */
  expected: Expected;
  /**
   * Keep each graded row's parsed notebook and evidence (the review report, --verify-accuracy). Default
   * true; without them rows hold null there, and the grades, flags and integrity results are the same.
   */
  keepDetails?: boolean;
  /** Worker threads for the per-notebook work (parse, evidence, scoring); 1 or absent: the main thread. Same output either way. */
  jobs?: number;
  /** Called after each graded notebook (for a progress bar). */
  onProgress?: (done: number, total: number) => void;
}

interface Item {
  file: SubmittedFile;
  identity: Identity;
  submittedAt: Date;
  timeSource: TimeSource;
  isNotebook: boolean;
  extension: Extension | null;
  lateness: Lateness;
}


const isNotebookFile = (file: SubmittedFile): boolean => /\.ipynb$/i.test(file.fileName) && file.problems.length === 0;

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

function compareRows(a: GradeRow, b: GradeRow): number {
  const ida = a.studentId ?? '\uffff';
  const idb = b.studentId ?? '\uffff';
  if (ida !== idb) return ida < idb ? -1 : 1;
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

type Outcome = NotebookOutcome;

const notGraded = (status: SubmissionStatus, reason: string | null, flags: string[] = []): Outcome => ({
  status,
  criteria: null,
  reason,
  flags,
  notebook: null,
  evidence: null,
});

export async function gradeSubmissions(options: GradeOptions): Promise<GradeRun> {
  const deadline = parseDeadline(options.deadline, options.tz);
  const deadlineLabel = options.deadline.trim().replace('T', ' ');
  const lookup: SubmissionTimeLookup | null = options.submissionTimesFile
    ? readSubmissionTimes(await readFile(options.submissionTimesFile), options.tz)
    : null;
  const extensions: ExtensionTable | null = options.extensionsFile ? readExtensions(await readFile(options.extensionsFile), options.tz) : null;
  const overrides = options.overridesFile
    ? readOverrides(await readFile(options.overridesFile), { criteria: options.rubric.criteria, maxScore: maxScore(options.rubric) })
    : null;
  const template = await readTemplate(options.rubric.file, options.rubric.template);
  const roster = options.rosterFile ? readRoster(await readFile(options.rosterFile)) : null;
  const files = await discoverFiles(options.input, { tz: options.tz });
  // The workers start now, and load their modules while this thread does the selection.
  const pool = createGradePool(
    { rubric: options.rubric, expected: options.expected, template, tz: options.tz },
    {
      jobs: threadsFor(options.jobs ?? 1, files.filter(isNotebookFile).length),
      keepDetails: options.keepDetails ?? true,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    },
  );
  try {
    return await gradeFiles(files, pool, { options, deadline, deadlineLabel, lookup, extensions, overrides, template, roster });
  } finally {
    await pool.close();
  }
}

/** A row as graded, with what the later steps need of its notebook. */
interface Graded {
  row: GradeRow;
  lateness: Lateness | null;
  integrity: NotebookIntegrity | null;
}

/** The row with more flags (sorted, once each). */
const withFlags = (row: GradeRow, flags: readonly string[]): GradeRow => (flags.length === 0 ? row : withProps(row, { flags: [...new Set([...row.flags, ...flags])].sort() }));

interface Prepared {
  options: GradeOptions;
  deadline: Date;
  deadlineLabel: string;
  lookup: SubmissionTimeLookup | null;
  extensions: ExtensionTable | null;
  overrides: ReturnType<typeof readOverrides> | null;
  template: Awaited<ReturnType<typeof readTemplate>>;
  roster: RosterEntry[] | null;
}

/** A row for each roster student with no row at all: status missing, 0 points. */
function missingRows(roster: readonly RosterEntry[], rows: readonly GradeRow[], maxScore: number, deadline: string): GradeRow[] {
  const present = new Set(rows.flatMap((row) => (row.studentId === null ? [] : [lookupKey(row.studentId, 'id')])));
  return roster
    .filter((entry) => !present.has(lookupKey(entry.studentId, 'id')))
    .map((entry) => ({
      studentId: entry.studentId,
      name: entry.name,
      file: '',
      sha256: '',
      submittedAt: '',
      timeSource: 'none',
      status: 'missing',
      score: 0,
      maxScore,
      criteria: null,
      flags: [],
      reason: null,
      comment: '',
      notebook: null,
      evidence: null,
      deadline,
      extension: null,
      late: null,
      overrides: [],
      primary: false,
    }));
}

async function gradeFiles(files: SubmittedFile[], pool: GradePool, prepared: Prepared): Promise<GradeRun> {
  const { options, deadline, deadlineLabel, lookup, extensions, overrides, template, roster } = prepared;
  const policy = options.rubric.late;
  const items: Item[] = files.map((file) => {
    const identity = identityFromList(parseIdentity(file.fileName, options.rubric.assignment), file.fileName, lookup);
    const time = resolveSubmissionTime(file, identity, lookup);
    const isNotebook = isNotebookFile(file);
    const extension = extensionFor(extensions, identity.studentId);
    const lateness = judgeLateness(time.submittedAt, extension?.deadline ?? deadline, policy);
    return { file, identity, submittedAt: time.submittedAt, timeSource: time.source, isNotebook, extension, lateness };
  });
  const itemByKey = new Map(items.map((item) => [item.file.displayPath, item]));
  const selection = selectSubmissions(
    items.map((item) => ({ key: item.file.displayPath, studentId: item.identity.studentId, submittedAt: item.submittedAt, isNotebook: item.isNotebook })),
    deadline,
    { isLate: (s) => itemByKey.get(s.key)?.lateness.late ?? false, acceptLate: acceptsLateWork(policy) },
  );
  const max = maxScore(options.rubric);
  const expected = options.expected;
  // Every notebook is handed to the pool at once; rows are assembled in input order whatever the finishing order.
  const built = await Promise.all(
    items.map(async (item): Promise<Graded> => {
      const base = {
        studentId: item.identity.studentId,
        name: item.identity.name,
        file: item.file.displayPath,
        sha256: sha256(item.file.bytes),
        submittedAt: formatInZone(item.submittedAt, options.tz),
        timeSource: item.timeSource,
        maxScore: max,
      };
      const flags = [...item.identity.flags];
      if (item.timeSource === 'file-mtime') flags.push('time-unverified');
      if (item.extension) flags.push('extended-deadline');
      if (item.lateness.withinGrace) flags.push('within-grace');
      let outcome: Outcome;
      if (isSystemPath(item.file.displayPath)) {
        outcome = notGraded('not-a-notebook', SYSTEM_FILE_PROBLEM, ['system-file']);
      } else if (item.file.problems.length > 0) {
        outcome = notGraded('unreadable', item.file.problems.join('; '));
      } else if (!item.isNotebook) {
        outcome = notGraded('not-a-notebook', null);
      } else {
        const selected = selection.get(item.file.displayPath);
        const status = selected?.status ?? (item.lateness.late ? 'late' : 'graded');
        outcome =
          status === 'graded' || selected?.gradedLate
            ? await pool.grade({ bytes: item.file.bytes, name: item.identity.name, submittedAt: item.submittedAt.getTime(), deadline: (item.extension?.deadline ?? deadline).getTime() })
            : notGraded(status, selected?.supersededBy ?? null);
        if (status === 'late' && outcome.status === 'graded') outcome = withProps(outcome, { status: 'late' as const });
      }
      const row: GradeRow = withProps(base, {
        status: outcome.status,
        criteria: outcome.criteria,
        score: outcome.criteria ? totalPoints(outcome.criteria) : 0,
        flags: [...new Set([...flags, ...outcome.flags])].sort(),
        reason: outcome.reason,
        comment: '',
        notebook: outcome.notebook,
        evidence: outcome.evidence,
        deadline: item.extension?.label ?? deadlineLabel,
        extension: item.extension ? { deadline: item.extension.label, reason: item.extension.reason, line: item.extension.line } : null,
        late: null,
        overrides: [],
        primary: false,
      });
      return { row, lateness: row.status === 'late' ? item.lateness : null, integrity: outcome.integrity ?? null };
    }),
  );
  // Rows are values from here on: each later step returns new rows.
  const missing = roster ? missingRows(roster, built.map((b) => b.row), max, deadlineLabel).map((row): Graded => ({ row, lateness: null, integrity: null })) : [];
  const graded = [...built, ...missing].sort((a, b) => compareRows(a.row, b.row));
  const integrity = finishIntegrity(graded.map((g) => g.row), graded.map((g) => g.integrity), template?.name ?? null);
  const flagged = graded.map((g, i) => withFlags(g.row, integrity.flags[i] ?? []));
  const studentIds = flagged.map((row) => row.studentId);
  const finished = finishRows(flagged, graded.map((g) => g.lateness), { policy, maxScore: max, overrides: overrides ? overridesByStudent(overrides, studentIds) : null });
  const rows = finished.rows;
  const warnings = finished.warnings;
  for (const unused of unusedExtensions(extensions, studentIds)) {
    warnings.push(`extensions, line ${unused.line}: no submission from ${unused.studentId}; the extension was not used`);
  }
  return {
    rubricTitle: options.rubric.title,
    criteria: options.rubric.criteria.map((c) => ({ id: c.id, title: c.title, points: c.points })),
    maxScore: max,
    deadline: deadlineLabel,
    tz: options.tz,
    expectedSource: expected.source,
    accuracy: expected.accuracy,
    latePolicy: policy,
    rows,
    warnings,
    integrity: integrity.result,
  };
}
