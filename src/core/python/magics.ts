/**
 * IPython syntax that is not Python (`%matplotlib inline`, `%%time`, `!pip install …`, `?obj`, `obj?`,
 * `files = !ls`) is masked before parsing. Each masked line keeps its place, so line numbers do not shift:
 * a whole-line magic becomes `pass` at the same indentation, an assigned magic becomes `None`, and
 * `%time statement` keeps its statement.
 */

/** Cell magics whose body is not Python: the whole cell is masked. */
const NON_PYTHON_CELL_MAGICS = new Set([
  'bash', 'sh', 'script', 'html', 'HTML', 'javascript', 'js', 'latex', 'markdown', 'svg', 'writefile',
  'file', 'perl', 'ruby', 'sql', 'shell', 'cmd', 'powershell',
]);

const LINE_MAGIC = /^(\s*)(%|!(?!=)|\?)/;
/** `%time stmt` runs stmt: keep it (options such as `-n 1` dropped). */
const TIMED_STATEMENT = /^(\s*)%(?:time|timeit|prun)\s+(?:-\w+(?:\s+\d+)?\s+)*(.+)$/;
const HELP_SUFFIX = /^(\s*)[\w.]+\?{1,2}\s*$/;
const ASSIGNED_MAGIC = /^(\s*[\w.]+\s*=\s*)([%!].*)$/;

function blankLike(original: string, indent: string, word: string): string {
  const replacement = indent + word;
  return replacement.length >= original.length ? replacement : replacement.padEnd(original.length, ' ');
}

function tripleQuoteToggles(line: string): number {
  const matches = line.match(/"""|'''/g);
  return matches ? matches.length : 0;
}

function maskLine(line: string): string {
  const timed = TIMED_STATEMENT.exec(line);
  if (timed?.[1] !== undefined && timed[2] !== undefined) return (timed[1] + timed[2]).padEnd(line.length, ' ');
  const assigned = ASSIGNED_MAGIC.exec(line);
  if (assigned?.[1] !== undefined) return blankLike(line, assigned[1], 'None');
  const magic = LINE_MAGIC.exec(line);
  if (magic?.[1] !== undefined) return blankLike(line, magic[1], 'pass');
  const help = HELP_SUFFIX.exec(line);
  if (help?.[1] !== undefined) return blankLike(line, help[1], 'pass');
  return line;
}

/** Replaces IPython magics, shell escapes and help syntax with same-line Python no-ops. */
export function maskMagics(source: string): string {
  const lines = source.split('\n');
  const cellMagic = /^\s*%%(\w+)/.exec(lines[0] ?? '');
  if (cellMagic?.[1] !== undefined && NON_PYTHON_CELL_MAGICS.has(cellMagic[1])) {
    return lines.map((line) => line.replace(/[^\s]/g, ' ')).join('\n');
  }
  let insideTripleQuote = false;
  let continued: 'python' | 'magic' | null = null;
  return lines
    .map((line) => {
      let masked: string;
      if (continued === 'magic') masked = line.replace(/[^\s]/g, ' ');
      else masked = insideTripleQuote || continued === 'python' ? line : maskLine(line);
      if (masked === line && tripleQuoteToggles(line) % 2 === 1) insideTripleQuote = !insideTripleQuote;
      const endsWithBackslash = /\\\s*$/.test(line);
      if (!endsWithBackslash || insideTripleQuote) continued = null;
      else continued = masked === line ? 'python' : 'magic';
      return masked;
    })
    .join('\n');
}
