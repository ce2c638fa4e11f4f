import { describe, expect, it } from 'vitest';
import { BackendUnavailableError, selectBackend } from '../../src/trainer/backend.js';

describe('selectBackend', () => {
  it("'auto' skips the absent tfjs-node-gpu with a note and takes wasm", async () => {
    const b = await selectBackend('auto');
    expect(b.name).toBe('wasm');
    expect(b.tf.getBackend()).toBe('wasm');
    expect(b.notes).toEqual(['tensorflow: skipped (package not installed)', 'wasm: in use']);
  });

  it('forcing an unavailable backend is a clear error', async () => {
    await expect(selectBackend('tensorflow')).rejects.toThrow(BackendUnavailableError);
    await expect(selectBackend('tensorflow')).rejects.toThrow("backend 'tensorflow' is not available: package not installed");
  });

  it('a package that fails to load means the next backend, never a crash', async () => {
    const load = async (pkg: string): Promise<unknown> => {
      if (pkg === '@tensorflow/tfjs-node-gpu') {
        throw new Error("Cannot find module '/x/node_modules/@tensorflow/tfjs-node-gpu/lib/napi-v8/tfjs_binding.node'\nRequire stack: …");
      }
      if (pkg === '@tensorflow/tfjs-backend-wasm') throw new Error("Cannot find module '@tensorflow/tfjs-backend-wasm'");
      return import(pkg);
    };
    const b = await selectBackend('auto', { load });
    expect(b.name).toBe('cpu');
    expect(b.notes).toEqual([
      "tensorflow: skipped (Cannot find module '/x/node_modules/@tensorflow/tfjs-node-gpu/lib/napi-v8/tfjs_binding.node')",
      'wasm: skipped (package not installed)',
      'cpu: in use',
    ]);
  });

  it('leaves the process error handlers as they were', async () => {
    const before = [process.listeners('uncaughtException').length, process.listeners('unhandledRejection').length];
    await selectBackend('wasm');
    expect([process.listeners('uncaughtException').length, process.listeners('unhandledRejection').length]).toEqual(before);
  });
});
