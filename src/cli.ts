#!/usr/bin/env node
/** The command line: the only module that reads argv, prints, or sets the exit code. */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { EXIT, GraderError } from './errors.js';
import { loadRubric } from './rubric/load.js';
import { resolveExpected } from './rubric/resolve-expected.js';
import { gradeSubmissions, type GradeRun } from './grade.js';
import { gradesCsv } from './report/csv.js';
import { encodeText, unencodableInCp932, type CsvEncoding } from './report/encode.js';
import { consoleSummary } from './report/console.js';
import { rubricJsonSchema } from './rubric/json-schema.js';
import { formatInspect, inspectFile } from './inspect/index.js';

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
}): Promise<number> {
  const rubric = await loadRubric(argv.rubric);
  const expected = resolveExpected(rubric.model);
  const run = await gradeSubmissions({
    input: argv.path,
    deadline: argv.deadline,
    tz: argv.tz,
    rubric,
    expected,
    ...(argv['submission-times'] ? { submissionTimesFile: argv['submission-times'] } : {}),
  });
  const csv = gradesCsv(run);
  if (argv.encoding === 'cp932') {
    const bad = unencodableInCp932(csv);
    if (bad.length > 0) process.stderr.write(`warning: CP932 cannot hold ${bad.join(' ')}; they are written as '?'\n`);
  }
  await writeFile(argv.out, encodeText(csv, argv.encoding));
  process.stdout.write(consoleSummary(run, { csv: argv.out }));
  return exitCodeFor(run);
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
          .example('$0 ./submissions --deadline 2023-11-16T23:59', 'grade a folder, write grades.csv')
          .example('$0 download.zip --deadline "2023-11-16 23:59" --submission-times times.csv --encoding cp932', 'grade a zip with WebClass submission times'),
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
        const report = await inspectFile(argv.notebook ?? '');
        process.stdout.write(argv.json ? `${JSON.stringify(report, null, 2)}\n` : formatInspect(report));
      },
    )
    .command(
      'schema',
      'Print the rubric JSON Schema (rubrics/rubric.schema.json is this output)',
      () => {},
      () => {
        process.stdout.write(rubricJsonSchema());
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
