import { describe, expect, it } from 'vitest';
import { arraysInText, collectErrors, collectImages, parseArrays } from '../../src/core/outputs/arrays.js';
import { codeCell, display, fixtureText, result, stdoutCell, stream } from './helpers.js';

describe('printed numpy arrays', () => {
  it('print(np.around(test2[1], 3)) → [0. 0. 1. 0. …]', () => {
    expect(parseArrays([codeCell([stream('[0. 0. 1. 0. 0. 0. 0. 0. 0. 0.]\n')], 9)])).toEqual([
      { values: [0, 0, 1, 0, 0, 0, 0, 0, 0, 0], at: { cell: 9, line: 1 } },
    ]);
  });

  it('a 1-D array wrapped over lines, with scientific notation', () => {
    const text = '[8.0701529e-11 3.9249046e-10 9.9999940e-01 1.0000000e-08\n 2.0000000e-09 3.0000000e-10]\n';
    expect(parseArrays([codeCell([stream(text)])])[0]!.values).toEqual([8.0701529e-11, 3.9249046e-10, 9.999994e-1, 1e-8, 2e-9, 3e-10]);
  });

  it('array([...], dtype=float32) as an execute_result', () => {
    expect(parseArrays([codeCell([result('array([0.   , 0.001, 0.999, 0.   ], dtype=float32)')])])[0]!.values).toEqual([0, 0.001, 0.999, 0]);
  });

  it('predict() on one sample: a single-row 2-D repr over three lines', () => {
    const facts = parseArrays([codeCell([result(JSON.parse(JSON.stringify(fixtureLines('array-predict-execute-result-single.json'))))], 2)]);
    expect(facts).toEqual([
      {
        values: [1.6015483e-12, 8.1872165e-12, 1.8817328e-9, 7.4647807e-7, 2.099361e-16, 5.6218294e-11, 9.3462204e-17, 9.9999917e-1, 4.7276263e-9, 8.1888267e-8],
        at: { cell: 2, line: 1 },
      },
    ]);
  });

  it('predict() printed with print(): a single-row 2-D array after a label', () => {
    const facts = parseArrays([stdoutCell('array-predict-print-2d-single-row.json')]);
    expect(facts).toHaveLength(1);
    expect(facts[0]!.at.line).toBe(2);
    expect(facts[0]!.values).toEqual([9.75560914e-14, 1.07823105e-7, 1.50268751e-12, 2.32353086e-5, 3.13414052e-12, 9.9996984e-1, 2.66914357e-9, 1.89127766e-16, 6.8133013e-6, 4.07056167e-10]);
  });

  it('after a tf predict progress line in the same output', () => {
    const facts = parseArrays([stdoutCell('predict-tf-progress-and-print.json')]);
    expect(facts.map((f) => [f.values.length, f.at.line])).toEqual([[10, 3]]);
  });

  it('not summarised arrays, raw images, several rows, Python lists or progress bars', () => {
    const cells = [
      codeCell([result(fixtureLines('array-predict-execute-result-summarised.json'))]),
      stdoutCell('array-raw-images-ellipsis.json', 'fit-tf22-v1-steps-ms.json', 'fit-keras3-v1-ansi.json'),
      codeCell([result(fixtureLines('evaluate-keras20-list.json')), stream('[[0. 1.]\n [1. 0.]]\n[ True False]\n[5]\n')]),
    ];
    expect(parseArrays(cells)).toEqual([]);
  });

  it('an array inside a larger invalid bracket still counts when its parent is invalid', () => {
    expect(arraysInText('[x [1. 2.]]', 0).map((f) => f.values)).toEqual([[1, 2]]);
  });

  it('display_data text/plain counts too', () => {
    expect(parseArrays([codeCell([display('[0.1 0.9]')])])[0]!.values).toEqual([0.1, 0.9]);
  });
});

function fixtureLines(name: string): string {
  return fixtureText(name);
}

describe('images and errors', () => {
  it('lists image MIME types and errors with their locations', () => {
    const cell = codeCell(
      [
        stream('before\n'),
        display('<Figure size 640x480 with 1 Axes>', undefined, { 'image/png': 'iVBOR' }),
        { output_type: 'error', ename: 'TypeError', evalue: 'Invalid dimensions for image data', traceback: ['\u001b[0;31m---\u001b[0m', 'TypeError'] },
      ],
      6,
    );
    const svgOnly = codeCell([display(undefined, undefined, { 'image/svg+xml': '<svg/>', 'image/jpeg': '/9j/' })], 7);
    expect(collectImages([cell, svgOnly])).toEqual([
      { mime: 'image/png', at: { cell: 6, line: 2 } },
      { mime: 'image/jpeg', at: { cell: 7, line: 1 } },
      { mime: 'image/svg+xml', at: { cell: 7, line: 1 } },
    ]);
    expect(collectErrors([cell, svgOnly])).toEqual([{ ename: 'TypeError', message: 'Invalid dimensions for image data', at: { cell: 6, line: 3 } }]);
  });
});
