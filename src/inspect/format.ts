/** The readable view of `grade inspect`: the same facts as the JSON, for a TA to read. */
import type { InspectEpoch, InspectReport, InspectTrainingLog, JsonNumber } from './contract.js';
import { at, codeSections, section, tuple } from './format-code.js';

const ARRAY_PREVIEW = 10;

function thousands(value: number | null): string {
  return value === null ? 'not shown' : String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function metricText(value: JsonNumber | null): string {
  return value === null ? '–' : String(value);
}

function epochLine(record: InspectEpoch, label: string): string {
  const metrics = Object.entries(record)
    .filter(([name, value]) => name !== 'epoch' && value !== null)
    .map(([name, value]) => `${name} ${metricText(value)}`);
  return `    ${label} (epoch ${record.epoch}): ${metrics.join(' · ') || 'no metrics'}`;
}

function perEpoch(log: InspectTrainingLog): string {
  if (log.stepsPerEpoch === null) return 'no progress counter (verbose=2)';
  const unit = log.counterUnit === 'samples' ? 'samples' : 'steps';
  return `${thousands(log.stepsPerEpoch)} ${unit} per epoch`;
}

function logLines(log: InspectTrainingLog): string[] {
  const lines = [`  ${log.epochsLogged} of ${log.epochsTotal ?? '?'} epochs logged, ${perEpoch(log)}  [${at(log, 'output')}]`];
  if (log.truncated) lines.push('    Colab truncated this output ("Streaming output truncated to the last … lines")');
  if (log.diverged) lines.push('    diverged: a loss is nan or inf');
  const from = log.epochsFrom;
  if (from.agree !== true) {
    const code = from.code === null ? (from.fit ? 'not read from the code' : 'no fit seen in this cell') : `epochs=${from.code}`;
    const fit = from.fit ? ` (fit at cell ${from.fit.cell}${from.fit.line ? `, line ${from.fit.line}` : ''})` : '';
    lines.push(`    epochs: the log counts to ${from.log ?? '?'}, the code says ${code}${fit}; completeness judged by the ${from.used}'s number`);
  }
  const first = log.epochs[0];
  if (first && log.epochs.length > 1) lines.push(epochLine(first, 'first'));
  if (log.final) lines.push(epochLine(log.final, 'final'));
  return lines;
}

function header(report: InspectReport): string[] {
  const lines = [report.file];
  const nb = report.notebook;
  if (report.error !== null || nb === null) return [...lines, `  not read: ${report.error ?? 'unknown reason'}`];
  const where = [nb.colab ? 'Colab' : 'not from Colab', `accelerator ${nb.accelerator ?? 'none recorded'}`, `kernel ${nb.kernel ?? 'not recorded'}`];
  const order = { 'in-order': 'in order', 'out-of-order': 'out of order', 'not-run': 'never run', unknown: 'no execution counts saved, outputs present' }[nb.executionOrder];
  lines.push(`  nbformat ${nb.nbformat} · ${where.join(' · ')}`);
  lines.push(`  ${nb.cells} cells; ${nb.codeCells} code cells, ${nb.executedCells} executed (${order})`);
  lines.push('  Cells are numbered from 0 among all cells (as in --json); output lines count through the cell\'s outputs.');
  return lines;
}

function outputSections(report: InspectReport): string[][] {
  return [
    section('Summaries', report.summaries, (table) => {
      const name = Math.max(4, ...table.layers.map((row) => row.name.length + row.type.length + 3));
      const shape = Math.max(4, ...table.layers.map((row) => row.outputShape.length));
      return [
        `  ${table.modelName === null ? 'model.summary()' : `Model "${table.modelName}"`}, ${table.format}  [${at(table, 'output')}]`,
        ...table.layers.map(
          (row) => `    ${`${row.name} (${row.type})`.padEnd(name)}  ${row.outputShape.padEnd(shape)}  ${thousands(row.params).padStart(9)}`,
        ),
        `    total ${thousands(table.totalParams)} · trainable ${thousands(table.trainableParams)} · non-trainable ${thousands(table.nonTrainableParams)}` +
          (table.optimizerParams === null ? '' : ` · optimizer ${thousands(table.optimizerParams)}`),
      ];
    }),
    section('Training logs', report.trainingLogs, logLines),
    section('Shapes', report.shapes, (fact) => [`  ${tuple(fact.shape)}  [${at(fact, 'output')}]`]),
    section('Arrays', report.arrays, (array) => {
      const shown = array.values.slice(0, ARRAY_PREVIEW).map(String).join(' ');
      const more = array.values.length > ARRAY_PREVIEW ? ` … (${array.values.length} values)` : '';
      return [`  [${shown}${more}]  [${at(array, 'output')}]`];
    }),
    section('Images', report.images, (image) => [`  ${image.mime}  [${at(image, 'output')}]`]),
    section('Errors', report.errors, (error) => [`  ${error.ename}${error.message ? `: ${error.message}` : ''}  [${at(error, 'output')}]`]),
  ];
}

/** A multi-line summary of the report, ending with a newline. */
export function formatInspect(report: InspectReport): string {
  const blocks = [header(report)];
  if (report.notebook !== null) blocks.push(...codeSections(report), ...outputSections(report));
  return `${blocks.map((block) => block.join('\n')).join('\n\n')}\n`;
}
