/**
 * Hostile notebooks through the whole evidence stage (parse → extractEvidence → report): huge outputs,
 * progress floods, binary junk, pathological nesting, very long cells. Each must give a correct result
 * or a recorded error, never a crash or a hang. The work is bounded by the input sizes; there are no
 * timing assertions (the generous timeouts only keep a loaded machine from failing them).
 */
import { describe, expect, it } from 'vitest';
import { inspectBytes, type InspectReport } from '../../src/inspect/index.js';
import { display, notebookJson, stdout, type RawCell } from './notebook-json.js';

const MB = 1024 * 1024;
const SLOW = { timeout: 180_000 };

const LECTURE_MODEL: RawCell = {
  source: [
    'from keras.models import Sequential',
    'from keras.layers import Dense',
    'model = Sequential()',
    "model.add(Dense(32, input_shape=(784,), activation='relu'))",
    "model.add(Dense(10, activation='softmax'))",
  ].join('\n'),
};

async function inspect(cells: RawCell[]): Promise<InspectReport> {
  const report = await inspectBytes('hostile.ipynb', Buffer.from(notebookJson(cells)));
  expect(report.error).toBeNull();
  return report;
}

function lectureModelFound(report: InspectReport, cell: number): void {
  expect(report.models.map((m) => [m.cell, m.layers.map((l) => [l.type, l.units, l.activation])])).toEqual([
    [cell, [['Dense', 32, 'relu'], ['Dense', 10, 'softmax']]],
  ]);
}

/** Deterministic pseudo-random bytes (a linear congruential generator). */
function junkBytes(length: number, seed = 1): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

describe('a 50 MB output', () => {
  it('of Keras 2.0 progress chunks (\\b and \\r) still gives the right training log', SLOW, async () => {
    const epochs = 30;
    const parts: string[] = [];
    const erase = '\b'.repeat(90);
    let size = 0;
    for (let epoch = 1; epoch <= epochs; epoch++) {
      parts.push(`Epoch ${epoch}/${epochs}\n`);
      for (let step = 1; size < (epoch * 50 * MB) / epochs; step++) {
        const chunk = `${erase}\r${String(step % 48000).padStart(5)}/48000 [=====>........................] - ETA: 2s - loss: 0.6000 - acc: 0.7000`;
        parts.push(chunk);
        size += chunk.length;
      }
      parts.push(`${erase}\r48000/48000 [==============================] - 2s - loss: ${(1 / (epoch + 1)).toFixed(4)} - acc: 0.9${String(epoch).padStart(3, '0')}\n`);
    }
    expect(size).toBeGreaterThanOrEqual(50 * MB);
    const report = await inspect([{ source: 'model.fit(x, y, epochs=30)', outputs: [stdout(parts.join(''))] }]);
    expect(report.trainingLogs).toHaveLength(1);
    const [log] = report.trainingLogs;
    expect(log).toMatchObject({ epochsLogged: 30, epochsTotal: 30, stepsPerEpoch: 48000, counterUnit: 'samples' });
    expect(log!.final).toEqual({ epoch: 30, loss: 0.0323, accuracy: 0.903, val_loss: null, val_accuracy: null });
  });

  it('of image data (base64 PNG) is listed as an image', SLOW, async () => {
    const png = `iVBORw0KGgo${'A'.repeat(50 * MB)}`;
    const report = await inspect([{ source: 'plt.show()', outputs: [display({ 'text/plain': '<Figure>', 'image/png': png })] }]);
    expect(report.images).toEqual([{ cell: 0, line: 1, mime: 'image/png' }]);
  });

  it('of characters that trouble parsers (brackets, parentheses, digits, tags, one long line) gives no facts', SLOW, async () => {
    const tenMB = 10 * MB;
    const report = await inspect([
      LECTURE_MODEL,
      {
        source: 'print(junk)',
        outputs: [
          stdout(`${'['.repeat(tenMB / 2)}${']'.repeat(tenMB / 2)}\n`),
          stdout(`${'(1,'.repeat(tenMB / 3)}\n`),
          display({ 'text/plain': `[${'0. '.repeat(tenMB / 3)}]` }),
          display({ 'text/html': `<pre>${'<'.repeat(tenMB)}</pre>` }),
          stdout(`${'x'.repeat(tenMB)}\b\n`),
        ],
      },
    ]);
    expect(report.shapes).toEqual([]);
    expect(report.arrays).toEqual([]);
    expect(report.summaries).toEqual([]);
    expect(report.trainingLogs).toEqual([]);
    lectureModelFound(report, 0);
  });
});

describe('progress floods', () => {
  it('100,000 progress lines in one cell give the right log', SLOW, async () => {
    const lines: string[] = [];
    for (let epoch = 1; epoch <= 10; epoch++) {
      lines.push(`Epoch ${epoch}/10`);
      for (let step = 1; step < 10_000; step++) lines.push(`${step}/10000 [>.....] - ETA: 3s - loss: 0.9000 - accuracy: 0.5000`);
      lines.push(`10000/10000 [======] - 5s 1ms/step - loss: 0.${epoch}000 - accuracy: 0.9${epoch}00 - val_loss: 0.2000 - val_accuracy: 0.9000`);
    }
    expect(lines.length).toBeGreaterThanOrEqual(100_000);
    const report = await inspect([{ source: 'model.fit(x, y, epochs=10)', outputs: [stdout(lines.join('\n'))] }]);
    expect(report.trainingLogs).toHaveLength(1);
    expect(report.trainingLogs[0]).toMatchObject({ line: 1, epochsLogged: 10, epochsTotal: 10, stepsPerEpoch: 10000, counterUnit: 'steps' });
    expect(report.trainingLogs[0]!.final).toEqual({ epoch: 10, loss: 0.1, accuracy: 0.91, val_loss: 0.2, val_accuracy: 0.9 });
  });

  it('200,000 "Epoch 1/1" headers give at most 10,000 logs for the cell', SLOW, async () => {
    const text = 'Epoch 1/1\n1/1 - 0s - loss: 0.5\n'.repeat(200_000);
    const report = await inspect([{ source: 'for i in range(200000): model.fit(x, y)', outputs: [stdout(text)] }]);
    expect(report.trainingLogs).toHaveLength(10_000);
    expect(report.trainingLogs[9_999]).toMatchObject({ cell: 0, line: 19_999, epochsLogged: 1, final: { epoch: 1, loss: 0.5 } });
  });
});

