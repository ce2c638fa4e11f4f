/**
 * IPython syntax that is not Python (`%matplotlib inline`, `%%time`, `!pip install …`, `?obj`, `obj?`,
 * `files = !ls`) is masked before parsing. Each masked line keeps its place, so line numbers do not shift:
 * a whole-line magic becomes `pass` at the same indentation, an assigned magic becomes `None`, and
 * `%time statement` keeps its statement.
 *
 * Automagic (on by default in IPython, Jupyter and Colab): a line magic or a default shell alias can be
 * written without its `%` (`pip install keras`, `cd drive/MyDrive`, `matplotlib inline`,
 * `time model.fit(x, y)`). IPython reads the line as Python first when its first word is followed by
 * `=` or `,` (`ls = [1, 2]`, `time = 3`), and a name defined in the notebook shadows the magic, so only
 * lines that cannot be Python are masked: the first word is one of `AUTOMAGICS`, then a space, then text
 * that no Python expression can continue with (`install keras`, `-rf data`, `../x`, `~/x`, `2.x`).
 * `cd(x)`, `ls -l`, `cd /content` and `time.sleep(1)` are valid Python and stay as they are. Automagic in a
 * cell of several lines ran in IPython ≤ 6 (Colab until 2020) but not in IPython ≥ 7, where only a
 * one-line cell is read this way; such lines are masked wherever they are, so that a notebook is not
 * flagged for a line that ran when it was written (an error it raised is in the saved outputs).
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

/**
 * Line magics (IPython, ipykernel, Colab) and IPython's default shell aliases on Linux that automagic
 * runs without a `%`. Not `wget`, `git`, `unzip`, `nvidia-smi`, `apt-get`: IPython has no magic or alias
 * for them, so without `!` they are a syntax error there too.
 */
const AUTOMAGICS = new Set([
  // magics most often written without `%` in lecture notebooks
  'pip', 'conda', 'cd', 'pwd', 'env', 'set_env', 'matplotlib', 'load_ext', 'reload_ext', 'unload_ext',
  'time', 'timeit', 'prun', 'who', 'whos', 'who_ls', 'history', 'hist', 'run', 'load', 'reset', 'xdel',
  'tensorflow_version', 'pylab', 'config', 'precision', 'pushd', 'popd', 'dirs', 'dhist', 'bookmark',
  'alias', 'unalias', 'pycat', 'pinfo', 'pinfo2', 'pdoc', 'pdef', 'psource', 'pfile', 'psearch', 'sx',
  'sc', 'system', 'store', 'save', 'xmode', 'colors', 'lsmagic', 'magic', 'automagic', 'autocall',
  'autosave', 'rerun', 'recall', 'tb', 'debug', 'pdb', 'gui', 'logstart', 'logstop', 'doctest_mode',
  'pprint', 'page', 'rehashx', 'killbgscripts',
  // ipykernel's KernelMagics (posix)
  'clear', 'less', 'more', 'man',
  // IPython's default aliases on Linux
  'ls', 'll', 'lf', 'lk', 'ldir', 'lx', 'cat', 'mkdir', 'rmdir', 'rm', 'cp', 'mv',
]);
/** Magics whose argument is a statement that runs (`time history = model.fit(…)`): the statement is kept. */
const TIMING_AUTOMAGICS = new Set(['time', 'timeit', 'prun']);
const AUTOMAGIC_LINE = /^(\s*)([A-Za-z_]\w*)[ \t]+(\S.*)$/;
const TIMED_ARGUMENTS = /^(?:-\w+(?:\s+\d+)?\s+)*(.+)$/;

const PYTHON_KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def',
  'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is',
  'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);
/** Operators that join two operands, longest first (`**=` before `**` before `*`). */
const BINARY_OPERATOR = /\*\*=?|\/\/=?|<<=?|>>=?|[-+*/%@&|^<>!=]=|[-+*/%@&|^<>]/y;
const NAME = /[A-Za-z_\u00c0-\uffff][\w\u00c0-\uffff]*/y;
const ATTRIBUTE = /\.[ \t]*[A-Za-z_]\w*/y;
const NUMBER = /\.?\d[\w.]*/y;
const STRING_PREFIX = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/;

/** The match of the sticky `pattern` at `at` in `text`, or undefined. */
function stickyAt(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0];
}

