import { z } from 'zod';
import { defineCheck, describeLocation, type Finding } from './define-check.js';

export default defineCheck({
  id: 'notebook-executed',
  description:
    'The notebook was run before it was saved: its code cells have execution counts and outputs, the counts rise in notebook order, and no cell shows an error. Partial credit: the share of cells run, halved when out of order, halved again when an error is shown.',
  options: z.strictObject({
    /** Share of non-empty code cells that must have run for full credit. */
    minExecutedShare: z.number().min(0).max(1).default(1),
  }),
  messages: {
    noCode: 'コードセルがありません。',
    notRun: 'ノートブックが実行されていません(実行結果が保存されていません)。',
    partlyRun: 'コードセル {{codeCells}} 個のうち {{executedCells}} 個しか実行されていません。',
    outOfOrder: 'セルが上から順に実行されていません(実行番号が前後しています)。',
    errorOutput: '{{where}}にエラー {{ename}} が出ています。エラーを直してから実行し直してください。',
  },
  run({ evidence }, options, report) {
    const { codeCells, executedCells, executionOrder } = evidence.notebook;
    if (codeCells === 0) return { findings: [report('noCode')] };
    if (executedCells === 0 || executionOrder === 'not-run') return { findings: [report('notRun')] };
    const findings: Finding[] = [];
    const share = executedCells / codeCells;
    if (share < options.minExecutedShare) findings.push(report('partlyRun', { codeCells, executedCells }));
    if (executionOrder === 'out-of-order') findings.push(report('outOfOrder'));
    const { errors } = evidence.outputs;
    for (const error of errors) findings.push(report('errorOutput', { where: describeLocation(error.at, 'output'), ename: error.ename || 'Error' }, error.at));
    const fraction =
      Math.min(1, share / (options.minExecutedShare || 1)) * (executionOrder === 'out-of-order' ? 0.5 : 1) * (errors.length > 0 ? 0.5 : 1);
    return { findings, fraction: findings.length === 0 ? 1 : fraction };
  },
});
