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

export async function extractCodeEvidence(cells: NotebookCell[]): Promise<CodeEvidence> {
  const parser = await loadPythonParser();
  const interp = createInterpreter();
  const syntaxErrors: CodeEvidence['syntaxErrors'] = [];
  const readable: { cell: NotebookCell; root: SyntaxNode }[] = [];
  for (const cell of codeCellsInExecutionOrder(cells)) {
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
    readable.push({ cell, root });
  }
  // every cell's imports, for names used before their import ran (issue 15: an import cell run last)
  for (const { cell, root } of readable) collectImports(root, cell.index, interp.imports);
  for (const { cell, root } of readable) {
    interp.cell = cell.index;
    interp.topCell = cell.index;
    interp.undefinedNames = undefinedNames(cell);
    const ctx: EvalContext = { interp, scope: interp.global, target: null };
    try {
      runCell(root, ctx);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      syntaxErrors.push({ cell: cell.index, line: 1, message: `could not analyse this cell: ${reason}` });
    }
  }
  syntaxErrors.sort((a, b) => a.cell - b.cell || a.line - b.line);
  return { ...interp.facts, syntaxErrors };
}
