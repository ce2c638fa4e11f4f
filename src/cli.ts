#!/usr/bin/env node
/** The command line: the only module that reads argv, prints, or sets the exit code. */
import { setFlagsFromString } from 'node:v8';
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { EXIT, GraderError } from './core/errors.js';
// Only yargs loads with the command line: each command imports what it uses (`grade --help` stays quick,
// and TensorFlow.js, about half a second, loads only for training).
import type { CsvEncoding } from './report/encode.js';
import type { HoldPolicy } from './report/webclass-answers.js';
import type { WantedBackend } from './trainer/backend.js';
import type { LoadedRubric } from './core/rubric/validate.js';
import type { Expected, GradeRun } from './types.js';

// V8's optimising compiler inlines the interpreter's and the parsers' many small functions into a few
// huge ones, which see objects of many shapes across a class and are thrown away and rebuilt again and
// again: on 2 cores the compiler threads took as much CPU as the grading itself. Without inlining a
// 2,000-notebook class grades about 20 % faster and training is unchanged (bench/batch-speed.ts,
// bench/train-speed.ts). Set before any command's modules load, for this process and its workers.
setFlagsFromString('--no-turbo-inlining');

const loadRubric = async (file: string): Promise<LoadedRubric> => (await import('./rubric/load.js')).loadRubric(file);

const DEFAULT_RUBRIC = fileURLToPath(new URL('../rubrics/kadai4.yaml', import.meta.url));

const UNGRADED: ReadonlySet<string> = new Set(['unreadable', 'not-a-notebook']);

/** System files (.DS_Store, __MACOSX/) keep their row but are not submissions that failed. */
function exitCodeFor(run: GradeRun): number {
  return run.rows.some((row) => UNGRADED.has(row.status) && !row.flags.includes('system-file')) ? EXIT.ungraded : EXIT.ok;
}

