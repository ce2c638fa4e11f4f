/** import / from … import … → names bound to canonical dotted paths. */
import type { SyntaxNode } from './syntax-tree.js';
import { canonicalPath } from './keras-symbols.js';
import { type Scope, identifierName } from './state.js';
import type { Value } from './values.js';

function dotted(node: SyntaxNode): string {
  return node.namedChildren.filter((part) => part.type === 'identifier').map(identifierName).join('.');
}

function bind(scope: Scope, name: string, path: string): void {
  scope.vars.set(name, { kind: 'ref', path: canonicalPath(path) });
}

/** `import a.b` binds a; `import a.b as c` binds c → a.b. */
function importStatement(node: SyntaxNode, scope: Scope): void {
  for (const name of node.childrenForFieldName('name')) {
    if (name.type === 'aliased_import') {
      const target = name.childForFieldName('name');
      const alias = name.childForFieldName('alias');
      if (target && alias) bind(scope, identifierName(alias), dotted(target));
    } else if (name.type === 'dotted_name') {
      const first = dotted(name).split('.')[0];
      if (first) bind(scope, first, first);
    }
  }
}

/** `from a.b import c as d` binds d → a.b.c. Wildcards and relative imports bind nothing. */
function importFromStatement(node: SyntaxNode, scope: Scope): void {
  const moduleNode = node.childForFieldName('module_name');
  if (!moduleNode || moduleNode.type !== 'dotted_name') return;
  const module = dotted(moduleNode);
  for (const name of node.childrenForFieldName('name')) {
    if (name.type === 'aliased_import') {
      const target = name.childForFieldName('name');
      const alias = name.childForFieldName('alias');
      if (target && alias) bind(scope, identifierName(alias), `${module}.${dotted(target)}`);
    } else if (name.type === 'dotted_name') {
      const path = dotted(name);
      bind(scope, path.split('.').pop() ?? path, `${module}.${path}`);
    }
  }
}

export function runImport(node: SyntaxNode, scope: Scope): void {
  if (node.type === 'import_statement') importStatement(node, scope);
  else if (node.type === 'import_from_statement') importFromStatement(node, scope);
}

/** Blocks whose statements run with the cell (an import under if / try / with / for still binds a global). */
const STATEMENT_BLOCKS = new Set(['if_statement', 'elif_clause', 'else_clause', 'try_statement', 'except_clause', 'finally_clause', 'with_statement', 'for_statement', 'while_statement', 'block']);

/**
 * The names the cell's imports bind at its top level (not inside functions or classes), into `into`
 * (a name already there is kept). Walks statement blocks only, with an explicit stack.
 */
export function collectImports(root: SyntaxNode, cell: number, into: Map<string, { value: Value; cell: number }>): void {
  const stack: SyntaxNode[] = [...root.namedChildren].reverse();
  const scope: Scope = { vars: new Map(), parent: null };
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) break;
    if (node.type === 'import_statement' || node.type === 'import_from_statement') {
      runImport(node, scope);
    } else if (STATEMENT_BLOCKS.has(node.type)) {
      const children = node.namedChildren;
      for (let i = children.length - 1; i >= 0; i -= 1) {
        const child = children[i];
        if (child) stack.push(child);
      }
    }
  }
  for (const [name, value] of scope.vars) if (!into.has(name)) into.set(name, { value, cell });
}
