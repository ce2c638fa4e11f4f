import { describe, expect, it } from 'vitest';
import { parseShapes, shapesInText } from '../../src/core/outputs/shapes.js';
import { codeCell, display, result, stdoutCell, stream } from './helpers.js';

const shapes = (...args: Parameters<typeof parseShapes>) => parseShapes(...args).map((f) => [f.shape, f.at.line]);

describe('printed shapes', () => {
  it('print(x.shape): (60000, 28, 28) and (60000,)', () => {
    expect(shapes([stdoutCell('shapes-print.json')])).toEqual([
      [[60000, 28, 28], 1],
      [[60000], 3],
    ]);
  });

  it('with a dtype after the tuple', () => {
    expect(shapes([stdoutCell('shapes-dtype.json')])).toEqual([
      [[60000, 784], 1],
      [[10000, 784], 2],
    ]);
  });

  it('inside a Python 2 printed tuple', () => {
    expect(shapes([stdoutCell('shapes-python2-tuple.json')])).toEqual([
      [[60000, 784], 1],
      [[10000, 784], 2],
    ]);
  });

  it('two on one line, and as an execute_result', () => {
    const cell = codeCell([stream('(60000, 784) (10000, 784)\n'), result('(10000, 10)')], 4);
    expect(parseShapes([cell])).toEqual([
      { shape: [60000, 784], at: { cell: 4, line: 1 } },
      { shape: [10000, 784], at: { cell: 4, line: 1 } },
      { shape: [10000, 10], at: { cell: 4, line: 2 } },
    ]);
  });

  it('the One-Hot shape printed after a label inside a long stdout', () => {
    expect(shapes([stdoutCell('summary-tf214-bytes-deep-mlp-in-long-stdout.json')])).toEqual([[[10000, 10], 3]]);
  });

  it('not summary shapes, sizes, arrays, calls or floats', () => {
    const cells = [
      stdoutCell('summary-keras2-classic-lecture-25450.json', 'summary-tf214-bytes-softmax.json', 'array-raw-images-ellipsis.json', 'array-predict-print-2d-single-row.json'),
      codeCell([result(['array([[1.6015483e-12, 8.1872165e-12],\n', '       [2.0993610e-16, 5.6218294e-11]], dtype=float32)']), result("Text(0.5, 1.0, 'Label 2')"), result('range(0, 10)'), result('(-0.5, 27.5, 27.5, -0.5)')]),
      codeCell([stream(' dense (Dense)               (32, 10)                  330       \n')]),
    ];
    expect(shapes(cells)).toEqual([]);
  });

  it('not in stderr or display_data', () => {
    expect(parseShapes([codeCell([stream('(60000, 784)\n', 'stderr'), display('(60000, 784)')])])).toEqual([]);
  });

  it('shapesInText counts lines from the given location', () => {
    expect(shapesInText('x\n(3, 4)', { cell: 1, line: 10 })).toEqual([{ shape: [3, 4], at: { cell: 1, line: 11 } }]);
  });
});
