import { describe, expect, it } from 'vitest';
import { consoleSummary } from '../../src/report/console.js';
import { reviewQueue, reviewReasons } from '../../src/report/review.js';
import { criterion, gradeRow, gradeRun } from './rows.js';

const full = gradeRow({ studentId: '2312001', criteria: [criterion('a', 2, 2), criterion('b', 3, 3)] });
const partly = gradeRow({ studentId: '2312002', name: '佐藤花子', file: 'p.ipynb', criteria: [criterion('a', 2, 2), criterion('b', 1, 3)] });
const copy = gradeRow({ studentId: '2312003', name: '鈴木一郎', file: 'c.ipynb', flags: ['suspected-copy'], criteria: [criterion('a', 2, 2), criterion('b', 3, 3)] });
const empty = gradeRow({ studentId: '2312004', name: '高橋美咲', file: 'e.ipynb', status: 'unreadable', criteria: null, reason: 'The file is empty.' });
const late = gradeRow({ studentId: '2312005', name: '田中健', file: 'l.ipynb', status: 'late', criteria: null, submittedAt: '2023-11-17 00:00:41' });
const system = gradeRow({ studentId: null, name: null, file: '.DS_Store', status: 'not-a-notebook', criteria: null, flags: ['system-file'] });
const run = gradeRun([full, partly, copy, empty, late, system]);

describe('review queue', () => {
  it('lists what needs a look, most urgent first; system files and clean rows never', () => {
    expect(reviewQueue(run).map((item) => item.row.studentId)).toEqual(['2312004', '2312003', '2312005', '2312002']);
    expect(reviewReasons(full)).toEqual([]);
    expect(reviewReasons(system)).toEqual([]);
    expect(reviewReasons(partly).map((r) => r.ja)).toEqual(['部分点の項目: 項目 b 1/3']);
  });

  it('explains unknown flags by name and asks for a look', () => {
    expect(reviewReasons(gradeRow({ flags: ['something-new'], criteria: [criterion('a', 2, 2)] })).map((r) => r.code)).toEqual(['something-new']);
  });
});

describe('console summary', () => {
  const text = consoleSummary(run, { csv: 'grades.csv', 'review report': 'report/index.html (+ 6 submission pages)', feedback: 'report/feedback/<学籍番号>.md (5 students)' });

  it('counts by status, mean and median of graded scores', () => {
    expect(text).toContain('status: graded 3, late 1, not-a-notebook 1, unreadable 1');
    expect(text).toContain('score (graded): mean 4.33, median 5.00 of 5; full marks 2 of 3');
  });

  it('lists who needs review with reasons, then where every file was written', () => {
    const lines = text.trimEnd().split('\n');
    const at = lines.indexOf('needs review (4):');
    expect(lines.slice(at + 1, at + 5)).toEqual([
      '  2312004 高橋美咲 — e.ipynb: unreadable — The file is empty.',
      '  2312003 鈴木一郎 — c.ipynb: suspected copy',
      '  2312005 田中健 — l.ipynb: late (2023-11-17 00:00:41)',
      '  2312002 佐藤花子 — p.ipynb: partial credit: b',
    ]);
    expect(lines.slice(-3)).toEqual([
      'wrote csv: grades.csv',
      'wrote review report: report/index.html (+ 6 submission pages)',
      'wrote feedback: report/feedback/<学籍番号>.md (5 students)',
    ]);
  });
});
