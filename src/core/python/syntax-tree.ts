/**
 * A parsed cell as plain JavaScript objects. tree-sitter's own nodes live in its wasm heap: every
 * `.type`, `.namedChildren` or `.childForFieldName()` crosses into wasm and allocates a fresh wrapper, and
 * the interpreter asks these questions thousands of times a notebook (grading profiles: more time than
 * the interpreter's own work). The tree is copied out once, with one cursor walk, and the copy is what
 * the interpreter, the import scan and the syntax check read; the same cell source in another notebook
 * reuses the copy (parse-cache.ts). The subset of tree-sitter's Node API the analysis uses is kept, with
 * the same meanings, so the copy answers exactly what tree-sitter would (test/python/syntax-tree.test.ts
 * compares the two on every fixture cell).
 */
import type { Tree, TreeCursor } from 'web-tree-sitter';

/** Where a node starts: its 0-based line (the analysis needs no column). */
export interface Point {
  row: number;
}

export class SyntaxNode {
  readonly children: SyntaxNode[] = [];
  /** The field name of each child (childForFieldName), parallel to children; null where it has none. */
  private readonly fields: (string | null)[] = [];
  private named: SyntaxNode[] | null = null;
  private cachedText: string | null = null;
  /** Whether this node or any node under it is an ERROR or MISSING node (set when the copy is finished). */
  hasError = false;

  constructor(
    readonly type: string,
    readonly isNamed: boolean,
    readonly isMissing: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
    readonly startPosition: Point,
    readonly parent: SyntaxNode | null,
    /** Index in the parent's children. */
    private readonly index: number,
    private readonly source: string,
  ) {}

  get isError(): boolean {
    return this.type === 'ERROR';
  }

  get text(): string {
    this.cachedText ??= this.source.slice(this.startIndex, this.endIndex);
    return this.cachedText;
  }

  get namedChildren(): SyntaxNode[] {
    this.named ??= this.children.filter((child) => child.isNamed);
    return this.named;
  }

  get nextSibling(): SyntaxNode | null {
    return this.parent?.children[this.index + 1] ?? null;
  }

  namedChild(index: number): SyntaxNode | null {
    return this.namedChildren[index] ?? null;
  }

  childForFieldName(name: string): SyntaxNode | null {
    const at = this.fields.indexOf(name);
    return at < 0 ? null : (this.children[at] ?? null);
  }

  fieldNameForChild(index: number): string | null {
    return this.fields[index] ?? null;
  }

  childrenForFieldName(name: string): SyntaxNode[] {
    return this.children.filter((_, at) => this.fields[at] === name);
  }

  /** This node and its descendants of the given types, in source order (as tree-sitter's). */
  descendantsOfType(types: readonly string[]): SyntaxNode[] {
    const wanted = new Set(types);
    const found: SyntaxNode[] = [];
    const stack: SyntaxNode[] = [this];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (wanted.has(node.type)) found.push(node);
      for (let at = node.children.length - 1; at >= 0; at--) stack.push(node.children[at]!);
    }
    return found;
  }

  /** @internal used while copying. */
  addChild(child: SyntaxNode, field: string | null): void {
    this.children.push(child);
    this.fields.push(field);
  }
}

/** What a copy needs besides the cursor: the source, its line starts, and the language's names by id. */
interface CopyContext {
  source: string;
  lineStarts: number[];
  /** False when the tree has no error (then no node is MISSING, and the question is not asked). */
  broken: boolean;
  language: Tree['language'];
}

/** The language's type names and whether each is named, by type id (asked of wasm once per id). */
const typeCache = new WeakMap<object, Map<number, { type: string; named: boolean }>>();

function typeOf(context: CopyContext, typeId: number): { type: string; named: boolean } {
  let types = typeCache.get(context.language);
  if (!types) {
    types = new Map();
    typeCache.set(context.language, types);
  }
  let known = types.get(typeId);
  if (!known) {
    known = { type: context.language.types[typeId] || 'ERROR', named: context.language.nodeTypeIsNamed(typeId) };
    types.set(typeId, known);
  }
  return known;
}

/** The 0-based line holding `index` (tree-sitter counts lines by \n). */
function rowOf(lineStarts: readonly number[], index: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lineStarts[middle]! <= index) low = middle;
    else high = middle - 1;
  }
  return low;
}

function copyNode(cursor: TreeCursor, parent: SyntaxNode | null, index: number, context: CopyContext): SyntaxNode {
  const { type, named } = typeOf(context, cursor.nodeTypeId);
  const start = cursor.startIndex;
  return new SyntaxNode(
    type,
    named,
    context.broken && cursor.nodeIsMissing,
    start,
    cursor.endIndex,
    { row: rowOf(context.lineStarts, start) },
    parent,
    index,
    context.source,
  );
}

const fieldName = (cursor: TreeCursor, context: CopyContext): string | null => context.language.fields[cursor.currentFieldId] ?? null;

/**
 * Copies a tree-sitter tree of `source` (the string it was parsed from) into SyntaxNodes; the tree can be
 * deleted afterwards. Iterative: code may nest thousands of levels deep. Each question to the cursor
 * crosses into wasm, so a node costs four (type id, start, end, field) and a move; names, lines and
 * named-ness are answered in JavaScript.
 */
export function copySyntaxTree(tree: Tree, source: string): SyntaxNode {
  const lineStarts = [0];
  for (let at = source.indexOf('\n'); at !== -1; at = source.indexOf('\n', at + 1)) lineStarts.push(at + 1);
  const context: CopyContext = { source, lineStarts, broken: tree.rootNode.hasError, language: tree.language };
  const cursor = tree.walk();
  try {
    const root = copyNode(cursor, null, 0, context);
    let node = root;
    for (;;) {
      if (cursor.gotoFirstChild()) {
        const child = copyNode(cursor, node, 0, context);
        node.addChild(child, fieldName(cursor, context));
        node = child;
        continue;
      }
      // node has no more children: finish it, then move to its next sibling or climb
      for (;;) {
        node.hasError ||= node.isError || node.isMissing;
        const parent = node.parent;
        if (!parent) return root;
        parent.hasError ||= node.hasError;
        if (cursor.gotoNextSibling()) {
          const sibling = copyNode(cursor, parent, parent.children.length, context);
          parent.addChild(sibling, fieldName(cursor, context));
          node = sibling;
          break;
        }
        cursor.gotoParent();
        node = parent;
      }
    }
  } finally {
    cursor.delete();
  }
}
