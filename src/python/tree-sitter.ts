/**
 * Loads web-tree-sitter and the Python grammar once (lazily; the promise is cached) and parses Python
 * source. The .wasm files are resolved through Node's module resolution so this works from src (tsx,
 * vitest) and from dist alike.
 */
import { createRequire } from 'node:module';
import { Language, Parser, type Tree } from 'web-tree-sitter';

const require = createRequire(import.meta.url);

let parserPromise: Promise<Parser> | null = null;

async function createParser(): Promise<Parser> {
  const runtimeWasm = require.resolve('web-tree-sitter/web-tree-sitter.wasm');
  const grammarWasm = require.resolve('tree-sitter-python/tree-sitter-python.wasm');
  await Parser.init({ locateFile: () => runtimeWasm });
  const python = await Language.load(grammarWasm);
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

/** Parses Python source. The caller owns the tree and should `delete()` it when done. */
export async function parsePython(source: string): Promise<Tree> {
  const parser = await loadPythonParser();
  const tree = parser.parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree for the Python source');
  return tree;
}
