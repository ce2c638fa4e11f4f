/**
 * Choose the TensorFlow.js backend: tensorflow (tfjs-node-gpu: CUDA GPU when present, else CPU) →
 * wasm → cpu. A missing optional package or a native library that fails to load means the next
 * backend, with one note line saying why; forcing an unavailable backend is a BackendUnavailableError.
 */
import * as tf from '@tensorflow/tfjs';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';
export type WantedBackend = 'auto' | BackendName;

export interface SelectedBackend {
  name: BackendName;
  tf: typeof import('@tensorflow/tfjs');
  /** One line per backend tried and skipped, plus one saying what runs. */
  notes: string[];
}

export interface SelectBackendOptions {
  /** Loads a package by name; tests replace it to simulate missing or broken packages. */
  load?: (pkg: string) => Promise<unknown>;
}

export class BackendUnavailableError extends Error {
  constructor(
    readonly backend: BackendName,
    readonly reason: string,
  ) {
    super(`backend '${backend}' is not available: ${reason}`);
    this.name = 'BackendUnavailableError';
  }
}

/** Package that provides each backend (cpu ships inside @tensorflow/tfjs). */
export const BACKEND_PACKAGES: Record<BackendName, string> = {
  tensorflow: '@tensorflow/tfjs-node-gpu',
  wasm: '@tensorflow/tfjs-backend-wasm',
  cpu: '@tensorflow/tfjs',
};

const ORDER: BackendName[] = ['tensorflow', 'wasm', 'cpu'];

/** One line: 'package not installed' when the package itself is missing, else the error's first line. */
function describeError(err: unknown, pkg: string): string {
  const text = err instanceof Error ? err.message : String(err);
  const first = text.split('\n')[0] ?? text;
  if (/Cannot find (module|package)/.test(first) && first.includes(`'${pkg}'`)) return 'package not installed';
  return first.length > 160 ? `${first.slice(0, 157)}...` : first;
}

interface ProcessHandlers {
  uncaught: NodeJS.UncaughtExceptionListener[];
  rejection: NodeJS.UnhandledRejectionListener[];
}

function processHandlers(): ProcessHandlers {
  return { uncaught: process.listeners('uncaughtException'), rejection: process.listeners('unhandledRejection') };
}

/**
 * The Emscripten glue of the wasm backend adds process-wide handlers that rethrow (and make Node
 * print a line of minified source); put the process's own handlers back as they were.
 */
function restoreProcessHandlers(before: ProcessHandlers): void {
  for (const l of process.listeners('uncaughtException')) {
    if (!before.uncaught.includes(l)) process.removeListener('uncaughtException', l);
  }
  for (const l of process.listeners('unhandledRejection')) {
    if (!before.rejection.includes(l)) process.removeListener('unhandledRejection', l);
  }
}

/** Tries one backend; returns null on success, or the reason it is unavailable. */
async function tryBackend(name: BackendName, load: (pkg: string) => Promise<unknown>): Promise<string | null> {
  const before = processHandlers();
  try {
    if (name !== 'cpu') await load(BACKEND_PACKAGES[name]);
    const factory: unknown = tf.findBackendFactory(name);
    if (factory === null || factory === undefined) {
      return `${BACKEND_PACKAGES[name]} loaded but registered no '${name}' backend on this copy of tfjs-core`;
    }
    const ok = await tf.setBackend(name);
    if (!ok) return `${BACKEND_PACKAGES[name]} failed to initialise`;
    await tf.ready();
    return null;
  } catch (err) {
    return describeError(err, BACKEND_PACKAGES[name]);
  } finally {
    restoreProcessHandlers(before);
  }
}

function gpuNote(): string {
  const flag: unknown = Reflect.get(tf.backend(), 'isUsingGpuDevice');
  if (flag === true) return 'CUDA GPU';
  if (flag === false) return 'CPU (no usable CUDA GPU)';
  return 'device unknown';
}

/**
 * Selects and initialises a backend. Never prints: tfjs's own console warnings are silenced with
 * production mode. 'auto' walks tensorflow → wasm → cpu; a named backend is taken or fails.
 */
export async function selectBackend(
  wanted: WantedBackend,
  options: SelectBackendOptions = {},
): Promise<SelectedBackend> {
  const load = options.load ?? ((pkg: string) => import(pkg) as Promise<unknown>);
  tf.enableProdMode();
  const notes: string[] = [];
  const candidates = wanted === 'auto' ? ORDER : [wanted];
  for (const name of candidates) {
    const reason = await tryBackend(name, load);
    if (reason !== null) {
      if (wanted !== 'auto') throw new BackendUnavailableError(name, reason);
      notes.push(`${name}: skipped (${reason})`);
      continue;
    }
    notes.push(`${name}: in use${name === 'tensorflow' ? ` on ${gpuNote()}` : ''}`);
    return { name, tf, notes };
  }
  throw new BackendUnavailableError('cpu', notes.join('; '));
}
