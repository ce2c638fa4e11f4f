/**
 * Parsed cells shared across notebooks: most students type the lecture's cells character for character,
 * so a class of 2,000 has only a few hundred distinct cell sources. A tree-sitter tree is never changed
 * after parsing, so one tree (and its syntax check) serves every cell with the same source. The cache
 * keeps the first TREE_CACHE_LIMIT distinct sources for the life of the thread; a source beyond that is
 * parsed for its caller, who deletes the tree.
 */
import type { Parser, Tree } from 'web-tree-sitter';
import { findSyntaxError } from './syntax-errors.js';
import { parseBounded } from './tree-sitter.js';

export const TREE_CACHE_LIMIT = 1000;
/** Longer sources are not kept: the cache is for ordinary cells. */
const MAX_CACHED_SOURCE = 20_000;

export interface ParsedCell {
  tree: Tree;
  problem: ReturnType<typeof findSyntaxError>;
  /** True when the caller owns the tree and must delete() it. */
  owned: boolean;
}

const cache = new Map<string, ParsedCell>();

/** The cell's tree, or why it could not be parsed (too long, or the parser gave up: see parseBounded). */
export function parseCell(parser: Parser, source: string): ParsedCell | { failure: string } {
  const hit = cache.get(source);
  if (hit) return hit;
  const bounded = parseBounded(parser, source);
  if (!bounded.ok) return { failure: bounded.reason };
  const tree = bounded.tree;
  const keep = cache.size < TREE_CACHE_LIMIT && source.length <= MAX_CACHED_SOURCE;
  const parsed: ParsedCell = { tree, problem: findSyntaxError(tree.rootNode), owned: !keep };
  if (keep) cache.set(source, { ...parsed, owned: false });
  return parsed;
}
