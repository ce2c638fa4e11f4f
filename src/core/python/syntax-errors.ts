/** Finds the first tree-sitter ERROR or MISSING node of a parsed cell and describes it. */
import type { SyntaxNode } from './syntax-tree.js';

export interface SyntaxProblem {
  line: number;
  message: string;
}

/** Walks down (iteratively: code may nest thousands of levels deep) along the first child that holds an error. */
function firstBadNode(root: SyntaxNode): SyntaxNode | null {
  if (!root.hasError && !root.isError && !root.isMissing) return null;
  let node = root;
  for (;;) {
    if (node.isError || node.isMissing) return node;
    const next = node.children.find((child) => child.isError || child.isMissing || child.hasError);
    if (!next) return node;
    node = next;
  }
}

function snippet(text: string): string {
  const firstLine = text.split('\n')[0]?.trim() ?? '';
  return firstLine.length > 40 ? `${firstLine.slice(0, 40)}…` : firstLine;
}

/** Python 2 statements the grammar accepts but Python 3 rejects. */
const PYTHON2_STATEMENTS: Record<string, string> = {
  print_statement: 'syntax error: Python 2 print statement (Python 3 needs print(...))',
  exec_statement: 'syntax error: Python 2 exec statement',
};

function python2Statement(root: SyntaxNode): SyntaxProblem | null {
  const [first] = root.descendantsOfType(Object.keys(PYTHON2_STATEMENTS));
  if (!first) return null;
  return { line: first.startPosition.row + 1, message: PYTHON2_STATEMENTS[first.type] ?? 'syntax error' };
}

/** The cell's first syntax error, or null when the cell parses cleanly. */
export function findSyntaxError(root: SyntaxNode): SyntaxProblem | null {
  if (!root.hasError) return python2Statement(root);
  const bad = firstBadNode(root) ?? root;
  const line = bad.startPosition.row + 1;
  if (bad.isMissing) return { line, message: `syntax error: missing "${bad.type}"` };
  const text = snippet(bad.text);
  return { line, message: text ? `syntax error near "${text}"` : 'syntax error' };
}
