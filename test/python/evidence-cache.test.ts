/**
 * Code evidence is shared by notebooks whose code is the same (src/core/python/index.ts): frozen, so no
 * notebook can change another's, and a failed analysis is not kept.
 */
import { describe, expect, it } from 'vitest';
import { extractCodeEvidence } from '../../src/core/python/index.js';
import { installedWasm, useTreeSitterWasm } from '../../src/core/python/tree-sitter.js';
import type { NotebookCell } from '../../src/types.js';

const cell = (index: number, source: string, executionCount: number | null = index + 1): NotebookCell => ({ index, type: 'code', source, executionCount, outputs: [] });

describe('shared code evidence', () => {
  it('is the same frozen object for the same code, and separate for other code or another order', async () => {
    const cells = [cell(0, 'from tensorflow import keras'), cell(1, 'model = keras.Sequential([keras.layers.Dense(10)])')];
    const first = await extractCodeEvidence(cells);
    const again = await extractCodeEvidence(cells.map((c) => ({ ...c })));
    expect(again).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.models) && Object.isFrozen(first.models[0])).toBe(true);
    expect(() => (first.models as unknown[]).push(null)).toThrow();
    const reordered = await extractCodeEvidence([cell(0, cells[0]!.source, 2), cell(1, cells[1]!.source, 1)]);
    expect(reordered).not.toBe(first);
    expect(first.assumedImports).toEqual([]);
    expect(reordered.assumedImports.length).toBeGreaterThan(0);
  });

  it('is not kept when the analysis failed, so the next notebook tries again', async () => {
    const cells = [cell(0, 'x = 1  # a cell no other test has')];
    useTreeSitterWasm(() => ({ runtime: '/nonexistent/web-tree-sitter.wasm', grammar: '/nonexistent/tree-sitter-python.wasm' }));
    await expect(extractCodeEvidence(cells)).rejects.toThrow();
    useTreeSitterWasm(installedWasm);
    const evidence = await extractCodeEvidence(cells);
    expect(evidence.syntaxErrors).toEqual([]);
  });
});