async function runGrade(argv: {
  path: string;
  deadline: string;
  tz: string;
  rubric: string;
  out: string;
  encoding: CsvEncoding;
  'submission-times'?: string;
  extensions?: string;
  overrides?: string;
  'overrides-template'?: string;
  roster?: string;
  hold: HoldPolicy;
  json?: string;
  answers?: string;
  'answers-out'?: string;
  'answers-id-column'?: string;
  'answers-score-column'?: string;
  'answers-comment-column'?: string;
  report?: string;
  feedback?: string;
  'comment-limit'?: number;
  jobs: number;
  'verify-accuracy': boolean;
  'accuracy-tolerance': number;
  backend: WantedBackend;
  'cache-dir': string;
}): Promise<number> {
  if (!Number.isInteger(argv.jobs) || argv.jobs < 1) throw new GraderError(`--jobs must be a whole number of at least 1 (got ${argv.jobs})`);
  const [{ gradeSubmissions }, { gradesCsv }, { encodeText, unencodableInCp932 }, { consoleSummary }, { prepareAnswers, writeExtraOutputs }, { applyCommentLimit }, { createProgressBar }] =
    await Promise.all([
      import('./grade.js'),
      import('./report/csv.js'),
      import('./report/encode.js'),
      import('./report/console.js'),
      import('./report/extra-outputs.js'),
      import('./core/comment/comment.js'),
      import('./parallel/progress.js'),
    ]);
  const rubric = await loadRubric(argv.rubric);
  const answerColumns = {
    ...(argv['answers-id-column'] !== undefined ? { id: argv['answers-id-column'] } : {}),
    ...(argv['answers-score-column'] !== undefined ? { score: argv['answers-score-column'] } : {}),
    ...(argv['answers-comment-column'] !== undefined ? { comment: argv['answers-comment-column'] } : {}),
  };
  const answers = argv.answers ? await prepareAnswers(argv.answers, answerColumns, argv.out, argv['answers-out']) : undefined;
  // TensorFlow.js (which builds the rubric's model) is imported here, not when the command line is read.
  let expectedValues: Promise<Expected> | null = null;
  const resolveExpected = (): Promise<Expected> =>
    (expectedValues ??= import('./rubric/resolve-expected.js').then(({ resolveRubricExpected }) => resolveRubricExpected(rubric)));
  const wantsReview = argv.report !== undefined || argv.feedback !== undefined;
  const bar = process.stderr.isTTY ? createProgressBar((text) => process.stderr.write(text)) : null;
  let run = await gradeSubmissions({
    input: argv.path,
    deadline: argv.deadline,
    tz: argv.tz,
    rubric,
    // Resolved first: a missing or mismatched reference file is reported before anything else is read.
    expected: await resolveExpected(),
    // The parsed notebooks and their evidence are kept only for the outputs that read them.
    keepDetails: wantsReview || argv['verify-accuracy'],
    ...(argv['submission-times'] ? { submissionTimesFile: argv['submission-times'] } : {}),
    ...(argv.extensions ? { extensionsFile: argv.extensions } : {}),
    ...(argv.overrides ? { overridesFile: argv.overrides } : {}),
    ...(argv.roster ? { rosterFile: argv.roster } : {}),
    jobs: argv.jobs,
    ...(bar ? { onProgress: (done: number, total: number) => bar.update(done, total) } : {}),
  });
  bar?.finish();
  const expected = await resolveExpected();
  if (argv['verify-accuracy']) run = await runVerifyAccuracy(run, rubric, expected, argv);
  if (argv['comment-limit'] !== undefined) run = { ...run, rows: applyCommentLimit(run.rows, argv['comment-limit']) };
  const csv = gradesCsv(run);
  if (argv.encoding === 'cp932') {
    const bad = unencodableInCp932(csv);
    if (bad.length > 0) process.stderr.write(`warning: CP932 cannot hold ${bad.join(' ')}; they are written as '?'\n`);
  }
  await writeFile(argv.out, encodeText(csv, argv.encoding));
  const extra = await writeExtraOutputs(run, {
    out: argv.out,
    ...(argv.json ? { json: argv.json } : {}),
    ...(argv['overrides-template'] ? { overridesTemplate: argv['overrides-template'] } : {}),
    ...(answers ? { answers } : {}),
    hold: argv.hold,
  });
  for (const warning of [...run.warnings, ...extra.warnings]) process.stderr.write(`warning: ${warning}\n`);
  // Loaded only when asked for: the report's modules (charts, highlighting) take about a second to load.
  const { writeReviewOutputs } = wantsReview ? await import('./report/review-outputs.js') : { writeReviewOutputs: () => Promise.resolve({}) };
  const review = await writeReviewOutputs(run, {
    rubric,
    expected,
    // the pages of files that were not graded (late, superseded, unreadable, .py) show their content
    input: argv.path,
    ...(argv.report ? { report: argv.report } : {}),
    ...(argv.feedback ? { feedback: argv.feedback } : {}),
    ...(argv['comment-limit'] !== undefined ? { commentLimit: argv['comment-limit'] } : {}),
  });
  process.stdout.write(consoleSummary(run, { csv: argv.out, ...extra.written, ...review }));
  for (const line of extra.answersReport) process.stdout.write(`${line}\n`);
  return exitCodeFor(run);
}

/** Training progress on stderr: one line redrawn on a terminal; elsewhere a line per finished run. */
function showTrainingProgress(line: string, runFinished: boolean): void {
  if (process.stderr.isTTY) process.stderr.write(`\r${line}\u001b[K`);
  else if (runFinished) process.stderr.write(`${line}\n`);
}

