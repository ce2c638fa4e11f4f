/**
 * Scripts for a browser page, bundled with esbuild into one IIFE each:
 * - `bundleCore()`: the core (src/core/browser.ts), defining `globalThis.KadaiCore` ({ createCore });
 * - `bundleSelfcheckPage()`: the student self-check page's script (src/selfcheck/page/main.ts, the core
 *   included), which starts itself.
 * Node-only branches inside dependencies (web-tree-sitter reads its .wasm with `fs` under Node) are left as
 * unresolved requires that a browser never reaches; `import.meta.url` becomes the page's own address.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const EXT = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
const CORE_ENTRY = fileURLToPath(new URL(`../core/browser.${EXT}`, import.meta.url));
const PAGE_ENTRY = fileURLToPath(new URL(`../selfcheck/page/main.${EXT}`, import.meta.url));

async function bundle(entry: string, globalName?: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    ...(globalName ? { globalName } : {}),
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
    external: ['fs', 'fs/promises', 'module', 'path', 'url', 'node:*'],
    // the .wasm bytes are handed over (useTreeSitterWasm); the emscripten loader still builds URLs from this
    define: { 'import.meta.url': 'globalThis.location.href' },
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild wrote no bundle');
  return file.text;
}

export function bundleCore(): Promise<string> {
  return bundle(CORE_ENTRY, 'KadaiCore');
}

export function bundleSelfcheckPage(): Promise<string> {
  return bundle(PAGE_ENTRY);
}
