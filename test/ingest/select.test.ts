import { describe, expect, it } from 'vitest';
import { parseDeadline } from '../../src/ingest/deadline.js';
import { selectSubmissions, type SelectionItem } from '../../src/ingest/select.js';

const deadline = parseDeadline('2023-11-16T23:59', 'Asia/Tokyo');
const at = (text: string): Date => new Date(`${text}+09:00`);
const nb = (key: string, studentId: string | null, time: string): SelectionItem => ({ key, studentId, submittedAt: at(time), isNotebook: true });

describe('selectSubmissions', () => {
  it('grades the latest on-time notebook per student and keeps the rest as superseded or late', () => {
    const items: SelectionItem[] = [
      nb('a1', '2312345', '2023-11-10T10:00:00'),
      nb('a2', '2312345', '2023-11-16T23:59:59.999'),
      nb('a3', '2312345', '2023-11-17T00:00:00'),
      nb('b1', '2400001', '2023-11-17T08:00:00'),
      nb('b2', '2400001', '2023-11-18T08:00:00'),
      nb('c1', 's2400002', '2023-11-12T08:00:00'),
      nb('c2', 'S2400002', '2023-11-13T08:00:00'),
      nb('n1', null, '2023-11-12T08:00:00'),
      nb('n2', null, '2023-11-13T08:00:00'),
      { key: 'readme.txt', studentId: '2312345', submittedAt: at('2023-11-16T23:00:00'), isNotebook: false },
    ];
    const result = selectSubmissions(items, deadline);
    expect(Object.fromEntries(result)).toEqual({
      a1: { status: 'superseded', supersededBy: 'a2' },
      a2: { status: 'graded' },
      a3: { status: 'late' },
      b1: { status: 'late' },
      b2: { status: 'late' },
      c1: { status: 'superseded', supersededBy: 'c2' },
      c2: { status: 'graded' },
      n1: { status: 'graded' },
      n2: { status: 'graded' },
      'readme.txt': { status: 'not-a-notebook' },
    });
  });

  it('breaks ties on time by key, whatever the input order', () => {
    const x = nb('x/2312345_山田_4.ipynb', '2312345', '2023-11-16T20:00:00');
    const y = nb('x/2312345_山田_4 (1).ipynb', '2312345', '2023-11-16T20:00:00');
    const forward = selectSubmissions([x, y], deadline);
    const backward = selectSubmissions([y, x], deadline);
    expect(Object.fromEntries(forward)).toEqual(Object.fromEntries(backward));
    expect(forward.get(y.key)).toEqual({ status: 'graded' });
    expect(forward.get(x.key)).toEqual({ status: 'superseded', supersededBy: y.key });
  });

  it('under a penalty policy grades the latest late notebook of a student with no on-time one', () => {
    const items: SelectionItem[] = [
      nb('a1', '2312345', '2023-11-10T10:00:00'),
      nb('a2', '2312345', '2023-11-17T00:00:00'),
      nb('a3', '2312345', '2023-11-18T00:00:00'),
      nb('b1', '2400001', '2023-11-17T08:00:00'),
      nb('b2', '2400001', '2023-11-18T08:00:00'),
      nb('b3', '２４００００１', '2023-11-17T09:00:00'),
      nb('n1', null, '2023-11-20T08:00:00'),
      nb('n2', null, '2023-11-21T08:00:00'),
    ];
    const result = selectSubmissions(items, deadline, { acceptLate: true });
    expect(Object.fromEntries(result)).toEqual({
      a1: { status: 'graded' },
      a2: { status: 'late', supersededBy: 'a1' },
      a3: { status: 'late', supersededBy: 'a1' },
      b1: { status: 'superseded', supersededBy: 'b2' },
      b2: { status: 'late', gradedLate: true },
      b3: { status: 'superseded', supersededBy: 'b2' },
      n1: { status: 'late', gradedLate: true },
      n2: { status: 'late', gradedLate: true },
    });
  });

  it('takes lateness from the caller (per-student deadlines, grace)', () => {
    const extended = new Set(['2400001']);
    const isLate = (item: SelectionItem): boolean =>
      item.submittedAt.getTime() > (extended.has(item.studentId ?? '') ? at('2023-11-20T23:59:59.999') : deadline).getTime();
    const items = [nb('a', '2312345', '2023-11-17T08:00:00'), nb('b', '2400001', '2023-11-17T08:00:00'), nb('c', '2400001', '2023-11-16T08:00:00')];
    expect(Object.fromEntries(selectSubmissions(items, deadline, { isLate }))).toEqual({
      a: { status: 'late' },
      b: { status: 'graded' },
      c: { status: 'superseded', supersededBy: 'b' },
    });
  });

  it('breaks ties between late notebooks by key too', () => {
    const x = nb('x/2312345_山田_4.ipynb', '2312345', '2023-11-17T20:00:00');
    const y = nb('x/2312345_山田_4 (1).ipynb', '2312345', '2023-11-17T20:00:00');
    const forward = selectSubmissions([x, y], deadline, { acceptLate: true });
    expect(Object.fromEntries(forward)).toEqual(Object.fromEntries(selectSubmissions([y, x], deadline, { acceptLate: true })));
    expect(forward.get(y.key)).toEqual({ status: 'late', gradedLate: true });
  });

  it('rejects duplicate keys', () => {
    const x = nb('k', '2312345', '2023-11-16T20:00:00');
    expect(() => selectSubmissions([x, x], deadline)).toThrow(/duplicate key/);
  });
});
