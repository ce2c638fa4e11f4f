/**
 * End-to-end grading speed without training: 2,000 generated submissions (bench/batch-inputs.ts) in a
 * temporary folder, graded by the built CLI (`node dist/cli.js`, run `npm run build` first) under
 * `/usr/bin/time -v`, once per --jobs value; wall time, notebooks per second and peak memory (RSS of the
 * process and its worker threads).
 *
 *   npx tsx bench/batch-speed.ts [--count 2000] [--jobs 1,2] [--class distinct,identical,own-cell] [--keep]
 *
 * `distinct`: a class of different notebooks (bench/batch-inputs.ts); `identical`: one notebook uploaded
 * by every student (one copy cluster of 2,000); `own-cell`: the distinct class with a cell of each
 * student's own added (nothing is shared whole).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { makeBatch, type BatchKind } from './batch-inputs.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '2000' },
    jobs: { type: 'string', default: '1,2' },
    keep: { type: 'boolean', default: false },
    class: { type: 'string', default: 'distinct,identical,own-cell' },
  },
});
const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist/cli.js');
const log = (line: string) => process.stdout.write(`${line}\n`);
if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run npm run build first');

const haveTime = spawnSync('/usr/bin/time', ['-v', 'true']).status === 0;
const results: string[] = [];
const works: string[] = [];
for (const kind of values.class.split(',')) {
const work = mkdtempSync(join(tmpdir(), 'batch-speed-'));
works.push(work);
const started = performance.now();
if (!['distinct', 'identical', 'own-cell'].includes(kind)) throw new Error(`--class: unknown class "${kind}" (distinct, identical, own-cell)`);
const batch = makeBatch(work, Number(values.count), kind as BatchKind);
log(`${kind}: ${batch.count} submissions (${(batch.bytes / 1024 / 1024).toFixed(1)} MB) written to ${batch.dir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
let reference: Buffer | null = null;
for (const jobs of values.jobs.split(',').map(Number)) {
  const out = join(work, `grades-${jobs}.csv`);
  const args = [CLI, batch.dir, '--deadline', '2023-11-16T23:59', '--submission-times', batch.timesCsv, '--out', out, '--jobs', String(jobs)];
  const t0 = performance.now();
  const run = haveTime
    ? spawnSync('/usr/bin/time', ['-v', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = (performance.now() - t0) / 1000;
  const timeWall = /Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)/.exec(run.stderr);
  const seconds = timeWall ? Number(timeWall[1] ?? 0) * 3600 + Number(timeWall[2]) * 60 + Number(timeWall[3]) : wall;
  const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1] ?? NaN);
  const cpu = /User time \(seconds\): ([\d.]+)[\s\S]*System time \(seconds\): ([\d.]+)/.exec(run.stderr);
  const csv = readFileSync(out);
  const graded = csv.toString('utf8').split('\r\n').filter((line) => line.includes(',graded,')).length;
  const same = reference === null ? '—' : reference.equals(csv) ? 'identical to the first' : 'DIFFERENT';
  reference ??= csv;
  results.push(
    `| ${kind} | ${jobs} | ${seconds.toFixed(2)} | ${(batch.count / seconds).toFixed(0)} | ${(graded / seconds).toFixed(0)} | ${(rssKb / 1024).toFixed(0)} | ${cpu ? (Number(cpu[1]) + Number(cpu[2])).toFixed(1) : '?'} | ${run.status} | ${same} |`,
  );
  log(`${kind} --jobs ${jobs}: ${seconds.toFixed(2)} s, exit ${run.status}, ${graded} graded`);
}
}
log('');
log(`node ${process.version}, ${execFileSync('nproc').toString().trim()} cores, ${values.count} notebooks`);
log('| class | --jobs | wall s | notebooks/s | graded/s | peak RSS MB | CPU s | exit | CSV |');
log('|---|---|---|---|---|---|---|---|---|');
for (const line of results) log(line);
for (const work of works) {
  if (values.keep) log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