/**
 * Whether `rest`, written after a name and a space (`name rest`), cannot be Python: the first things
 * after the name are read as an expression that continues it (operators, attribute names, operands). An
 * operand right after an operand (`install keras`, `- rf data`), a character Python has no use for there
 * (`~`, `$`, `?`, `!`, `..`) or an operator with nothing after it is not Python. Anything the reading does
 * not follow (a bracket, `=`, `,`, `:`, `;`, a keyword, a comment, a `\` continuation) counts as Python.
 */
function notPythonAfterName(rest: string): boolean {
  let at = 0;
  let expectOperand = false; // right after the name an operand is not expected
  const n = rest.length;
  while (at < n) {
    const c = rest[at]!;
    if (c === ' ' || c === '\t') {
      at++;
      continue;
    }
    const operator = stickyAt(BINARY_OPERATOR, rest, at);
    if (operator !== undefined) {
      if (operator.endsWith('=') && !['==', '!=', '<=', '>='].includes(operator)) return false; // `time += 1`
      if (expectOperand && operator !== '+' && operator !== '-') return true; // `ls /*`
      at += operator.length;
      expectOperand = true;
      continue;
    }
    if ('#\\([{)]}=,:;'.includes(c)) return false; // not followed: counts as Python
    if (c === '~') {
      if (!expectOperand) return true; // `cd ~/data`
      at++;
      continue;
    }
    const word = stickyAt(NAME, rest, at);
    if (word !== undefined) {
      if (PYTHON_KEYWORDS.has(word)) return false; // `time if a else b`, `[ls for ls in x]`
      if (!expectOperand) return true; // `install keras`
      const quote = rest[at + word.length];
      at = STRING_PREFIX.test(word) && (quote === '"' || quote === "'") ? stringEnd(rest, at + word.length) : at + word.length;
      if (at < 0) return true;
      expectOperand = false;
      continue;
    }
    if (c === '.' && !expectOperand) {
      const attribute = stickyAt(ATTRIBUTE, rest, at);
      if (attribute === undefined) return true; // `cd ..`, `ls .5`
      at += attribute.length;
      continue;
    }
    const number = stickyAt(NUMBER, rest, at);
    if (number !== undefined || c === '"' || c === "'") {
      if (!expectOperand) return true; // `tensorflow_version 2.x`, `cat 'a.txt'`
      at = number !== undefined ? at + number.length : stringEnd(rest, at);
      if (at < 0) return true;
      expectOperand = false;
      continue;
    }
    return true; // `$`, `?`, `!`, a backtick, `.` where an operand belongs (`rm *.zip`), …
  }
  return expectOperand; // `ls -`: an operator with nothing after it
}

/** Index just past the quoted string that starts at `at` (a quote), or -1 when it is not closed on the line. */
function stringEnd(text: string, at: number): number {
  const quote = text.startsWith(text[at]!.repeat(3), at) ? text[at]!.repeat(3) : text[at]!;
  for (let i = at + quote.length; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text.startsWith(quote, i)) return i + quote.length;
  }
  return quote.length === 3 ? text.length : -1; // a triple-quoted string may go on: stop reading there
}

/** A line that IPython runs as an automagic and Python cannot read; null for any other line. */
function maskAutomagic(line: string): string | null {
  const match = AUTOMAGIC_LINE.exec(line);
  if (!match || !AUTOMAGICS.has(match[2]!) || !notPythonAfterName(match[3]!)) return null;
  const indent = match[1]!;
  if (TIMING_AUTOMAGICS.has(match[2]!)) {
    const statement = TIMED_ARGUMENTS.exec(match[3]!)?.[1];
    if (statement !== undefined) return (indent + statement).padEnd(line.length, ' ');
  }
  return blankLike(line, indent, 'pass');
}

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
  return maskAutomagic(line) ?? line;
}

/** Masked sources remembered (a class types the same cells); long sources are masked each time. */
const maskedBySource = new Map<string, string>();
const MASK_MEMO_LIMIT = 5000;
const MASK_MEMO_MAX_CHARS = 20_000;

/** Replaces IPython magics, shell escapes and help syntax with same-line Python no-ops. */
export function maskMagics(source: string): string {
  if (source.length > MASK_MEMO_MAX_CHARS) return mask(source);
  let masked = maskedBySource.get(source);
  if (masked === undefined) {
    masked = mask(source);
    if (maskedBySource.size < MASK_MEMO_LIMIT) maskedBySource.set(source, masked);
  }
  return masked;
}

function mask(source: string): string {
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
