import { z } from 'zod';
import { defineCheck, describeLocation } from './define-check.js';
import type { Finding } from '../../types.js';

export default defineCheck({
  id: 'notebook-executed',
  description:
    'The notebook was run before it was saved: its code cells have execution counts and outputs, and no cell shows an error. Cells not run cost their share; error outputs cost half. The order in which cells were run costs nothing (it is an integrity flag for the TA: execution-out-of-order).',
  options: z.strictObject({
    /** Share of non-empty code cells that must have run for full credit. */
    minExecutedShare: z.number().min(0).max(1).default(1),
  }),
  messages: {
    noCode: 'コードセルがありません。',
    notRun: 'ノートブックが実行されていません(実行結果が保存されていません)。',
    partlyRun: 'コードセル {{codeCells}} 個のうち {{executedCells}} 個しか実行されていません。',
    errorOutput: '{{where}}にエラー {{ename}} が出ています。エラーを直してから実行し直してください。',
  },
  run({ evidence }, options, report) {
    const { codeCells, executedCells, executionOrder } = evidence.notebook;
    if (codeCells === 0) return { findings: [report('noCode')] };
    if (executedCells === 0 || executionOrder === 'not-run') return { findings: [report('notRun')] };
    const findings: Finding[] = [];
    const share = executedCells / codeCells;
    if (share < options.minExecutedShare) {
      findings.push(report('partlyRun', { codeCells, executedCells }, undefined, { cost: 1 - share / (options.minExecutedShare || 1) }));
    }
    const { errors } = evidence.outputs;
    for (const error of errors) {
      findings.push(report('errorOutput', { where: describeLocation(error.at, 'output'), ename: error.ename || 'Error' }, error.at, { cost: 0.5 / errors.length }));
    }
    return { findings };
  },
});
