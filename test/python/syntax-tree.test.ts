/**
 * The interpreter reads plain copies of tree-sitter's trees (src/core/python/syntax-tree.ts). The copy
 * must answer every question exactly as tree-sitter's own Node API does: checked here node by node on
 * every distinct code cell of the fixture notebooks, plus sources that stress the corners (syntax errors,
 * MISSING nodes, Python 2 statements, non-BMP characters, deep nesting).
 */
import { readFileSync } from 'node:fs';
import type { Node } from 'web-tree-sitter';
import { describe, expect, it } from 'vitest';
import { parseNotebook } from '../../src/core/notebook/parse.js';
import { extractCodeEvidence, maskMagics, parsePython } from '../../src/core/python/index.js';
import { copySyntaxTree, SyntaxNode } from '../../src/core/python/syntax-tree.js';
import { fixtureFiles } from '../helpers/fixture-class.js';

function fixtureSources(): string[] {
  const sources = new Set<string>();
  for (const file of fixtureFiles(/\.ipynb$/)) {
    const parsed = parseNotebook(readFileSync(file));
    if (!parsed.ok) continue;
    for (const cell of parsed.notebook.cells) if (cell.type === 'code') sources.add(maskMagics(cell.source));
  }
  return [...sources];
}

const CORNERS = [
  'model.fit(x, y, epochs=5\nprint("done")\n',
  'def f(:\n    return 1\n',
  'print "hello"\nexec "x = 1"\n',
  'x = "猫🐈 emoji" + f"{y!r:>10} 😀 {z}"\ny = x[1:2, ::3]  # 日本語のコメント\n',
  `x = ${'('.repeat(200)}1${')'.repeat(200)}\n`,
  'if x:\n  pass\n else:\n  pass\n',
  'lambda: (yield)\nclass A(B, metaclass=M):\n    @d\n    async def g(self, *a, b=1, **k) -> int: ...\n',
  '',
];

interface Counter {
  nodes: number;
}

/** Compares one node and (iteratively) its subtree; returns the first difference, or null. */
function firstDifference(original: Node, copy: SyntaxNode, counter: Counter): string | null {
  const clean = !original.hasError;
  const stack: [Node, SyntaxNode][] = [[original, copy]];
  while (stack.length > 0) {
    const [a, b] = stack.pop()!;
    counter.nodes += 1;
    const where = `${a.type} at ${a.startIndex}`;
    const same: [string, unknown, unknown][] = [
      ['type', a.type, b.type],
      ['isNamed', a.isNamed, b.isNamed],
      ['isMissing', a.isMissing, b.isMissing],
      ['isError', a.isError, b.isError],
      ['hasError', a.hasError, b.hasError],
      ['startIndex', a.startIndex, b.startIndex],
      ['endIndex', a.endIndex, b.endIndex],
      ['row', a.startPosition.row, b.startPosition.row],
      ['text', a.text, b.text],
      ['children', a.childCount, b.children.length],
      ['namedChildren', a.namedChildCount, b.namedChildren.length],
      // inside a broken cell tree-sitter's sibling links skip ERROR wrappers; only clean cells are run
      ['nextSibling', clean ? (a.nextSibling?.startIndex ?? null) : null, clean ? (b.nextSibling?.startIndex ?? null) : null],
      ['parent', a.parent?.startIndex ?? null, b.parent?.startIndex ?? null],
    ];
    for (const [what, x, y] of same) if (x !== y) return `${where}: ${what} ${String(x)} ≠ ${String(y)}`;
    const names = new Set<string>(['body', 'name', 'no-such-field']);
    for (let at = 0; at < a.childCount; at++) {
      const field = a.fieldNameForChild(at);
      if (field !== b.fieldNameForChild(at)) return `${where}: field of child ${at} ${field} ≠ ${b.fieldNameForChild(at)}`;
      if (field) names.add(field);
    }
    for (const name of names) {
      const x = a.childForFieldName(name);
      const y = b.childForFieldName(name);
      if ((x ? `${x.type}@${x.startIndex}` : null) !== (y ? `${y.type}@${y.startIndex}` : null)) return `${where}: childForFieldName(${name})`;
      if (a.childrenForFieldName(name).length !== b.childrenForFieldName(name).length) return `${where}: childrenForFieldName(${name})`;
    }
    const types = ['identifier', 'call', 'print_statement'];
    const da = a.descendantsOfType(types).map((node) => node.startIndex);
    const db = b.descendantsOfType(types).map((node) => node.startIndex);
    if (da.join() !== db.join()) return `${where}: descendantsOfType`;
    for (let at = 0; at < a.childCount; at++) stack.push([a.child(at)!, b.children[at]!]);
  }
  return null;
}

describe('copySyntaxTree', () => {
  it('answers like tree-sitter on every fixture cell and on the corner cases', async () => {
    const sources = [...fixtureSources(), ...CORNERS];
    expect(sources.length).toBeGreaterThan(50);
    const counter: Counter = { nodes: 0 };
    for (const source of sources) {
      const tree = await parsePython(source);
      try {
        const copy = copySyntaxTree(tree, source);
        expect(firstDifference(tree.rootNode, copy, counter), source.slice(0, 80)).toBeNull();
      } finally {
        tree.delete();
      }
    }
    expect(counter.nodes).toBeGreaterThan(3000);
  }, 120_000);

  it('never reaches the evidence, which is frozen and shared (util/freeze.ts)', async () => {
    let notebooks = 0;
    for (const file of fixtureFiles(/\.ipynb$/)) {
      const parsed = parseNotebook(readFileSync(file));
      if (!parsed.ok) continue;
      const seen = new Set<object>();
      const stack: unknown[] = [await extractCodeEvidence(parsed.notebook.cells)];
      while (stack.length > 0) {
        const value = stack.pop();
        if (typeof value !== 'object' || value === null || seen.has(value)) continue;
        seen.add(value);
        expect(value instanceof SyntaxNode, file).toBe(false);
        stack.push(...Object.values(value));
      }
      notebooks += 1;
    }
    expect(notebooks).toBeGreaterThan(30);
  });

  it('sees the errors tree-sitter sees', async () => {
    for (const [source, hasError] of [
      ['x = 1\n', false],
      ['model.fit(x, y\n', true],
      ['def f(:\n', true],
    ] as const) {
      const tree = await parsePython(source);
      expect(copySyntaxTree(tree, source).hasError).toBe(hasError);
      tree.delete();
    }
  });
});
