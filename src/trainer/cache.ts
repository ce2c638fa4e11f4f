/**
 * Disk cache of training results for the opt-in --verify-accuracy of student variants, keyed by the
 * sha256 of what determines the result: layers, compile, fit, epochs, seed, backend and the trainer's
 * version. Source locations (`at`) and other non-semantic fields are left out of the key, so the same
 * model written in two notebooks shares one entry.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompileSpec, FitSpec, LayerSpec } from '../types.js';
import { stableJson } from './json.js';
import type { TrainResult } from './train.js';

/** Bump when a trainer change alters results: old entries stop matching. */
export const TRAINER_VERSION = 1;

export const DEFAULT_CACHE_DIR = '.cache';

export interface CacheKeyInput {
  layers: LayerSpec[];
  compile: Pick<CompileSpec, 'loss' | 'optimizer' | 'learningRate'>;
  fit: Pick<FitSpec, 'epochs' | 'batchSize' | 'validationSplit'> & { hasValidationData?: boolean };
  epochs: number;
  seed: number;
  /** The backend that runs (or ran): 'wasm', 'cpu', 'tensorflow'. */
  backend: string;
}

export function trainingCacheKey(input: CacheKeyInput): string {
  const canonical = {
    trainer: TRAINER_VERSION,
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
