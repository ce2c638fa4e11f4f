/** What the notebook itself says about running: execution counts, outputs, and cells with code. */
import { describe, expect, it } from 'vitest';
import { summariseNotebook } from '../../src/core/evidence.js';
import { parseNotebook } from '../../src/core/notebook/parse.js';

type Cell = { source: string; count: number | null; outputs?: boolean };

function summary(cells: Cell[]) {
  const json = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: cells.map((c) => ({
      cell_type: 'code',
      source: c.source,
      metadata: {},
      execution_count: c.count,
      outputs: c.outputs ? [{ output_type: 'stream', name: 'stdout', text: 'ok\n' }] : [],
    })),
  };
  const parsed = parseNotebook(JSON.stringify(json));
  if (!parsed.ok) throw new Error(parsed.reason);
  return summariseNotebook(parsed.notebook);
}

describe('summariseNotebook', () => {
  it('counts cells with an execution count, in order', () => {
    expect(summary([{ source: 'a = 1', count: 1 }, { source: 'print(a)', count: 2, outputs: true }])).toMatchObject({ codeCells: 2, executedCells: 2, executionOrder: 'in-order' });
  });

  it('a last cell with only a comment is not code left unrun', () => {
    expect(summary([{ source: 'a = 1', count: 1 }, { source: '# 山田太郎\n', count: null }])).toMatchObject({ codeCells: 1, executedCells: 1 });
  });

  it('outputs saved but every count removed: run, order unknown', () => {
    expect(summary([{ source: 'import numpy as np', count: null }, { source: 'print(1)', count: null, outputs: true }])).toMatchObject({ codeCells: 2, executedCells: 2, executionOrder: 'unknown' });
  });

  it('execution_count 0 on every cell (old Colab exports) is no count: not out of order', () => {
    expect(summary([{ source: 'a = 1', count: 0 }, { source: 'print(a)', count: 0, outputs: true }])).toMatchObject({ executedCells: 2, executionOrder: 'unknown' });
    expect(summary([{ source: 'a = 1', count: 0 }, { source: 'print(a)', count: 0 }])).toMatchObject({ executedCells: 0, executionOrder: 'not-run' });
  });
});
