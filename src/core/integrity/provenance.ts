/**
 * Where and when a notebook was run, from Colab's executionInfo: a last run after the submission time
 * or the deadline (the saved file cannot hold a run that had not happened yet: a clock or a file was
 * changed), cells run by an account whose name is not the submitter's, or by several accounts. Also
 * bytes that are not UTF-8 (the notebook was re-encoded or edited outside Jupyter).
 */
import { wallClockIn } from '../util/time.js';
import type { Notebook } from '../../types.js';
import type { NotebookFacts } from './facts.js';
import { compareNames } from './names.js';
import type { LocalFinding } from './stale.js';

/** Colab's timestamps come from the student's browser clock: a few minutes of skew are not evidence. */
export const CLOCK_GRACE_MS = 5 * 60 * 1000;

export interface ProvenanceContext {
  /** The submitter's name from the file name or the LMS list. */
  name: string | null;
  submittedAt: Date;
  deadline: Date;
  tz: string;
}

export function provenanceFindings(notebook: Notebook, facts: NotebookFacts, context: ProvenanceContext): LocalFinding[] {
  return [...timeFindings(notebook, context), ...accountFindings(facts, context.name), ...encodingFindings(notebook)];
}

function timeFindings(notebook: Notebook, context: ProvenanceContext): LocalFinding[] {
  let last: { cell: number; at: number } | null = null;
  for (const cell of notebook.cells) {
    const at = cell.colab?.executedAt ? Date.parse(cell.colab.executedAt) : NaN;
    if (Number.isFinite(at) && (!last || at > last.at)) last = { cell: cell.index, at };
  }
  if (!last) return [];
  const lastRun = last;
  const when = (): string => `cell ${lastRun.cell + 1} was last run at ${wallClockIn(new Date(lastRun.at), context.tz)}`;
  const findings: LocalFinding[] = [];
  if (last.at > context.submittedAt.getTime() + CLOCK_GRACE_MS) {
    findings.push({ flag: 'executed-after-submission', evidence: `${when()}, after the submission time ${wallClockIn(context.submittedAt, context.tz)}`, at: { cell: last.cell } });
  }
  // a file submitted late was naturally run after the deadline: its lateness is the late policy's matter
  const submittedOnTime = context.submittedAt.getTime() <= context.deadline.getTime();
  if (submittedOnTime && last.at > context.deadline.getTime() + CLOCK_GRACE_MS) {
    findings.push({ flag: 'executed-after-deadline', evidence: `${when()}, after the deadline ${wallClockIn(context.deadline, context.tz)}`, at: { cell: last.cell } });
  }
  return findings;
}

const cellList = (cells: number[]): string => {
  const numbers = cells.map((c) => c + 1);
  return numbers.length > 6 ? `${numbers.slice(0, 5).join(', ')} … ${numbers.at(-1)}` : numbers.join(', ');
};

function accountFindings(facts: NotebookFacts, submitter: string | null): LocalFinding[] {
  const findings: LocalFinding[] = [];
  if (facts.accounts.length > 1) {
    const list = facts.accounts.map((a) => `"${a.label}" (cells ${cellList(a.cells)})`).join(', ');
    findings.push({ flag: 'colab-multiple-users', evidence: `cells were run by ${facts.accounts.length} Colab accounts: ${list}`, at: { cell: facts.accounts[0]?.cells[0] ?? 0 } });
  }
  if (submitter) {
    for (const account of facts.accounts) {
      if (/^\d+$/.test(account.label) || compareNames(account.label, submitter) !== 'different') continue;
      findings.push({
        flag: 'colab-user-mismatch',
        evidence: `cells ${cellList(account.cells)} were run by the Colab account "${account.label}", not by the submitter ${submitter}`,
        at: { cell: account.cells[0] ?? 0 },
      });
    }
  }
  return findings;
}

function encodingFindings(notebook: Notebook): LocalFinding[] {
  if (notebook.invalidUtf8At === null) return [];
  return [{ flag: 'invalid-utf8', evidence: `the file is not valid UTF-8 (first bad byte at offset ${notebook.invalidUtf8At}); bad bytes were read as U+FFFD` }];
}
