/**
 * Evidence (internal types) → InspectReport (the versioned JSON contract), field by field. Nothing is
 * spread from the internal objects: a field appears in the JSON only because it is named here or in
 * map-facts.ts.
 */
import { fitOfEachLog } from '../core/evidence.js';
import type { Evidence, Notebook } from '../types.js';
import { INSPECT_VERSION, type InspectReport } from './contract.js';
import { inNotebookOrder, jsonNumber, model, summary, trainingLog, where } from './map-facts.js';

/** The report of a notebook that was read. */
export function buildReport(file: string, notebook: Notebook, evidence: Evidence): InspectReport {
  const { code, outputs } = evidence;
  const fits = fitOfEachLog(evidence);
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
      callbacks: [...fit.callbacks],
      argumentsKnown: fit.argumentsKnown,
      ranIn: fit.ranIn,
      seq: fit.seq,
    })),
    summaries: inNotebookOrder(outputs.summaries).map(summary),
    trainingLogs: inNotebookOrder(outputs.trainingLogs.map((log, i) => ({ log, fit: fits[i] ?? null, at: log.at }))).map(({ log, fit }) => trainingLog(log, fit)),
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
      ranIn: call.ranIn,
      seq: call.seq,
    })),
    dataSteps: inNotebookOrder(code.dataSteps).map((step) => ({
      ...where(step.at),
      kind: step.kind,
      target: step.target,
      args: [...step.args],
    })),
    arrays: inNotebookOrder(outputs.arrays).map((array) => ({ ...where(array.at), values: array.values.map(jsonNumber) })),
    shown: [...code.shown]
      .sort((a, b) => a.ranIn - b.ranIn || a.seq - b.seq)
      .map((shown) => ({
        ...where(shown.at),
        ranIn: shown.ranIn,
        seq: shown.seq,
        how: shown.how,
        call: shown.call ?? null,
        source: shown.source,
        predictRow: shown.predictRow ? { target: shown.predictRow.target, index: shown.predictRow.index } : null,
      })),
    assumedImports: code.assumedImports.map((assumed) => ({ name: assumed.name, from: assumed.from, usedIn: assumed.usedIn })),
    seeds: inNotebookOrder(code.seeds).map((seed) => ({ ...where(seed.at), call: seed.call, seed: seed.seed })),
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
    shown: [],
    assumedImports: [],
    seeds: [],
  };
}
