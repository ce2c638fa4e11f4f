/**
 * Saved outputs that do not belong to the saved code: a model.summary() of another model, a log that
 * counts a different number of epochs than its fit asks for, execution counts that go backwards, and
 * metrics no run can print. Each is a flag for a human with its evidence; points are the rubric's.
 */
import type { Evidence, FitSpec, IntegrityFinding, Notebook, StudentModel, TrainingLog } from '../../types.js';
import { fitOfEachLog } from '../evidence.js';

export type LocalFinding = Omit<IntegrityFinding, 'file' | 'studentId'>;

const cellNo = (cell: number): number => cell + 1;

export function staleOutputFindings(notebook: Notebook, evidence: Evidence, studentModel: StudentModel | null): LocalFinding[] {
  return [
    ...summaryFindings(evidence, studentModel),
    ...logFindings(notebook, evidence),
    ...orderFindings(notebook),
  ];
}

function summaryFindings(evidence: Evidence, model: StudentModel | null): LocalFinding[] {
  const summary = evidence.outputs.summaries.at(-1);
  const description = model?.description;
  if (!summary || !model || !description || summary.trainableParams === null) return [];
  if (summary.at.cell < model.spec.at.cell) return [];
  if (summary.trainableParams === description.trainableParams) return [];
  return [
    {
      flag: 'summary-mismatch',
      evidence:
        `the saved model.summary() in cell ${cellNo(summary.at.cell)} shows ${summary.trainableParams} trainable parameters, ` +
        `but the model the code builds (cell ${cellNo(model.spec.at.cell)}) has ${description.trainableParams}: the output is from other code`,
      at: summary.at,
    },
  ];
}

/** Keras callbacks that never end a fit early. Any other callback (EarlyStopping, TerminateOnNaN, one of the student's own, one not followed) may. */
const NON_STOPPING_CALLBACKS = new Set(['ModelCheckpoint', 'TensorBoard', 'CSVLogger', 'History', 'ProgbarLogger', 'ReduceLROnPlateau', 'LearningRateScheduler', 'BackupAndRestore']);

const mayStopEarly = (fit: FitSpec): boolean =>
  fit.callbacks.some((path) => !NON_STOPPING_CALLBACKS.has(path.split('.').at(-1) ?? path));

/** Logs paired with the fit calls whose run printed them. */
function pairLogs(evidence: Evidence): [TrainingLog, FitSpec | null][] {
  const fits = fitOfEachLog(evidence);
  return evidence.outputs.trainingLogs.map((log, i) => [log, fits[i] ?? null]);
}

function logFindings(notebook: Notebook, evidence: Evidence): LocalFinding[] {
  const findings: LocalFinding[] = [];
  for (const [log, fit] of pairLogs(evidence)) {
    const cell = notebook.cells[log.at.cell];
    const where = `the log in cell ${cellNo(log.at.cell)}`;
    if (fit?.epochs != null) {
      // a cell saved while it ran (no execution count yet) or stopped with an error may hold a partial log
      const stoppedEarly = mayStopEarly(fit) || !fit.argumentsKnown || cell?.executionCount === null || (cell?.outputs ?? []).some((o) => o.kind === 'error');
      if (log.epochsTotal !== null && log.epochsTotal !== fit.epochs) {
        findings.push({ flag: 'epochs-mismatch', evidence: `${where} counts to Epoch ${log.final?.epoch ?? log.epochsLogged}/${log.epochsTotal}, but the fit that cell ran asks for epochs=${fit.epochs} (cell ${cellNo(fit.at.cell)}, line ${fit.at.line ?? 1})`, at: log.at });
      } else if (log.epochsLogged > fit.epochs) {
        findings.push({ flag: 'epochs-mismatch', evidence: `${where} has ${log.epochsLogged} epochs, more than epochs=${fit.epochs} in its code`, at: log.at });
      } else if (log.epochsLogged < fit.epochs && (log.final?.epoch ?? 0) < fit.epochs && !log.truncated && !stoppedEarly) {
        findings.push({ flag: 'epochs-mismatch', evidence: `${where} stops after ${log.epochsLogged} of epochs=${fit.epochs}, with no error, early stopping or truncation saved`, at: log.at });
      }
    }
    // a log without a fit paired, or a fit whose arguments are not all known, could have validation data
    const noValidationInCode = fit !== null && fit.argumentsKnown && fit.validationSplit === null && !fit.hasValidationData;
    const impossible = impossibleValues(log, noValidationInCode);
    if (impossible) findings.push({ flag: 'impossible-log-values', evidence: `${where}: ${impossible}`, at: log.at });
  }
  return findings;
}

/** The first impossible value of a log, described; null when every value is possible. */
export function impossibleValues(log: TrainingLog, noValidationInCode: boolean): string | null {
  for (const record of log.epochs) {
    for (const [name, value] of Object.entries(record)) {
      if (name === 'epoch' || !Number.isFinite(value)) continue;
      if (/acc/.test(name) && (value > 1 || value < 0)) return `epoch ${record.epoch} prints ${name} ${value}, outside 0..1`;
      if (/loss/.test(name) && value < 0) return `epoch ${record.epoch} prints ${name} ${value}, below 0`;
      if (noValidationInCode && name.startsWith('val_')) return `epoch ${record.epoch} prints ${name}, but the fit call of that cell has no validation data`;
    }
  }
  return null;
}

function orderFindings(notebook: Notebook): LocalFinding[] {
  let previous: { cell: number; count: number } | null = null;
  for (const cell of notebook.cells) {
    if (cell.type !== 'code' || cell.executionCount === null || cell.source.trim() === '') continue;
    if (previous && cell.executionCount <= previous.count) {
      return [
        {
          flag: 'execution-out-of-order',
          evidence: `cell ${cellNo(cell.index)} has execution count [${cell.executionCount}] after cell ${cellNo(previous.cell)} with [${previous.count}]: the cells were not run top to bottom before saving`,
          at: { cell: cell.index },
        },
      ];
    }
    previous = { cell: cell.index, count: cell.executionCount };
  }
  return [];
}
