/**
 * Parsed cells shared across notebooks: most students type the lecture's cells character for character,
 * so a class of 2,000 has only a few hundred distinct cell sources. A cell is parsed once, copied out of
 * tree-sitter's heap (syntax-tree.ts: the interpreter then reads plain objects), and the tree-sitter tree
 * is deleted at once; the copy and its syntax check serve every cell with the same source, and the
 * fingerprinting of the same notebook (integrity/tokens.ts). The cache keeps the TREE_CACHE_LIMIT sources
 * used most recently: the lecture's cells stay, and a student's own cells stay while their notebook is graded.
 */
import type { Parser } from 'web-tree-sitter';
import { findSyntaxError } from './syntax-errors.js';
import { copySyntaxTree, type SyntaxNode } from './syntax-tree.js';
import { parseBounded } from './tree-sitter.js';

export const TREE_CACHE_LIMIT = 1000;
/** Longer sources are not kept: the cache is for ordinary cells. */
const MAX_CACHED_SOURCE = 20_000;

export interface ParsedCell {
  root: SyntaxNode;
  problem: ReturnType<typeof findSyntaxError>;
}

const cache = new Map<string, ParsedCell>();

/** The cell's tree, or why it could not be parsed (too long, or the parser gave up: see parseBounded). */
export function parseCell(parser: Parser, source: string): ParsedCell | { failure: string } {
  const hit = cache.get(source);
  if (hit) {
    // most recently used last: Map keeps insertion order
    cache.delete(source);
    cache.set(source, hit);
    return hit;
  }
  const bounded = parseBounded(parser, source);
  if (!bounded.ok) return { failure: bounded.reason };
  let root: SyntaxNode;
  try {
    root = copySyntaxTree(bounded.tree, source);
  } finally {
    bounded.tree.delete();
  }
  const parsed: ParsedCell = { root, problem: findSyntaxError(root) };
  if (source.length <= MAX_CACHED_SOURCE) {
    if (cache.size >= TREE_CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(source, parsed);
  }
  return parsed;
}
