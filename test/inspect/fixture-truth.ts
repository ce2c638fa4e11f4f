/**
 * What each sample notebook in fixtures/submissions shows (fixtures/README.md, and the notebooks read by
 * hand): the facts `grade inspect --json` must report. Values that every lecture notebook shares are
 * written once; each notebook lists how it differs.
 */

export interface Metrics {
  loss: number;
  accuracy: number;
  val_loss: number;
  val_accuracy: number;
}

export interface NotebookTruth {
  /** Cells run (non-empty code cells with an execution count) and the order. */
  executed: number;
  order: 'in-order' | 'out-of-order' | 'not-run';
  units: number;
  epochs: number;
  summary: { format: string; line: number; modelName: string; names: [string, string]; params: [number, number] } | null;
  log: { epochs: number; first: Metrics; final: Metrics } | null;
  /** Output line of `test.shape` in cell 9 (1 when TF printed no predict progress line); null when not run. */
  predictShapeLine: number | null;
  /** The data cells (2, 4, 5) were run and printed their shapes. */
  dataShapes: boolean;
}

const m = (loss: number, accuracy: number, val_loss: number, val_accuracy: number): Metrics => ({ loss, accuracy, val_loss, val_accuracy });

const TF214 = { format: 'keras2-bytes', line: 1, modelName: 'sequential', names: ['dense', 'dense_1'], params: [25120, 330] } as const;

function lecture(first: Metrics, final: Metrics, changes: Partial<NotebookTruth> = {}): NotebookTruth {
  return {
    executed: 10,
    order: 'in-order',
    units: 32,
    epochs: 30,
    summary: { ...TF214, names: [...TF214.names], params: [...TF214.params] },
    log: { epochs: 30, first, final },
    predictShapeLine: 2,
    dataShapes: true,
    ...changes,
  };
}

/** Keyed by file name (zip entries by "archive.zip/entry"). */
export const TRUTH: Record<string, NotebookTruth> = {
  '2312001_山田太郎_4.ipynb': lecture(m(0.3542, 0.9017, 0.1823, 0.9457), m(0.0444, 0.9865, 0.1616, 0.9622)),
  '2312002_佐藤花子_4.ipynb': lecture(m(0.3414, 0.909, 0.1963, 0.9467), m(0.0403, 0.9863, 0.1638, 0.9638), {
    // stderr UserWarning (2 lines) before the Keras 3 box table's five display_data outputs
    summary: { format: 'keras3-box', line: 3, modelName: 'sequential', names: ['dense', 'dense_1'], params: [25120, 330] },
  }),
  '2312003_鈴木一郎_4.ipynb': lecture(m(0.3344, 0.9039, 0.1933, 0.9491), m(0.0432, 0.9877, 0.1515, 0.9623)),
  '2312004_高橋美咲_4 (1).ipynb': lecture(m(0.3374, 0.9026, 0.1851, 0.946), m(0.0421, 0.9878, 0.1665, 0.9628)),
  '2312004_高橋美咲_4.ipynb': lecture(m(0, 0, 0, 0), m(0, 0, 0, 0), { executed: 4, log: null, predictShapeLine: null }),
  '2312005_田中健_4.ipynb': lecture(m(0, 0, 0, 0), m(0, 0, 0, 0), {
    executed: 0,
    order: 'not-run',
    summary: null,
    log: null,
    predictShapeLine: null,
    dataShapes: false,
  }),
  '2312006_伊藤大輔_4.ipynb': lecture(m(0.3589, 0.9011, 0.1923, 0.947), m(0.0148, 0.9939, 0.1361, 0.9736), {
    units: 64,
    summary: { format: 'keras2-spaced', line: 1, modelName: 'sequential', names: ['dense', 'dense_1'], params: [50240, 650] },
  }),
  '2312007_渡辺さくら_4.ipynb': lecture(m(0.3374, 0.9031, 0.185, 0.944), m(0.0585, 0.9803, 0.1158, 0.9681), {
    epochs: 10,
    log: { epochs: 10, first: m(0.3374, 0.9031, 0.185, 0.944), final: m(0.0585, 0.9803, 0.1158, 0.9681) },
  }),
  // the model cell was run twice: counts 1 2 3 5 …, layers dense_2 / dense_3 of "sequential_1"
  '2312010_吉田ジョージ_4.ipynb': lecture(m(0.3516, 0.9041, 0.1892, 0.9446), m(0.0407, 0.9861, 0.169, 0.9615), {
    summary: { format: 'keras2-bytes', line: 1, modelName: 'sequential_1', names: ['dense_2', 'dense_3'], params: [25120, 330] },
  }),
  '2312014_木村拓也_4.ipynb': lecture(m(0.3523, 0.903, 0.1825, 0.9449), m(0.0437, 0.9875, 0.1697, 0.9634), {
    summary: { format: 'keras2-classic', line: 1, modelName: 'sequential', names: ['dense', 'dense_1'], params: [25120, 330] },
    predictShapeLine: 1,
  }),
  'kadai4.ipynb': lecture(m(0.3451, 0.908, 0.1927, 0.9426), m(0.0366, 0.9856, 0.1637, 0.965)),
  'webclass_report_download.zip/2312011_山口陽菜_4.ipynb': lecture(m(0.342, 0.9051, 0.1772, 0.9477), m(0.0339, 0.9864, 0.1543, 0.9651)),
  'webclass_report_download.zip/2312012_松本蓮_4.ipynb': lecture(m(0.3341, 0.9082, 0.1889, 0.9445), m(0.0366, 0.9868, 0.1633, 0.9657)),
};

/** Files that are not readable notebooks, and a phrase of the reason. */
export const UNREADABLE: Record<string, RegExp> = {
  '2312008_山本翔_4.ipynb': /cut off/,
  '2312009_中村優_4.py': /not valid JSON/,
  '2312013_井上真央_4.ipynb': /empty/,
  'webclass_report_download.zip': /zip archive/,
};

/**
 * Every epoch's metrics as a deliberately naive reading of the raw notebook: the stream text of the
 * cell, ANSI codes removed, each line with a `step - ` counter split into `name: value` pairs.
 */
export function naiveEpochs(notebookJson: string, cell: number): Record<string, number>[] {
  const raw = JSON.parse(notebookJson) as { cells: { outputs?: { text?: string | string[] }[] }[] };
  const text = (raw.cells[cell]?.outputs ?? []).map((o) => [o.text ?? ''].flat().join('')).join('');
  return text
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .filter((line) => /^\d+\/\d+ .*step - /.test(line))
    .map((line) => Object.fromEntries(line.split('step - ')[1]!.split(' - ').map((pair) => {
      const [name, value] = pair.split(': ');
      return [name!, Number(value)];
    })));
}

