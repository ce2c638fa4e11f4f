import { describe, expect, it } from 'vitest';
import { codeCellsInExecutionOrder, extractCodeEvidence, maskMagics, parsePython } from '../../src/core/python/index.js';
import { makeCells } from './make-cells.js';

describe('parsePython', () => {
  it('parses Python with the tree-sitter grammar', async () => {
    const tree = await parsePython('model.fit(x, y, epochs=3)\n');
    expect(tree.rootNode.type).toBe('module');
    expect(tree.rootNode.hasError).toBe(false);
    tree.delete();
  });
});

describe('maskMagics', () => {
  it('masks line magics, shell lines and help syntax without moving lines', () => {
    const source = "%matplotlib inline\n!pip install -q tensorflow\nx = 1\n?x\nx??\nfiles = !ls\nif x:\n    !nvidia-smi\n%%time";
    const masked = maskMagics(source);
    expect(masked.split('\n')).toHaveLength(source.split('\n').length);
    expect(masked.split('\n')).toEqual([
      'pass              ',
      'pass                      ',
      'x = 1',
      'pass',
      'pass',
      'files = None',
      'if x:',
      '    pass       ',
      'pass  ',
    ]);
  });

  it('keeps Python and strings untouched', () => {
    const source = 'a = 10 % 3\ns = """\n!not a shell line\n"""\nb = a != 1';
    expect(maskMagics(source)).toBe(source);
  });

  it('keeps the statement of %time / %timeit and a != continuation line', () => {
    expect(maskMagics('%time history = model.fit(x, y)')).toBe('history = model.fit(x, y)      ');
    expect(maskMagics('%timeit -n 1 -r 1 f()')).toBe('f()'.padEnd(21, ' '));
    const comparison = 'ok = (a\n      != b)';
    expect(maskMagics(comparison)).toBe(comparison);
  });

  it('blanks cells whose cell magic is not Python', () => {
    expect(maskMagics('%%bash\necho hi')).toBe('      \n       ');
  });

  it('masks the continuation of a shell line', () => {
    expect(maskMagics('!pip install \\\n   keras\nx = 1').split('\n')).toEqual(['pass          ', '        ', 'x = 1']);
  });
});

describe('cells in an extraction', () => {
  it('reads cells that start with magics, lines unchanged', async () => {
    const evidence = await extractCodeEvidence(
      makeCells([
        '%%time\n%matplotlib inline\n!pip install keras\nresult = model.fit(x_train, y_train, epochs=30)',
        '%time test2 = model.predict(x_test)',
      ]),
    );
    expect(evidence.syntaxErrors).toEqual([]);
    expect(evidence.fits[0]).toMatchObject({ epochs: 30, at: { cell: 0, line: 4 } });
    expect(evidence.calls[0]).toMatchObject({ method: 'predict', target: 'test2', at: { cell: 1, line: 1 } });
  });

  it('records a syntax error cell and still reads the others', async () => {
    const evidence = await extractCodeEvidence(
      makeCells([
        "from keras.models import Sequential\nfrom keras.layers import Dense\nmodel = Sequential()\nmodel.add(Dense(32, input_shape=(784,), activation='relu'))",
        "model.add(Dense(10, activation='softmax')\nmodel.compile(loss='categorical_crossentropy', optimizer='Adam')",
        'model.fit(x_train, y_train, epochs=30, batch_size=64)',
        'print "done"',
      ]),
    );
    expect(evidence.syntaxErrors.map((error) => [error.cell, error.line])).toEqual([
      [1, 1],
      [3, 1],
    ]);
    for (const error of evidence.syntaxErrors) expect(error.message).toMatch(/^syntax error/);
    expect(evidence.models[0]!.layers.map((layer) => layer.units)).toEqual([32]);
    expect(evidence.models[0]!.compile).toBeNull();
    expect(evidence.fits).toHaveLength(1);
  });

  it('gives the line of a missing token', async () => {
    const evidence = await extractCodeEvidence(makeCells(['x = 1\ny = 2\nmodel.fit(x, y, epochs=3']));
    expect(evidence.syntaxErrors).toHaveLength(1);
    expect(evidence.syntaxErrors[0]!.cell).toBe(0);
    expect(evidence.syntaxErrors[0]!.line).toBeGreaterThanOrEqual(3);
  });
});

describe('execution order', () => {
  it('sorts counted cells by execution count; unrun cells keep their place', () => {
    const cells = makeCells([
      { source: 'a', count: 5 },
      { source: '# notes', type: 'markdown', count: null },
      { source: 'b', count: null },
      { source: 'c', count: 2 },
      { source: 'd', count: 9 },
    ]);
    expect(codeCellsInExecutionOrder(cells).map((cell) => cell.source)).toEqual(['c', 'b', 'a', 'd']);
  });

  it('interprets in execution order: a cell re-run last wins', async () => {
    const evidence = await extractCodeEvidence(
      makeCells([
        { source: 'from tensorflow.keras.layers import Dense\nfrom tensorflow.keras.models import Sequential', count: 1 },
        { source: "model = Sequential()\nmodel.add(Dense(UNITS, input_shape=(784,), activation='relu'))", count: 4 },
        { source: 'UNITS = 32', count: 2 },
        { source: 'UNITS = 64', count: 3 },
        { source: 'model.fit(x_train, y_train, epochs=EPOCHS)', count: null },
        { source: 'EPOCHS = 30', count: 5 },
      ]),
    );
    expect(evidence.models[0]!.layers[0]!.units).toBe(64);
    expect(evidence.fits[0]!.epochs).toBeNull();
  });
});
