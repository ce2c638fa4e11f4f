/**
 * Which printed value a statement produced. A cell's outputs come in the order of the statements that
 * show something: print(…)/display(…) calls, then the cell's last expression (its execute_result).
 * Read from the source text, line by line, with brackets followed across lines.
 */
import type { ArrayFact } from '../../types.js';

const SHOWS = /\b(?:print|display)\s*\(/;
const NOT_EXPRESSION = /^(?:import|from|def|class|for|while|if|elif|else|with|try|except|finally|return|del|pass|assert|raise|global|nonlocal|@|%|!)\b|^[\w.[\], ]+(?:\+|-|\*|\/|\/\/)?=(?!=)|;\s*$/;

function topLevelStatements(source: string): string[] {
  const statements: string[] = [];
  let depth = 0;
  for (const raw of source.split('\n')) {
    const line = raw.replace(/#.*$/, '');
    if (depth === 0 && line.trim() !== '') statements.push(line);
    else if (depth > 0) statements[statements.length - 1] += `\n${line}`;
    depth = Math.max(0, depth + (line.match(/[([{]/g)?.length ?? 0) - (line.match(/[)\]}]/g)?.length ?? 0));
  }
  return statements;
}

/** The statements of a cell that show a value, in output order. */
export function showingStatements(source: string): string[] {
  const statements = topLevelStatements(source);
  const showing = statements.filter((s) => SHOWS.test(s));
  const last = statements.at(-1);
  if (last !== undefined && !SHOWS.test(last) && !/^\s/.test(last) && !NOT_EXPRESSION.test(last.trim())) showing.push(last);
  return showing;
}

/**
 * The array a statement matching `pattern` printed in a cell: null when no such statement or no array;
 * 'ambiguous' when the cell's arrays cannot be matched one to one with its showing statements.
 */
export function arrayShownBy(source: string, arrays: readonly ArrayFact[], pattern: RegExp): ArrayFact | 'ambiguous' | null {
  const showing = showingStatements(source);
  const index = showing.findIndex((s) => pattern.test(s));
  if (index < 0 || arrays.length === 0) return null;
  return arrays.length === showing.length ? (arrays[index] ?? null) : 'ambiguous';
}

/** The last array shown by a statement matching `pattern` in the code cells from `fromCell` on. */
export function lastArrayShown(arrays: readonly ArrayFact[], sources: readonly string[], fromCell: number, pattern: RegExp): ArrayFact | 'ambiguous' | null {
  let shown: ArrayFact | 'ambiguous' | null = null;
  for (let cell = fromCell; cell < sources.length; cell++) {
    shown = arrayShownBy(sources[cell] ?? '', arrays.filter((a) => a.at.cell === cell), pattern) ?? shown;
  }
  return shown;
}
