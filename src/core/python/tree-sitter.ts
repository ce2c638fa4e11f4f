/**
 * Loads web-tree-sitter and the Python grammar once (lazily; the promise is cached) and parses Python
 * source. Where the two .wasm files come from is injectable (`useTreeSitterWasm`): a browser page hands
 * over the bytes it carries; by default they are the installed packages' own files, found by module
 * resolution (`import.meta.resolve`), so this works from src (tsx, vitest) and from dist alike.
 */
import { Language, Parser, type Tree } from 'web-tree-sitter';

/** The runtime's and the grammar's .wasm: a file path or URL, or the bytes themselves. */
export interface TreeSitterWasm {
  runtime: string | Uint8Array;
  grammar: string | Uint8Array;
}

let parserPromise: Promise<Parser> | null = null;
let wasmSource: (() => TreeSitterWasm) | null = null;

/** Where the .wasm files come from (before the first parse); a browser page passes their bytes. */
export function useTreeSitterWasm(source: () => TreeSitterWasm): void {
  wasmSource = source;
  parserPromise = null;
}

/** The packages' files, as paths (web-tree-sitter reads paths with the file system in Node). */
export function installedWasm(): TreeSitterWasm {
  const path = (specifier: string): string => decodeURIComponent(new URL(import.meta.resolve(specifier)).pathname);
  return { runtime: path('web-tree-sitter/web-tree-sitter.wasm'), grammar: path('tree-sitter-python/tree-sitter-python.wasm') };
}

async function createParser(): Promise<Parser> {
  const { runtime, grammar } = (wasmSource ?? installedWasm)();
  await Parser.init(typeof runtime === 'string' ? { locateFile: () => runtime } : { wasmBinary: runtime.slice().buffer });
  const python = await Language.load(grammar);
  const parser = new Parser();
  parser.setLanguage(python);
  return parser;
}

/** The shared Python parser (loaded on first use). */
export function loadPythonParser(): Promise<Parser> {
  if (!parserPromise) {
    parserPromise = createParser().catch((error: unknown) => {
      parserPromise = null;
      throw error;
    });
  }
  return parserPromise;
}

/** Cells longer than this are not parsed (tree-sitter's wasm heap aborts on tens of megabytes of code). */
export const MAX_SOURCE_CHARS = 1_000_000;

/**
 * Parser work allowed per character, counted in progress callbacks (tree-sitter calls back every ~100
 * parse operations; real code needs at most 0.04 a character). A deterministic bound, not a clock.
 */
const PROGRESS_CALLS_PER_CHAR = 0.5;

/** Sources up to this length are parsed without the progress bound. */
const UNBOUNDED_CHARS = 1000;

export type BoundedParse = { ok: true; tree: Tree } | { ok: false; reason: string };

/** Parses one cell's (masked) source within the bounds above; the caller owns and deletes the tree. */
export function parseBounded(parser: Parser, source: string): BoundedParse {
  if (source.length > MAX_SOURCE_CHARS) {
    return { ok: false, reason: `the cell is too long to analyse (${source.length} characters; the limit is ${MAX_SOURCE_CHARS})` };
  }
  const budget = 1000 + source.length * PROGRESS_CALLS_PER_CHAR;
  let calls = 0;
  // A short cell needs no bound (5,000 characters of random brackets, quotes and keywords parse in under
  // 30 ms here), and the callback from wasm costs more than parsing a two-line cell.
  const options = source.length <= UNBOUNDED_CHARS ? undefined : { progressCallback: () => ++calls > budget };
  const tree = parser.parse(source, null, options);
  if (tree) return { ok: true, tree };
  parser.reset();
  return { ok: false, reason: 'the Python parser gave up on this cell (too complex to analyse)' };
}

/** Parses Python source. The caller owns the tree and should `delete()` it when done. */
export async function parsePython(source: string): Promise<Tree> {
  const parser = await loadPythonParser();
  const tree = parser.parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree for the Python source');
  return tree;
}
