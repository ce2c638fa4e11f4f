/** Provenance flags and the honest notebooks that come close to them. */
import { describe, expect, it } from 'vitest';
import { provenanceFindings } from '../../src/core/integrity/provenance.js';
import type { NotebookFacts } from '../../src/core/integrity/facts.js';
import type { Notebook } from '../../src/types.js';

const ranAt = (iso: string): Notebook => ({
  nbformat: '4.5',
  colab: true,
  accelerator: null,
  kernel: null,
  invalidUtf8At: null,
  cells: [{ index: 0, type: 'code', source: 'print(1)', executionCount: 1, outputs: [], colab: { executedAt: new Date(iso).toISOString(), user: null } }],
});
const facts: NotebookFacts = { fingerprints: [], epochs: [], images: [], accounts: [], cellsWithUser: 0, seeds: null };
const flags = (notebook: Notebook, submittedAt: string, deadline: string) =>
  provenanceFindings(notebook, facts, { name: null, submittedAt: new Date(submittedAt), deadline: new Date(deadline), tz: 'Asia/Tokyo' }).map((f) => f.flag);

describe('executed-after-*', () => {
  it('a file submitted on time but last run after the deadline is flagged', () => {
    expect(flags(ranAt('2023-11-17T09:30:00+09:00'), '2023-11-16T20:00:00+09:00', '2023-11-16T23:59:59+09:00')).toEqual(['executed-after-submission', 'executed-after-deadline']);
  });

  it('a late file (graded under a penalty policy) was naturally run after the deadline, before its submission: no flag', () => {
    expect(flags(ranAt('2023-11-17T09:30:00+09:00'), '2023-11-17T10:00:00+09:00', '2023-11-16T23:59:59+09:00')).toEqual([]);
  });

  it('a few minutes of clock skew are no evidence', () => {
    expect(flags(ranAt('2023-11-16T20:03:00+09:00'), '2023-11-16T20:00:00+09:00', '2023-11-16T23:59:59+09:00')).toEqual([]);
  });
});