function clearTrainingProgress(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\u001b[K');
}

/** --verify-accuracy: the reference band for the assignment's model, a cached replay for variants; the run with implausible rows flagged. */
async function runVerifyAccuracy(
  run: GradeRun,
  rubric: LoadedRubric,
  expected: Expected,
  argv: { backend: WantedBackend; 'cache-dir': string; 'accuracy-tolerance': number },
): Promise<GradeRun> {
  const { selectBackend } = await import('./trainer/backend.js');
  const { flagImplausible, trainerReplay, verifyRunAccuracy } = await import('./verify-accuracy.js');
  const { trainingProgressLine } = await import('./report/training-progress.js');
  const backend = await selectBackend(argv.backend);
  for (const note of backend.notes) process.stderr.write(`backend ${note}\n`);
  const progress = { startedAt: Date.now(), epochsDone: 0, epochsTotal: 0 };
  const replay = trainerReplay(backend.name, argv['cache-dir'], (label, epoch, epochs, valAccuracy) => {
    if (epoch === 1) progress.epochsTotal += epochs;
    progress.epochsDone += 1;
    showTrainingProgress(trainingProgressLine(progress, Date.now(), { label: `replay ${label}`, epoch, epochs, valAccuracy }), epoch === epochs);
  });
  const verdicts = await verifyRunAccuracy(run.rows, rubric.model, expected, replay, argv['accuracy-tolerance']);
  clearTrainingProgress();
  for (const [file, verdict] of verdicts) {
    process.stdout.write(`accuracy ${verdict.implausible ? 'IMPLAUSIBLE' : 'plausible'}: ${file}: ${verdict.detail} (backend ${backend.name})\n`);
  }
  return { ...run, rows: flagImplausible(run.rows, verdicts) };
}

async function main(): Promise<number> {
  let code: number = EXIT.ok;
  const cli = yargs(hideBin(process.argv))
    .scriptName('grade')
    .usage('$0 <path> --deadline <time>  grade a folder or zip of submitted notebooks')
    .command(
      '$0 <path>',
      'Grade every file in a folder (searched recursively) or a .zip',
      (y) =>
        y
          .positional('path', { type: 'string', demandOption: true, describe: 'folder or .zip of submissions' })
          .option('deadline', { type: 'string', demandOption: true, describe: 'deadline in --tz, e.g. 2023-11-16T23:59 (the whole minute counts as on time)' })
          .option('tz', { type: 'string', default: 'Asia/Tokyo', describe: 'time zone of the deadline and of times without an offset' })
          .option('submission-times', { type: 'string', describe: 'CSV of student id or file name → submission time (e.g. from WebClass)' })
          .option('rubric', { type: 'string', default: DEFAULT_RUBRIC, describe: 'rubric YAML file' })
          .option('out', { type: 'string', default: 'grades.csv', describe: 'where to write the grades CSV' })
          .option('encoding', { choices: ['utf8-bom', 'utf8', 'cp932'] as const, default: 'utf8-bom' as const, describe: 'CSV encoding (UTF-8 with BOM opens in Excel)' })
          .option('extensions', { type: 'string', describe: 'CSV of student id → own deadline (in --tz, forms as --deadline), e.g. 学籍番号,締め切り / 2312003,2023-11-20T23:59' })
          .option('overrides', { type: 'string', describe: "the TAs' CSV of changes: student_id,criterion (an id or total),points,reason,grader[,sha256]; only read, never written" })
          .option('overrides-template', { type: 'string', describe: 'also write a starting overrides CSV: one row per student, sha256 filled in' })
          .option('roster', { type: 'string', describe: 'the class list (CSV with 学籍番号 and 氏名; answer.csv works): students without a submission get a row, status missing, 0 points' })
          .option('hold', { choices: ['copy', 'needs-review', 'none'] as const, default: 'copy' as const, describe: 'leave the score and comment of these students empty in the filled answer.csv until an override decides them: copy (suspected copies), needs-review (also every row that needs review), none' })
          .option('json', { type: 'string', describe: 'also write results JSON: the CSV plus findings with cell/line, overrides, late effects (shape in README)' })
          .option('answers', { type: 'string', describe: "WebClass's answer.csv (成績データをダウンロード): write a copy with only the score and comment cells filled" })
          .option('answers-out', { type: 'string', describe: 'where to write the filled answer.csv (default <name>.filled.csv next to --out)' })
          .option('answers-id-column', { type: 'string', describe: 'answer.csv header of the student id (default: first of 学籍番号, ユーザID, username, …)' })
          .option('answers-score-column', { type: 'string', describe: 'answer.csv header of the score (default: first of 点数, 得点, 評点, score, …)' })
          .option('answers-comment-column', { type: 'string', describe: 'answer.csv header of the comment (default: first of コメント, comment, 講評, …)' })
          .option('report', { type: 'string', describe: 'also write the review report (static HTML, opens from disk) to this folder: index.html + one page per file' })
          .option('feedback', { type: 'string', describe: 'write per-student feedback <学籍番号>.md to this folder (default with --report: <report>/feedback)' })
          .option('jobs', { type: 'number', default: availableParallelism(), describe: 'threads for reading and scoring notebooks (default: the number of cores; a worker starts only for every 400 notebooks); the output is the same for any value' })
          .option('verify-accuracy', { type: 'boolean', default: false, describe: "check each reported final val_accuracy against what the student's own model reaches (reference band, or a cached training run of their variant; slow the first time)" })
          .option('accuracy-tolerance', { type: 'number', default: 0.015, describe: 'with --verify-accuracy: how far above the reachable val_accuracy a report may be before it is flagged' })
          .option('backend', { choices: ['auto', 'tensorflow', 'wasm', 'cpu'] as const, default: 'auto' as const, describe: 'TensorFlow.js backend for --verify-accuracy training: tensorflow (tfjs-node-gpu) → wasm → cpu' })
          .option('cache-dir', { type: 'string', default: '.cache', describe: 'where --verify-accuracy keeps training results (by spec + settings + backend)' })
          .option('comment-limit', { type: 'number', describe: 'cut the comment (CSV, answer.csv, report) to N characters, ending in …' })
          .check((a) => {
            const limit = a['comment-limit'];
            if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new GraderError('--comment-limit must be a whole number ≥ 1');
            return true;
          })
          .example('$0 ./submissions --deadline 2023-11-16T23:59', 'grade a folder, write grades.csv')
          .example('$0 download.zip --deadline "2023-11-16 23:59" --submission-times times.csv --encoding cp932', 'grade a zip with WebClass submission times')
          .example('$0 ./submissions --deadline 2023-11-16T23:59 --report report --comment-limit 400', 'also write report/index.html and report/feedback/<学籍番号>.md')
          .example('$0 ./submissions --deadline 2023-11-16T23:59 --extensions extensions.csv --overrides overrides.csv', 'per-student deadlines and TA overrides')
          .example('$0 ./submissions --deadline 2023-11-16T23:59 --answers answer.csv --json results.json', "fill WebClass's answer.csv (→ answer.filled.csv) and write results JSON")
          .example('$0 ./submissions --deadline 2023-11-16T23:59 --verify-accuracy', 'also check reported val_accuracy against what each model reaches (trains variants once, cached in .cache/)'),
      async (argv) => {
        code = await runGrade({ ...argv, path: argv.path ?? '' });
      },
    )
    .command(
      'inspect <notebook>',
      'Show the evidence the grader reads from one notebook (code facts and saved outputs)',
      (y) =>
        y
          .positional('notebook', { type: 'string', demandOption: true, describe: '.ipynb file' })
          .option('json', { type: 'boolean', default: false, describe: 'print one JSON object (a documented, versioned contract)' })
          .example('$0 inspect 2312001_山田太郎_4.ipynb', 'readable summary')
          .example('$0 inspect 2312001_山田太郎_4.ipynb --json', 'the evidence as JSON'),
      async (argv) => {
        const { formatInspect, inspectFile } = await import('./inspect/index.js');
        const report = await inspectFile(argv.notebook ?? '');
        process.stdout.write(argv.json ? `${JSON.stringify(report, null, 2)}\n` : formatInspect(report));
        if (report.error !== null) code = EXIT.ungraded;
      },
    )
    .command(
      'reference',
      "Train the rubric's model with N seeds on MNIST (TensorFlow.js) and write the rubric's reference file",
      (y) =>
        y
          .option('rubric', { type: 'string', default: DEFAULT_RUBRIC, describe: 'rubric YAML file whose model is trained' })
          .option('seeds', { type: 'number', default: 5, describe: 'independent runs (seeds 1…N), in parallel worker threads' })
          .option('epochs', { type: 'number', describe: "epochs per run (default: the rubric's fit.epochs; another value needs --out)" })
          .option('backend', { choices: ['auto', 'tensorflow', 'wasm', 'cpu'] as const, default: 'auto' as const, describe: 'TensorFlow.js backend: tensorflow (tfjs-node-gpu) → wasm → cpu' })
          .option('out', { type: 'string', describe: "where to write (default: the rubric's reference file)" })
          .example('$0 reference --seeds 5', 'rubrics/kadai4.reference.json from 5 seeds × 30 epochs')
          .example('$0 reference --seeds 1 --epochs 2 --out /tmp/quick.json', 'a quick look'),
      async (argv) => {
        const rubric = await loadRubric(argv.rubric);
        const progress = { startedAt: Date.now(), epochsDone: 0, epochsTotal: argv.seeds * (argv.epochs ?? rubric.model.fit.epochs) };
        const { makeReference } = await import('./rubric/make-reference.js');
        const { trainingProgressLine } = await import('./report/training-progress.js');
        const { reference, path } = await makeReference(rubric, {
          seeds: argv.seeds,
          backend: argv.backend,
          ...(argv.epochs !== undefined ? { epochs: argv.epochs } : {}),
          ...(argv.out !== undefined ? { out: argv.out } : {}),
          onProgress: ({ seed, epoch, epochs }) => {
            progress.epochsDone += 1;
            showTrainingProgress(trainingProgressLine(progress, Date.now(), { label: `seed ${seed}`, epoch: epoch.epoch, epochs, valAccuracy: epoch.val_accuracy }), epoch.epoch === epochs);
          },
        });
        clearTrainingProgress();
        for (const note of reference.run.notes) process.stdout.write(`backend ${note}\n`);
        const finals = reference.seeds.map((s) => `seed ${s.seed}: val_accuracy ${s.finalValAccuracy ?? '–'}, test accuracy ${s.testAccuracy}`);
        process.stdout.write(`${finals.join('\n')}\n`);
        process.stdout.write(`backend ${reference.run.backend}, ${reference.run.secondsPerEpoch} s/epoch per worker, ${reference.run.workers} workers\n`);
        process.stdout.write(`wrote ${path}\n`);
      },
    )
    .command(
      'schema',
      'Print the rubric JSON Schema (rubrics/rubric.schema.json is this output)',
      () => {},
      async () => {
        process.stdout.write((await import('./rubric/json-schema.js')).rubricJsonSchema());
      },
    )
    .command(
      'selfcheck-page',
      "Write the students' self-check page: one offline HTML file that grades a notebook in their browser, as `grade` would",
      (y) =>
        y
          .option('rubric', { type: 'string', default: DEFAULT_RUBRIC, describe: 'rubric YAML file (its expected values are computed now and embedded)' })
          .option('out', { type: 'string', describe: 'where to write the page (default kadai<assignment>-check.html)' })
          .example('$0 selfcheck-page --out kadai4-check.html', 'post the file on WebClass or any web page; it sends nothing'),
      async (argv) => {
        const { writeSelfcheckPage } = await import('./selfcheck/build-page.js');
        const out = argv.out ?? `kadai${(await loadRubric(argv.rubric)).assignment}-check.html`;
        const page = await writeSelfcheckPage(argv.rubric, out);
        process.stdout.write(`wrote ${out} (${(page.bytes / 1024 / 1024).toFixed(2)} MB)\n`);
      },
    )
    .strict()
    .wrap(Math.min(120, process.stdout.columns ?? 120))
    .help()
    .alias('h', 'help')
    .version()
    .epilogue('Exit codes: 0 every file graded, 1 some files could not be graded (they still have a row), 2 usage or rubric error.')
    .fail((message, error) => {
      throw error ?? new GraderError(message);
    });
  await cli.parseAsync();
  return code;
}

// `grade inspect x.ipynb | head`: the reader went away; stop quietly instead of crashing on EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok);
});

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof GraderError) {
      process.stderr.write(`grade: ${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = EXIT.usage;
  },
);
