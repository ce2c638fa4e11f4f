import { describe, expect, it } from 'vitest';
import { arrayShownBy, showingStatements } from '../../../src/checks/support/printed-value.js';
import type { ArrayFact } from '../../../src/types.js';

const array = (line: number): ArrayFact => ({ values: [0, 1], at: { cell: 0, line } });
const TEST2 = /(?<![\w.])test2\s*\[\s*1\s*\]/;

describe('showingStatements', () => {
  it.each<[string, string, string[]]>([
    ['prints, in order', 'print(a)\nprint(b)', ['print(a)', 'print(b)']],
    ['the last expression shows its value', 'import numpy as np\nnp.around(test2[1], 3)', ['np.around(test2[1], 3)']],
    ['an assignment shows nothing', 'test2 = model.predict(x_test)', []],
    ['a call with keyword arguments is an expression', 'np.around(test2[1], decimals=3)', ['np.around(test2[1], decimals=3)']],
    ['a print over several lines is one statement', 'print(np.around(\n    test2[1], 3))\nprint(y)', ['print(np.around(\n    test2[1], 3))', 'print(y)']],
    ['comments and semicolons', '# print(x)\nplt.show();', []],
    ['an indented last line is not the cell value', 'for i in range(2):\n    test2[i]', []],
  ])('%s', (_name, source, expected) => {
    expect(showingStatements(source)).toEqual(expected);
  });
});

describe('arrayShownBy', () => {
  it('matches statements and arrays one to one', () => {
    const arrays = [array(1), array(2)];
    expect(arrayShownBy('print(y_test[1])\nprint(np.around(test2[1],3))', arrays, TEST2)).toBe(arrays[1]);
  });

  it('is null without a matching statement or without arrays', () => {
    expect(arrayShownBy('print(y_test2[1])', [array(1)], TEST2)).toBeNull();
    expect(arrayShownBy('print(test2[1])', [], TEST2)).toBeNull();
  });

  it('is ambiguous when the counts differ', () => {
    expect(arrayShownBy('print(test2[1])\nprint(test2[1].argmax())', [array(1)], TEST2)).toBe('ambiguous');
  });
});
