/** Shapes as Python prints them, for comparing printed shapes with expected ones. */
import type { Evidence } from '../../../types.js';

/** (60000, 784); (60000,) for one dimension. */
export const formatShape = (shape: readonly (number | null)[]): string =>
  shape.length === 1 ? `(${shape[0] ?? 'None'},)` : `(${shape.map((d) => d ?? 'None').join(', ')})`;

/** The shapes printed in the saved outputs from cell `fromCell` on, formatted. */
export function printedShapes(evidence: Evidence, fromCell = 0): Set<string> {
  return new Set(evidence.outputs.shapes.filter((s) => s.at.cell >= fromCell).map((s) => formatShape(s.shape)));
}

/** The wanted shapes that no saved output prints, formatted as Python prints them. */
export function unprinted(evidence: Evidence, wanted: readonly (readonly number[])[]): string[] {
  const printed = printedShapes(evidence);
  return wanted.map(formatShape).filter((shape) => !printed.has(shape));
}
