/** Spreadsheet formula injection: a text cell starting with = + - @ (or tab / CR) is neutralised with a leading apostrophe. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function guardCell(value: string | number | null): string | number {
  if (value === null) return '';
  if (typeof value === 'number') return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}
