/**
 * Speed of the evidence stage alone (parseNotebook + extractEvidence, one thread): --count notebooks
 * (default 500) made from the readable notebooks in fixtures/submissions and its zip, cycled through and
 * varied a little (each has its own fit-cell comment and training numbers; one in seven a different
 * hidden layer), so that neither the parse cache nor identical outputs make it look faster than a class.
 * Prints notebooks per second, per-notebook time, CPU time and the peak RSS seen by the process; run it
 * under `/usr/bin/time -v` for the kernel's figure of the whole process.
 *
 *   npx tsx bench/evidence-speed.ts [--count 500]
 *   taskset -c 0 /usr/bin/time -v npx tsx bench/evidence-speed.ts    (one core; the kernel's peak RSS)
 *
 * Measured on the development machine (Node 20, 2 shared cores, pinned to one): 368 notebooks/s
 * (2.7 ms a notebook), peak RSS 157 MB; the aim is ≥ 200 notebooks/s.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { extractEvidence } from '../src/core/evidence.js';
import { discoverFiles } from '../src/ingest/discover.js';
import { parseNotebook } from '../src/core/notebook/parse.js';
import { loadPythonParser } from '../src/core/python/index.js';

const { values } = parseArgs({ options: { count: { type: 'string', default: '500' } } });
const COUNT = Number(values.count);
const DIR = join(import.meta.dirname, '../fixtures/submissions');
const log = (line: string): void => void process.stdout.write(`${line}\n`);

interface RawNotebook {
  cells: { cell_type: string; source: string | string[]; outputs?: { text?: string | string[] }[] }[];
}

/** The readable fixture notebooks: the folder's files that parse, and the notebooks inside its zip. */
async function bases(): Promise<string[]> {
  const texts = readdirSync(DIR)
    .filter((name) => name.endsWith('.ipynb'))
    .map((name) => readFileSync(join(DIR, name), 'utf8'));
  for (const file of await discoverFiles(join(DIR, 'webclass_report_download.zip'), { tz: 'Asia/Tokyo' })) {
    texts.push(file.bytes.toString('utf8'));
  }
  return texts.filter((text) => parseNotebook(text).ok);
}

const join1 = (value: string | string[] | undefined): string => (Array.isArray(value) ? value.join('') : (value ?? ''));

/** Notebook `k`: its own comment in the fit cell, its own last digit on every logged number. */
function vary(text: string, k: number): Buffer {
  const notebook = JSON.parse(text) as RawNotebook;
  for (const cell of notebook.cells) {
    let source = join1(cell.source);
    if (source.includes('.fit(')) source += `  # run ${k}`;
    if (k % 7 === 0) source = source.replace('Dense(32,', 'Dense(48,');
    cell.source = source;
    for (const output of cell.outputs ?? []) {
      if (output.text === undefined) continue;
      output.text = join1(output.text).replace(/(\d\.\d{3})(\d)/g, (_, head: string, last: string) => `${head}${(Number(last) + k) % 10}`);
    }
  }
  return Buffer.from(JSON.stringify(notebook));
}

const texts = await bases();
const inputs = Array.from({ length: COUNT }, (_, k) => vary(texts[k % texts.length]!, k));
const megabytes = inputs.reduce((sum, bytes) => sum + bytes.length, 0) / 1024 / 1024;

let t0 = performance.now();
await loadPythonParser();
const loadMs = performance.now() - t0;

let peakRss = process.memoryUsage.rss();
let facts = 0;
const cpu0 = process.cpuUsage();
t0 = performance.now();
for (const [k, bytes] of inputs.entries()) {
  const parsed = parseNotebook(bytes);
  if (!parsed.ok) throw new Error(parsed.reason);
  const evidence = await extractEvidence(parsed.notebook);
  facts += evidence.code.models.length + evidence.outputs.trainingLogs.length + evidence.outputs.shapes.length;
  // sampled: even process.memoryUsage.rss() costs a system call (memoryUsage() walks the whole heap)
  if (k % 10 === 9) peakRss = Math.max(peakRss, process.memoryUsage.rss());
}
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);

log(`node ${process.version}; ${COUNT} notebooks (${texts.length} fixtures varied, ${megabytes.toFixed(1)} MB) in one thread`);
log(`tree-sitter load (once, not timed below): ${loadMs.toFixed(0)} ms`);
log(`evidence stage: ${seconds.toFixed(2)} s → ${(COUNT / seconds).toFixed(0)} notebooks/s, ${((seconds * 1000) / COUNT).toFixed(2)} ms a notebook`);
log(`CPU: ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s (user ${(cpu.user / 1e6).toFixed(2)}, system ${(cpu.system / 1e6).toFixed(2)})`);
log(`peak RSS seen by the process: ${(peakRss / 1024 / 1024).toFixed(0)} MB (facts read: ${facts})`);
