import { z } from 'zod';
import { defineCheck } from './define-check.js';

export default defineCheck({
  id: 'notebook-executed',
  description:
    'The notebook was run before it was saved: its code cells have execution counts and outputs, and the counts rise in notebook order.',
  options: z.strictObject({
    /** Share of non-empty code cells that must have run for full credit. */
    minExecutedShare: z.number().min(0).max(1).default(1),
  }),
  messages: {
    noCode: 'コードセルがありません。',
    notRun: 'ノートブックが実行されていません(実行結果が保存されていません)。',
    partlyRun: 'コードセル {{codeCells}} 個のうち {{executedCells}} 個しか実行されていません。',
    outOfOrder: 'セルが上から順に実行されていません(実行番号が前後しています)。',
  },
  run({ evidence }, options, report) {
    const { codeCells, executedCells, executionOrder } = evidence.notebook;
    if (codeCells === 0) return { findings: [report('noCode')] };
    if (executedCells === 0 || executionOrder === 'not-run') return { findings: [report('notRun')] };
    const findings = [];
    const share = executedCells / codeCells;
    if (share < options.minExecutedShare) findings.push(report('partlyRun', { codeCells, executedCells }));
    if (executionOrder === 'out-of-order') findings.push(report('outOfOrder'));
    const fraction = Math.min(1, share / (options.minExecutedShare || 1)) * (executionOrder === 'out-of-order' ? 0.5 : 1);
    return { findings, fraction: findings.length === 0 ? 1 : fraction };
  },
});
