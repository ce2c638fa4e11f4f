/**
 * Python code → a token stream for fingerprinting, as MOSS and Dolos do: the leaves of the tree-sitter
 * tree, with every identifier written `ID`, every number `NUM` and every string `STR`, comments dropped.
 * Renaming variables or changing constants therefore does not hide a copy.
 *
 * The interpreter has usually just parsed every cell (src/core/python/parse-cache.ts keeps the copies):
 * when each piece parses cleanly alone, its tokens are read from that copy, which are the tokens the
 * pieces joined would give (complete statements joined by newlines parse to the same leaves). Otherwise
 * the pieces are parsed together in one call; when that tree has an error, each piece is parsed alone so
 * that one broken cell cannot spill into the next.
 */
import type { Parser, Tree, TreeCursor } from 'web-tree-sitter';
import { maskMagics } from '../python/magics.js';
import { parseCell } from '../python/parse-cache.js';
import type { SyntaxNode } from '../python/syntax-tree.js';

export interface Token {
  /** 32-bit hash of the normalised token text. */
  hash: number;
  /** 1-based line inside its piece. */
  line: number;
}

export interface CodePiece {
  /** Caller's key (the cell index). */
  key: number;
  source: string;
}

const ATOMIC: Record<string, string> = { string: 'STR', concatenated_string: 'STR' };
const NAMED_LEAF: Record<string, string> = { identifier: 'ID', integer: 'NUM', float: 'NUM' };
const SKIPPED = new Set(['comment', 'line_continuation']);

const hashCache = new Map<string, number>();

/** FNV-1a over the UTF-16 code units; the same on every thread and run. */
export function hashText(text: string): number {
  const cached = hashCache.get(text);
  if (cached !== undefined) return cached;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  const value = h >>> 0;
  if (hashCache.size < 10_000) hashCache.set(text, value);
  return value;
}

/** Token streams per piece, keyed by piece key. */
export function tokenizePieces(parser: Parser, pieces: readonly CodePiece[]): Map<number, Token[]> {
  const masked = pieces.map((piece) => maskMagics(piece.source));
  const roots: SyntaxNode[] = [];
  for (const text of masked) {
    const parsed = parseCell(parser, text);
    if ('failure' in parsed || parsed.root.hasError) return tokenizeJoined(parser, pieces, masked);
    roots.push(parsed.root);
  }
  const result = new Map<number, Token[]>();
  pieces.forEach((piece, i) => {
    const tokens: Token[] = [];
    collectCopied(roots[i]!, (hash, row) => tokens.push({ hash, line: row + 1 }));
    result.set(piece.key, tokens);
  });
  return result;
}

/** The pieces parsed together (and alone where that tree has an error); `masked` are their masked sources. */
export function tokenizeJoined(parser: Parser, pieces: readonly CodePiece[], masked = pieces.map((piece) => maskMagics(piece.source))): Map<number, Token[]> {
  const result = new Map<number, Token[]>();
  if (pieces.length === 0) return result;
  const joined = parseOrNull(parser, masked.join('\n'));
  if (joined && !joined.rootNode.hasError) {
    const starts: number[] = [];
    let row = 0;
    for (const text of masked) {
      starts.push(row);
      row += text.split('\n').length;
    }
    for (const piece of pieces) result.set(piece.key, []);
    // Tokens come in source order, so the piece index only moves forward.
    let index = 0;
    collect(joined, (hash, tokenRow) => {
      while (index + 1 < starts.length && (starts[index + 1] ?? 0) <= tokenRow) index += 1;
      const piece = pieces[index];
      if (piece) result.get(piece.key)?.push({ hash, line: tokenRow - (starts[index] ?? 0) + 1 });
    });
    joined.delete();
    return result;
  }
  joined?.delete();
  pieces.forEach((piece, i) => {
    const tree = parseOrNull(parser, masked[i] ?? '');
    const tokens: Token[] = [];
    if (tree) {
      collect(tree, (hash, tokenRow) => tokens.push({ hash, line: tokenRow + 1 }));
      tree.delete();
    }
    result.set(piece.key, tokens);
  });
  return result;
}

function parseOrNull(parser: Parser, source: string): Tree | null {
  return parser.parse(source);
}

/** The same walk as `collect`, over a parsed copy without errors (so with no MISSING node). */
function collectCopied(root: SyntaxNode, emit: (hash: number, row: number) => void): void {
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const type = node.type;
    const atomic = ATOMIC[type];
    if (atomic !== undefined) emit(hashText(atomic), node.startPosition.row);
    else if (SKIPPED.has(type)) {
      // dropped
    } else if (node.children.length > 0) {
      for (let at = node.children.length - 1; at >= 0; at--) stack.push(node.children[at]!);
    } else if (type !== 'module' && node.endIndex > node.startIndex) {
      emit(hashText(node.isNamed ? (NAMED_LEAF[type] ?? type) : type), node.startPosition.row);
    }
  }
}

/** Depth-first over the leaves (strings as one token), in source order. */
function collect(tree: Tree, emit: (hash: number, row: number) => void): void {
  const cursor: TreeCursor = tree.walk();
  try {
    for (;;) {
      const type = cursor.nodeType;
      const atomic = ATOMIC[type];
      let descend = false;
      if (atomic !== undefined) emit(hashText(atomic), cursor.startPosition.row);
      else if (SKIPPED.has(type)) {
        // dropped
      } else if (cursor.gotoFirstChild()) descend = true;
      else if (cursor.nodeIsMissing) {
        // inserted by error recovery, not in the text
      } else if (type !== 'module' && cursor.endIndex > cursor.startIndex) {
        emit(hashText(cursor.nodeIsNamed ? (NAMED_LEAF[type] ?? type) : type), cursor.startPosition.row);
      }
      if (descend) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return;
      }
    }
  } finally {
    cursor.delete();
  }
}