describe('binary junk', () => {
  it('in outputs, in code and in metadata: facts from the good cells, a syntax error for the junk cell', SLOW, async () => {
    const junk = junkBytes(2 * MB);
    const text = junk.toString('latin1');
    const cells: RawCell[] = [
      { source: junk.subarray(0, 100_000).toString('utf8') },
      LECTURE_MODEL,
      { source: 'print(x_train.shape)', outputs: [stdout(`${text}\n(60000, 784)\n`), display({ 'text/plain': text, 'text/html': text })] },
    ];
    const json = notebookJson(cells, { colab: { junk: junk.subarray(0, 1000).toString('utf8') } });
    const report = await inspectBytes('junk.ipynb', Buffer.from(json));
    expect(report.error).toBeNull();
    expect(report.syntaxErrors.map((e) => e.cell)).toEqual([0]);
    lectureModelFound(report, 1);
    expect(report.shapes.at(-1)).toMatchObject({ cell: 2, shape: [60000, 784] });
  });

  it('lone surrogates and NUL characters (JSON escapes) are read as text', async () => {
    const json = notebookJson([
      { source: 'x = "\ud800\u0000"\nmodel.fit(x, y, epochs=\udc00)' },
      { source: 'print(1)', outputs: [stdout('\ud800\u0000(1, 2)\udc00\n')] },
    ]);
    const report = await inspectBytes('surrogates.ipynb', json);
    expect(report.error).toBeNull();
    expect(report.syntaxErrors.map((e) => e.cell)).toEqual([0]);
    expect(report.shapes).toEqual([{ cell: 1, line: 1, shape: [1, 2] }]);
  });

  it('a file of random bytes is an error, not a crash', async () => {
    const report = await inspectBytes('random.ipynb', junkBytes(1 * MB, 7));
    expect(report.error).toMatch(/not valid JSON/);
  });
});

describe('pathological nesting in code', () => {
  const DEEP = 10_000;
  const cases: [string, string][] = [
    ['nested parentheses', `x = ${'('.repeat(DEEP)}1${')'.repeat(DEEP)}`],
    ['nested brackets', `x = ${'['.repeat(DEEP)}1${']'.repeat(DEEP)}`],
    ['nested calls', `x = ${'f('.repeat(DEEP)}1${')'.repeat(DEEP)}`],
    ['a 10,000-term sum', `x = 1${' + 1'.repeat(DEEP)}`],
    ['a 10,000-deep attribute chain', `x = a${'.b'.repeat(DEEP)}`],
    ['10,000 unary minus signs', `x = ${'-'.repeat(DEEP)}1`],
    ['a 10,000-deep parenthesised target', `${'('.repeat(DEEP)}a${')'.repeat(DEEP)} = 1`],
    ['a 10,000-target chained assignment', `${'a = '.repeat(DEEP)}1`],
    ['a syntax error 10,000 levels deep', `x = ${'('.repeat(DEEP)}1 + * 2${')'.repeat(DEEP)}`],
    ['10,000 unclosed brackets', `x = ${'[('.repeat(DEEP / 2)}`],
  ];
  it.each(cases)('%s: an error for that cell, the rest still read', SLOW, async (_name, source) => {
    const report = await inspect([{ source }, LECTURE_MODEL]);
    expect(report.syntaxErrors).toEqual([{ cell: 0, line: 1, message: expect.stringMatching(/syntax error|could not analyse this cell/) }]);
    lectureModelFound(report, 1);
  });

  it('a model added to itself does not loop', async () => {
    const report = await inspect([{ source: `${LECTURE_MODEL.source}\nmodel.add(model)\nmodel.add(model)` }]);
    expect(report.models[0]!.layers).toHaveLength(8);
  });
});

describe('long cells', () => {
  it('a 10,000-line cell is read to its end, with line numbers', SLOW, async () => {
    const filler = Array.from({ length: 10_000 }, (_, i) => `value_${i} = [${i}, ${i} * 2, "row ${i}"]  # data`);
    const report = await inspect([{ source: [...filler, LECTURE_MODEL.source, 'model.fit(x, y, epochs=30, batch_size=64)'].join('\n') }]);
    lectureModelFound(report, 0);
    expect(report.models[0]).toMatchObject({ line: 10_003 });
    expect(report.fits).toEqual([expect.objectContaining({ cell: 0, line: 10_006, epochs: 30, batchSize: 64 })]);
    expect(report.syntaxErrors).toEqual([]);
  });

  it('a cell over a million characters is not parsed, and says so', SLOW, async () => {
    const report = await inspect([{ source: 'x = 1\n'.repeat(200_000) }, LECTURE_MODEL]);
    expect(report.syntaxErrors).toEqual([
      { cell: 0, line: 1, message: 'could not analyse this cell: the cell is too long to analyse (1200000 characters; the limit is 1000000)' },
    ]);
    lectureModelFound(report, 1);
  });
});
