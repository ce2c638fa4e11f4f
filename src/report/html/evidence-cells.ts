/**
 * Which cells a criterion's result rests on: the cells its findings point at and, for a met criterion,
 * the cells holding the evidence its check reads (by check id: the registry in src/core/checks/index.ts).
 * Used to pin each result beside its cell. A check not listed here is shown against the whole notebook.
 */
import type { CriterionResult, Evidence, Location } from '../../types.js';

const last = <T extends { at: Location }>(items: readonly T[]): Location[] => {
  const item = items.at(-1);
  return item ? [item.at] : [];
};

const EVIDENCE: Record<string, (e: Evidence) => Location[]> = {
  'data-shapes': (e) => e.outputs.shapes.map((s) => s.at),
  preprocessing: (e) => e.code.dataSteps.filter((s) => s.kind === 'reshape' || s.kind === 'scale').map((s) => s.at),
  'one-hot': (e) => e.code.dataSteps.filter((s) => s.kind === 'to_categorical').map((s) => s.at),
  'model-architecture': (e) => last(e.code.models),
  'compile-settings': (e) => e.code.models.flatMap((m) => (m.compile ? [m.compile.at] : [])).slice(-1),
  'summary-matches-reference': (e) => last(e.outputs.summaries),
  'summary-matches-code': (e) => last(e.outputs.summaries),
  'fit-settings': (e) => last(e.code.fits),
  'training-log-complete': (e) => last(e.outputs.trainingLogs),
  'accuracy-threshold': (e) => last(e.outputs.trainingLogs),
  predictions: (e) => [...e.code.calls.filter((c) => c.method === 'predict').map((c) => c.at), ...e.outputs.arrays.map((a) => a.at)],
  'image-shown': (e) => e.outputs.images.map((i) => i.at),
};

export function evidenceCells(check: string | undefined, evidence: Evidence | null): number[] {
  const pick = check ? EVIDENCE[check] : undefined;
  return evidence && pick ? pick(evidence).map((at) => at.cell) : [];
}

/** Cells to pin the criterion to: finding locations first, else the evidence its check read; sorted, unique. */
export function pinnedCells(result: CriterionResult, check: string | undefined, evidence: Evidence | null): number[] {
  const fromFindings = result.findings.flatMap((f) => (f.at && f.at.cell >= 0 ? [f.at.cell] : []));
  const cells = (fromFindings.length > 0 ? fromFindings : evidenceCells(check, evidence)).filter((cell) => cell >= 0);
  return [...new Set(cells)].sort((a, b) => a - b);
}
