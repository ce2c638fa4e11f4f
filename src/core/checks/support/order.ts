/** Order of facts in the notebook: by cell, then by line. */
import type { Location } from '../../../types.js';

export function isBefore(a: Location, b: Location): boolean {
  return a.cell < b.cell || (a.cell === b.cell && (a.line ?? 0) < (b.line ?? 0));
}
