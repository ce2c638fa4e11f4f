/** import / from … import … → names bound to canonical dotted paths. */
import type { Node } from 'web-tree-sitter';
import { canonicalPath } from './keras-symbols.js';
import { type Scope, identifierName } from './state.js';

function dotted(node: Node): string {
  return node.namedChildren.filter((part) => part.type === 'identifier').map(identifierName).join('.');
}

function bind(scope: Scope, name: string, path: string): void {
  scope.vars.set(name, { kind: 'ref', path: canonicalPath(path) });
}

/** `import a.b` binds a; `import a.b as c` binds c → a.b. */
function importStatement(node: Node, scope: Scope): void {
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
function importFromStatement(node: Node, scope: Scope): void {
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

export function runImport(node: Node, scope: Scope): void {
  if (node.type === 'import_statement') importStatement(node, scope);
  else if (node.type === 'import_from_statement') importFromStatement(node, scope);
}
