/**
 * The core (src/core/browser.ts) bundled into one script for a browser page, with esbuild: an IIFE that
 * defines `globalThis.KadaiCore` ({ createCore }). Node-only branches inside dependencies (web-tree-sitter
 * reads its .wasm with `fs` under Node) are left as unresolved requires that a browser never reaches;
 * `import.meta.url` becomes the page's own address.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('../core/browser.' + (import.meta.url.endsWith('.ts') ? 'ts' : 'js'), import.meta.url));

export async function bundleCore(): Promise<string> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'KadaiCore',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
    external: ['fs', 'fs/promises', 'module', 'path', 'url', 'node:*'],
    // the .wasm bytes are handed over (useTreeSitterWasm); the emscripten loader still builds URLs from this
    define: { 'import.meta.url': 'globalThis.location.href' },
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild wrote no bundle');
  return file.text;
}
