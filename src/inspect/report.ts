/**
 * Evidence (internal types) → InspectReport (the versioned JSON contract), field by field. Nothing is
 * spread from the internal objects: a field appears in the JSON only because it is named here.
 */
import type {
  EpochRecord,
  Evidence,
  LayerSpec,
  Location,
  ModelSpec,
  Notebook,
  SummaryTable,
  TrainingLog,
} from '../types.js';
import {
  INSPECT_VERSION,
  type InspectEpoch,
  type InspectLayer,
  type InspectModel,
  type InspectReport,
  type InspectSummary,
  type InspectTrainingLog,
  type JsonNumber,
} from './contract.js';

const USUAL_METRICS = ['loss', 'accuracy', 'val_loss', 'val_accuracy'] as const;

export function jsonNumber(value: number): JsonNumber {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return value;
}

function where(at: Location): { cell: number; line: number | null } {
  return { cell: at.cell, line: at.line ?? null };
}

/** Notebook order: by cell, then line; facts of one line keep the order they were found in. */
function inNotebookOrder<T extends { at: Location }>(items: readonly T[]): T[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => a.item.at.cell - b.item.at.cell || (a.item.at.line ?? 0) - (b.item.at.line ?? 0) || a.i - b.i)
    .map(({ item }) => item);
}

function layer(spec: LayerSpec): InspectLayer {
  return {
    type: spec.type,
    units: spec.units,
    activation: spec.activation,
    inputShape: spec.inputShape === null ? null : [...spec.inputShape],
    rate: spec.rate ?? null,
    ...where(spec.at),
  };
}

function model(spec: ModelSpec): InspectModel {
  const compile = spec.compile;
  return {
    ...where(spec.at),
    variable: spec.variable,
    kind: spec.kind,
    layers: spec.layers.map(layer),
    compile:
      compile === null
        ? null
        : {
            loss: compile.loss,
            optimizer: compile.optimizer,
            metrics: compile.metrics === null ? null : [...compile.metrics],
            learningRate: compile.learningRate,
            ...where(compile.at),
          },
  };
}

function summary(table: SummaryTable): InspectSummary {
  return {
    ...where(table.at),
    format: table.format,
    modelName: table.modelName,
    layers: table.layers.map((row) => ({ name: row.name, type: row.type, outputShape: row.outputShape, params: row.params })),
    totalParams: table.totalParams,
    trainableParams: table.trainableParams,
    nonTrainableParams: table.nonTrainableParams,
    optimizerParams: table.optimizerParams,
  };
}

function epoch(record: EpochRecord): InspectEpoch {
  const out: InspectEpoch = { epoch: record.epoch, loss: null, accuracy: null, val_loss: null, val_accuracy: null };
  for (const name of USUAL_METRICS) {
    const value = record[name];
    if (value !== undefined) out[name] = jsonNumber(value);
  }
  for (const [name, value] of Object.entries(record)) {
    if (name !== 'epoch' && !(name in out)) out[name] = jsonNumber(value);
  }
  return out;
}

function trainingLog(log: TrainingLog): InspectTrainingLog {
  return {
    ...where(log.at),
    epochsLogged: log.epochsLogged,
    epochsTotal: log.epochsTotal,
    stepsPerEpoch: log.stepsPerEpoch,
    counterUnit: log.counterUnit,
    truncated: log.truncated,
    epochs: log.epochs.map(epoch),
    final: log.final === null ? null : epoch(log.final),
  };
}

/** The report of a notebook that was read. */
export function buildReport(file: string, notebook: Notebook, evidence: Evidence): InspectReport {
  const { code, outputs } = evidence;
  const facts = evidence.notebook;
  return {
    version: INSPECT_VERSION,
    file,
    error: null,
    notebook: {
      nbformat: facts.nbformat,
      codeCells: facts.codeCells,
      executedCells: facts.executedCells,
      executionOrder: facts.executionOrder,
      colab: facts.colab,
      accelerator: facts.accelerator,
      cells: notebook.cells.length,
      kernel: notebook.kernel,
    },
    models: inNotebookOrder(code.models).map(model),
    fits: inNotebookOrder(code.fits).map((fit) => ({
      ...where(fit.at),
      model: fit.model,
      epochs: fit.epochs,
      batchSize: fit.batchSize,
      validationSplit: fit.validationSplit,
      hasValidationData: fit.hasValidationData,
      verbose: fit.verbose,
    })),
    summaries: inNotebookOrder(outputs.summaries).map(summary),
    trainingLogs: inNotebookOrder(outputs.trainingLogs).map(trainingLog),
    shapes: inNotebookOrder(outputs.shapes).map((fact) => ({ ...where(fact.at), shape: [...fact.shape] })),
    images: inNotebookOrder(outputs.images).map((image) => ({ ...where(image.at), mime: image.mime })),
    errors: inNotebookOrder(outputs.errors).map((error) => ({ ...where(error.at), ename: error.ename, message: error.message })),
    syntaxErrors: [...code.syntaxErrors]
      .sort((a, b) => a.cell - b.cell || a.line - b.line)
      .map((problem) => ({ cell: problem.cell, line: problem.line, message: problem.message })),
    calls: inNotebookOrder(code.calls).map((call) => ({
      ...where(call.at),
      method: call.method,
      model: call.model,
      target: call.target,
      input: call.input,
    })),
    dataSteps: inNotebookOrder(code.dataSteps).map((step) => ({
      ...where(step.at),
      kind: step.kind,
      target: step.target,
      args: [...step.args],
    })),
    arrays: inNotebookOrder(outputs.arrays).map((array) => ({ ...where(array.at), values: array.values.map(jsonNumber) })),
  };
}

/** The report of a file that could not be read as a notebook: `error` says why, every list is empty. */
export function errorReport(file: string, error: string): InspectReport {
  return {
    version: INSPECT_VERSION,
    file,
    error,
    notebook: null,
    models: [],
    fits: [],
    summaries: [],
    trainingLogs: [],
    shapes: [],
    images: [],
    errors: [],
    syntaxErrors: [],
    calls: [],
    dataSteps: [],
    arrays: [],
  };
}
