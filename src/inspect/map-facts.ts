/**
 * The mappers of report.ts: one internal evidence type → one contract type each, field by field.
 */
import type { EpochRecord, FitSpec, LayerSpec, Location, ModelSpec, SummaryTable, TrainingLog } from '../types.js';
import type { InspectEpoch, InspectLayer, InspectModel, InspectSummary, InspectTrainingLog, JsonNumber } from './contract.js';

const USUAL_METRICS = ['loss', 'accuracy', 'val_loss', 'val_accuracy'] as const;

export function jsonNumber(value: number): JsonNumber {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return value;
}

export function where(at: Location): { cell: number; line: number | null } {
  return { cell: at.cell, line: at.line ?? null };
}

/** Notebook order: by cell, then line; facts of one line keep the order they were found in. */
export function inNotebookOrder<T extends { at: Location }>(items: readonly T[]): T[] {
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

export function model(spec: ModelSpec): InspectModel {
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

export function summary(table: SummaryTable): InspectSummary {
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

export function trainingLog(log: TrainingLog, fit: FitSpec | null): InspectTrainingLog {
  const code = fit?.epochs ?? null;
  return {
    ...where(log.at),
    epochsLogged: log.epochsLogged,
    epochsTotal: log.epochsTotal,
    stepsPerEpoch: log.stepsPerEpoch,
    counterUnit: log.counterUnit,
    truncated: log.truncated,
    epochs: log.epochs.map(epoch),
    final: log.final === null ? null : epoch(log.final),
    diverged: log.diverged,
    epochsFrom: {
      log: log.epochsTotal,
      code,
      fit: fit ? where(fit.at) : null,
      agree: log.epochsTotal === null || code === null ? null : log.epochsTotal === code,
      used: log.epochsTotal !== null ? 'log' : code !== null ? 'code' : 'rubric',
    },
  };
}
