/**
 * Code evidence of a notebook: its code cells parsed with tree-sitter (IPython magics masked) and run,
 * in execution order, through a small abstract interpreter over the Keras subset. Student code is never
 * executed. A cell with a syntax error contributes no facts and is listed in syntaxErrors.
 */
import type { SyntaxNode } from './syntax-tree.js';
import type { CodeEvidence, NotebookCell } from '../../types.js';
import { codeCellsInExecutionOrder } from './execution-order.js';
import { collectImports } from './imports.js';
import { maskMagics } from './magics.js';
import type { EvalContext, Interpreter } from './state.js';
import { callFunction, runCell } from './statements.js';
import { evaluateCall } from './calls.js';
import { parseCell } from './parse-cache.js';
import { loadPythonParser, MAX_SOURCE_CHARS } from './tree-sitter.js';
import { deepFreeze } from '../util/freeze.js';
import { withProps } from '../util/objects.js';

export { maskMagics } from './magics.js';
export { codeCellsInExecutionOrder } from './execution-order.js';
export { loadPythonParser, parsePython } from './tree-sitter.js';

function createInterpreter(): Interpreter {
  return {
    cell: 0,
    topCell: 0,
    seq: 0,
    facts: { models: [], fits: [], calls: [], dataSteps: [], shown: [], assumedImports: [], seeds: [] },
    global: { vars: new Map(), parent: null },
    imports: new Map(),
    assumedSeen: new Set(),
    undefinedNames: new Set(),
    depth: 0,
    steps: 0,
    nesting: 0,
    callFunction,
    evaluateCall,
  };
}

/** The names a cell's saved NameError outputs report (`name 'tf' is not defined`): the kernel did not have them. */
function undefinedNames(cell: NotebookCell): Set<string> {
  const names = new Set<string>();
  for (const output of cell.outputs) {
    if (output.kind !== 'error' || output.ename !== 'NameError') continue;
    const match = /name '([^']+)' is not defined/.exec(output.evalue ?? '');
    if (match?.[1]) names.add(match[1]);
  }
  return names;
}

/**
 * Code evidence by everything it is computed from: each code cell's index, source and reported
 * NameErrors, in execution order. Students who run the lecture's notebook as given, or one student's
 * file uploaded twice, share one analysis. The evidence is frozen: no notebook can change another's.
 */
const evidenceCache = new Map<string, Promise<CodeEvidence>>();
let evidenceCacheChars = 0;
/** Bounds on what the cache keeps (its keys hold the code: about 10,000 characters a notebook). */
const EVIDENCE_CACHE_ENTRIES = 2000;
const EVIDENCE_CACHE_CHARS = 20_000_000;

export async function extractCodeEvidence(cells: NotebookCell[]): Promise<CodeEvidence> {
  const order = codeCellsInExecutionOrder(cells);
  const names = order.map(undefinedNames);
  const key = order.map((cell, at) => `${cell.index}\u0000${[...names[at]!].join('\u0000')}\u0000${cell.source}`).join('\u0001');
  const cached = evidenceCache.get(key);
  if (cached) return cached;
  // the promise is kept, so that notebooks graded meanwhile wait for this analysis instead of repeating it
  const evidence = analyseCells(order, names).then(deepFreeze);
  if (evidenceCache.size < EVIDENCE_CACHE_ENTRIES && evidenceCacheChars + key.length <= EVIDENCE_CACHE_CHARS) {
    evidenceCache.set(key, evidence);
    evidenceCacheChars += key.length;
    // a failure (the parser could not load) is not kept: the next notebook tries again
    evidence.catch(() => {
      evidenceCache.delete(key);
      evidenceCacheChars -= key.length;
    });
  }
  return evidence;
}

async function analyseCells(order: NotebookCell[], names: Set<string>[]): Promise<CodeEvidence> {
  const parser = await loadPythonParser();
  const interp = createInterpreter();
  const syntaxErrors: CodeEvidence['syntaxErrors'] = [];
  const readable: { cell: NotebookCell; root: SyntaxNode; undefinedNames: Set<string> }[] = [];
  for (const [at, cell] of order.entries()) {
    // an over-long cell goes to the parser unmasked, which refuses it by its length before any work
    const parsed = parseCell(parser, cell.source.length > MAX_SOURCE_CHARS ? cell.source : maskMagics(cell.source));
    if ('failure' in parsed) {
      syntaxErrors.push({ cell: cell.index, line: 1, message: `could not analyse this cell: ${parsed.failure}` });
      continue;
    }
    const { root, problem } = parsed;
    if (problem) {
      syntaxErrors.push({ cell: cell.index, ...problem });
      continue;
    }
    readable.push({ cell, root, undefinedNames: names[at]! });
  }
  // every cell's imports, for names used before their import ran (issue 15: an import cell run last)
  for (const { cell, root } of readable) collectImports(root, cell.index, interp.imports);
  for (const { cell, root, undefinedNames: missing } of readable) {
    interp.cell = cell.index;
    interp.topCell = cell.index;
    interp.undefinedNames = missing;
    const ctx: EvalContext = { interp, scope: interp.global, target: null };
    try {
      runCell(root, ctx);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      syntaxErrors.push({ cell: cell.index, line: 1, message: `could not analyse this cell: ${reason}` });
    }
  }
  syntaxErrors.sort((a, b) => a.cell - b.cell || a.line - b.line);
  return withProps(interp.facts, { syntaxErrors });
}
