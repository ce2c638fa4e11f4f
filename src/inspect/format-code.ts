/** The readable view of the code facts: models with their layers and compile, fits, calls, data steps. */
import type { InspectCompile, InspectFit, InspectLayer, InspectReport } from './contract.js';
import {
  ACTIVATION_DEFAULT,
  COMPILE_DEFAULTS,
  FIT_DEFAULTS,
  learningRateDefault,
  verboseMeaning,
} from './keras-defaults.js';

/** "cell 7, line 4" (code) or "cell 7, output line 4" (saved outputs). */
export function at(fact: { cell: number; line: number | null }, of: 'code' | 'output' = 'code'): string {
  if (fact.line === null) return `cell ${fact.cell}`;
  return `cell ${fact.cell}, ${of === 'output' ? 'output line' : 'line'} ${fact.line}`;
}

export function notGiven(keras: string): string {
  return `not given (Keras default: ${keras})`;
}

export function tuple(dims: readonly number[]): string {
  return dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(', ')})`;
}

/** Label/value rows with the values aligned. */
export function rows(entries: readonly [string, string][], indent: string): string[] {
  const width = Math.max(...entries.map(([label]) => label.length)) + 1;
  return entries.map(([label, value]) => `${indent}${`${label}:`.padEnd(width)} ${value}`);
}

function layerLine(layer: InspectLayer, index: number): string {
  const parts = [`${index + 1}. ${layer.type}`];
  if (layer.type === 'Dense') parts.push(`units=${layer.units ?? 'not read'}`);
  if (layer.activation !== null) parts.push(`activation=${layer.activation}`);
  else if (layer.type === 'Dense') parts.push(`activation ${notGiven(ACTIVATION_DEFAULT)}`);
  if (layer.rate !== null) parts.push(`rate=${layer.rate}`);
  if (layer.inputShape !== null) parts.push(`input_shape=${tuple(layer.inputShape)}`);
  return `${parts.join('  ')}  [${at(layer)}]`;
}

function compileLines(compile: InspectCompile | null): string[] {
  if (compile === null) return ['    compile: not called on this model'];
  return [
    `    compile  [${at(compile)}]`,
    ...rows(
      [
        ['loss', compile.loss ?? notGiven(COMPILE_DEFAULTS.loss)],
        ['optimizer', compile.optimizer ?? notGiven(COMPILE_DEFAULTS.optimizer)],
        ['learning rate', compile.learningRate === null ? notGiven(learningRateDefault(compile.optimizer)) : String(compile.learningRate)],
        ['metrics', compile.metrics === null ? notGiven(COMPILE_DEFAULTS.metrics) : compile.metrics.join(', ') || '(empty list)'],
      ],
      '      ',
    ),
  ];
}

function fitLines(fit: InspectFit): string[] {
  return [
    `  ${fit.model || '(model)'}.fit  [${at(fit)}]`,
    ...rows(
      [
        ['epochs', fit.epochs === null ? notGiven(FIT_DEFAULTS.epochs) : String(fit.epochs)],
        ['batch_size', fit.batchSize === null ? notGiven(FIT_DEFAULTS.batchSize) : String(fit.batchSize)],
        ['validation_split', fit.validationSplit === null ? notGiven(FIT_DEFAULTS.validationSplit) : String(fit.validationSplit)],
        ['validation_data', fit.hasValidationData ? 'given (it takes the place of validation_split)' : 'not given'],
        ['verbose', fit.verbose === null ? notGiven(FIT_DEFAULTS.verbose) : `${fit.verbose} (${verboseMeaning(fit.verbose)})`],
      ],
      '    ',
    ),
  ];
}

/** A titled section: "Title (n)" and its lines, or "Title: none" (with a note) when empty. */
export function section<T>(title: string, items: readonly T[], lines: (item: T) => string[], none = 'none'): string[] {
  if (items.length === 0) return [`${title}: ${none}`];
  return [`${title} (${items.length})`, ...items.flatMap(lines)];
}

export function codeSections(report: InspectReport): string[][] {
  return [
    section(
      'Models',
      report.models,
      (model) => [
        `  ${model.variable || '(unnamed)'}: ${model.kind === 'sequential' ? 'Sequential' : 'functional Model'}, ${model.layers.length} layer${model.layers.length === 1 ? '' : 's'}  [${at(model)}]`,
        ...model.layers.map((layer, i) => `    ${layerLine(layer, i)}`),
        ...compileLines(model.compile),
      ],
      'none built in the code',
    ),
    section('Fits', report.fits, fitLines, 'no fit() call in the code'),
    section('Predict / evaluate', report.calls, (call) => [
      `  ${call.target ? `${call.target} = ` : ''}${call.model}.${call.method}(${call.input ?? ''})  [${at(call)}]`,
    ]),
    section('Data steps', report.dataSteps, (step) => [
      `  ${step.kind}${step.args.length > 0 ? ` ${step.args.join(', ')}` : ''}${step.target ? ` → ${step.target}` : ''}  [${at(step)}]`,
    ]),
    section('Syntax errors', report.syntaxErrors, (problem) => [`  ${at(problem)}: ${problem.message}`]),
    ...(report.assumedImports.length === 0 ? [] : [assumedImportLines(report)]),
  ];
}

/** Names used before their import ran, grouped by the importing cell: one line, only when there are any. */
function assumedImportLines(report: InspectReport): string[] {
  const byCell = new Map<number, { names: string[]; usedIn: number[] }>();
  for (const assumed of report.assumedImports) {
    const group = byCell.get(assumed.from) ?? { names: [], usedIn: [] };
    if (!group.names.includes(assumed.name)) group.names.push(assumed.name);
    if (!group.usedIn.includes(assumed.usedIn)) group.usedIn.push(assumed.usedIn);
    byCell.set(assumed.from, group);
  }
  const parts = [...byCell].map(([cell, group]) => {
    const used = [...group.usedIn].sort((a, b) => a - b);
    return `${group.names.join(', ')} from cell ${cell} (used in cell${used.length === 1 ? '' : 's'} ${used.join(', ')}, which ran before it)`;
  });
  return [`Assumed imports: ${parts.join('; ')}`];
}
