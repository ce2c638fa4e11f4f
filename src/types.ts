/**
 * Domain types shared by the pipeline stages. Each stage is a plain function over plain data:
 * ingest → notebook → evidence → reference → rubric → report (see README "Architecture").
 * Only types live here; no logic.
 */

/** Where a fact came from: 0-based cell index among all cells, 1-based line inside the cell's source or output text. */
export interface Location {
  cell: number;
  line?: number;
}

// ───────────────────────────── notebook ─────────────────────────────

export type OutputKind = 'stream' | 'display_data' | 'execute_result' | 'error';

/** One saved output, with its text already cleaned (terminal semantics applied, ANSI removed). */
export interface CleanOutput {
  kind: OutputKind;
  /** 'stdout' | 'stderr' for streams. */
  stream?: 'stdout' | 'stderr';
  /** text/plain (or the stream text, or the error's traceback), cleaned. '' when absent. */
  text: string;
  /** text/html as saved (student data: never render it raw). */
  html?: string;
  /** MIME types of image data (image/png, image/jpeg, image/svg+xml). */
  images: string[];
  /** PNG and JPEG payloads whose base64 decodes to that format's signature (for reports); never SVG. */
  rasters?: { mime: 'image/png' | 'image/jpeg'; base64: string }[];
  /** For kind 'error'. */
  ename?: string;
  evalue?: string;
}

export interface NotebookCell {
  index: number;
  type: 'code' | 'markdown' | 'raw';
  source: string;
  executionCount: number | null;
  outputs: CleanOutput[];
  /** Colab's cell metadata.executionInfo, when present: user is its displayName (else userId); userId when saved. */
  colab?: { executedAt: string | null; user: string | null; userId?: string | null };
}

export interface Notebook {
  /** "4.5" etc. */
  nbformat: string;
  cells: NotebookCell[];
  /** True when the file carries Colab metadata (metadata.colab or cell executionInfo). */
  colab: boolean;
  /** metadata.accelerator ("GPU") or metadata.colab.gpuType ("T4") when present. */
  accelerator: string | null;
  kernel: string | null;
}

// ───────────────────────────── evidence: code ─────────────────────────────

export interface LayerSpec {
  /** Keras class name: Dense, Flatten, Dropout, InputLayer, Activation, BatchNormalization, … */
  type: string;
  units: number | null;
  /** Normalised activation name ('relu', 'softmax', …); null when not given (Keras default: linear). */
  activation: string | null;
  /** Input shape without the batch dimension, from input_shape / input_dim / Input(shape=…). */
  inputShape: number[] | null;
  /** Dropout rate, when the layer is a Dropout. */
  rate?: number | null;
  at: Location;
}

export interface CompileSpec {
  loss: string | null;
  /** Normalised lower-case optimizer name ('adam'), null when not given. */
  optimizer: string | null;
  learningRate: number | null;
  metrics: string[] | null;
  at: Location;
}

export interface ModelSpec {
  /** The Python variable the model was assigned to. */
  variable: string;
  kind: 'sequential' | 'functional';
  layers: LayerSpec[];
  compile: CompileSpec | null;
  at: Location;
}

export interface FitSpec {
  model: string;
  epochs: number | null;
  batchSize: number | null;
  validationSplit: number | null;
  hasValidationData: boolean;
  verbose: number | null;
  /** Canonical paths of the callbacks passed ('keras.callbacks.EarlyStopping'); '?' for one not followed; [] when none. */
  callbacks: string[];
  /**
   * False when a `*args` / `**kwargs` splat or a callbacks list could not be followed (an argument may hide
   * there), or when epochs, batch_size or validation_split is given as a value the interpreter cannot read.
   */
  argumentsKnown: boolean;
  /** Where the call is written (a method's cell for a fit inside a class). */
  at: Location;
  /** The top-level cell whose run made the call: its outputs hold the log. */
  ranIn: number;
  /** Order among all facts in the kernel's execution order (fits, calls and shows share one counter). */
  seq: number;
}

export interface CallSpec {
  /** 'predict' | 'evaluate' */
  method: string;
  model: string;
  /** Variable the result is assigned to, when any. */
  target: string | null;
  /** Source text of the first argument. */
  input: string | null;
  at: Location;
  /** The top-level cell whose run made the call. */
  ranIn: number;
  /** Order among all facts in the kernel's execution order. */
  seq: number;
}

/**
 * What a value is computed from, as far as the interpreter follows it: 'constant' (literals, range, library
 * constants), 'data' (the dataset as loaded and transformed: load_data, reshape, /255, to_categorical,
 * indexing), 'model' (a model, or what fit/predict/evaluate returned, or anything computed from them),
 * 'unknown' (anything not followed). Combining values takes the strongest: unknown > model > data > constant.
 */
export type ValueSource = 'constant' | 'data' | 'model' | 'unknown';

/**
 * Something a cell shows when it runs, in output order: a print()/display() call, the cell's last bare
 * expression (its execute_result), or a plotting call (imshow, plot, …) whose figure becomes an image.
 */
export interface ShownValue {
  how: 'print' | 'display' | 'expression' | 'plot';
  /** For 'plot': the function's last name as called ('imshow', 'plot', 'scatter', 'matshow', 'bar', 'hist', …). */
  call?: string;
  /** What the shown value (for plots: every argument) is computed from. */
  source: ValueSource;
  /** When the shown value is a row of a predict() result with a constant index, e.g. np.around(test2[1], 3) or model.predict(x)[1]: the variable (null when not assigned) and the index. */
  predictRow?: { target: string | null; index: number };
  /** Where the showing statement is written. */
  at: Location;
  /** The top-level cell whose run showed it: its outputs hold what was shown. */
  ranIn: number;
  seq: number;
}

/** A call that fixes a random seed (tf.random.set_seed, keras.utils.set_random_seed, np.random.seed, random.seed). */
export interface SeedCall {
  /** Canonical path of the function called. */
  call: string;
  /** The seed, when the interpreter can read it. */
  seed: number | null;
  at: Location;
}

/** A name that was unknown in execution order and was taken from an import in another cell (the kernel had it). */
export interface AssumedImport {
  name: string;
  /** The cell whose import supplied it, and the cell that used it. */
  from: number;
  usedIn: number;
}

export type DataStepKind = 'load_data' | 'reshape' | 'scale' | 'to_categorical';

export interface DataStep {
  kind: DataStepKind;
  /** Variable assigned. */
  target: string | null;
  /** reshape: target shape dims as written (-1 kept); to_categorical: number of classes; scale: divisor. */
  args: (number | string)[];
  at: Location;
}

export interface CodeEvidence {
  models: ModelSpec[];
  fits: FitSpec[];
  calls: CallSpec[];
  dataSteps: DataStep[];
  /** Values the cells show (print, display, last expression, plots), in execution order. */
  shown: ShownValue[];
  /** Names resolved from an import in a cell that ran later (or whose earlier run was deleted). */
  assumedImports: AssumedImport[];
  /** Calls that fix a random seed: with the same seed, code and hardware, two honest runs can print the same log. */
  seeds: SeedCall[];
  /** Syntax errors per cell: that cell's facts are missing. */
  syntaxErrors: { cell: number; line: number; message: string }[];
}

// ───────────────────────────── evidence: outputs ─────────────────────────────

export type SummaryFormat = 'keras2-classic' | 'keras2-spaced' | 'keras2-bytes' | 'keras3-box';

export interface SummaryLayerRow {
  name: string;
  type: string;
  /** As printed, e.g. "(None, 32)". */
  outputShape: string;
  params: number;
}

export interface SummaryTable {
  format: SummaryFormat;
  modelName: string | null;
  layers: SummaryLayerRow[];
  totalParams: number | null;
  trainableParams: number | null;
  nonTrainableParams: number | null;
  /** Keras 3 after training: "Optimizer params". */
  optimizerParams: number | null;
  at: Location;
}

/** One epoch's metrics, names normalised (acc → accuracy, val_acc → val_accuracy); others kept as printed. */
export interface EpochRecord {
  epoch: number;
  [metric: string]: number;
}

export interface TrainingLog {
  /** Number of distinct epochs with a completed metrics line. */
  epochsLogged: number;
  /** N of "Epoch i/N". */
  epochsTotal: number | null;
  /** Progress counter total of the final epoch line (750 for 750/750); null for verbose=2 without a counter. */
  stepsPerEpoch: number | null;
  /** Whether the counter counts samples (Keras ≤ 2.3) or steps (TF ≥ 2.2, Keras 3). */
  counterUnit: 'steps' | 'samples' | null;
  epochs: EpochRecord[];
  final: EpochRecord | null;
  /** Colab saved "Streaming output truncated to the last 5000 lines." */
  truncated: boolean;
  /** A loss printed as nan or inf: the training diverged (the metrics after it mean nothing). */
  diverged: boolean;
  at: Location;
}

export interface ShapeFact {
  shape: number[];
  at: Location;
}

export interface ArrayFact {
  /** Flat values of a printed 1-D numpy array (e.g. np.around(test2[1], 3)). */
  values: number[];
  at: Location;
}

export interface OutputEvidence {
  shapes: ShapeFact[];
  summaries: SummaryTable[];
  trainingLogs: TrainingLog[];
  arrays: ArrayFact[];
  images: { mime: string; at: Location }[];
  errors: { ename: string; message: string; at: Location }[];
}

export interface Evidence {
  notebook: {
    nbformat: string;
    codeCells: number;
    executedCells: number;
    executionOrder: 'in-order' | 'out-of-order' | 'not-run';
    colab: boolean;
    accelerator: string | null;
  };
  code: CodeEvidence;
  outputs: OutputEvidence;
}

// ───────────────────────────── ingest ─────────────────────────────

export type TimeSource = 'submission-times' | 'zip-entry' | 'file-mtime';

export interface SubmittedFile {
  /** Path shown to people: relative to the input root; entries inside a zip as "archive.zip/inner/path". */
  displayPath: string;
  /** Base name, NFC-normalised and decoded. */
  fileName: string;
  bytes: Buffer;
  /** How the name was decoded: file-system name, zip UTF-8 flag, strict UTF-8, or CP932. */
  nameEncoding: 'filesystem' | 'utf8-flag' | 'utf8' | 'cp932';
  /** Zip entry time (DOS fields read in the grading time zone, or the UTC extended field) or file mtime. */
  modifiedAt: Date;
  modifiedSource: 'zip-entry' | 'file-mtime';
  /** Problems met while reading (e.g. an unreadable nested zip). */
  problems: string[];
}

export interface Identity {
  studentId: string | null;
  name: string | null;
  /** Assignment number from the name, '4' for 学籍番号_名前_4.ipynb. */
  assignment: string | null;
  /** 1 for "… (1).ipynb" copies, null otherwise. */
  copyIndex: number | null;
  /** Flags such as 'name-unrecognised', 'assignment-mismatch'. */
  flags: string[];
}

export type SubmissionStatus = 'graded' | 'late' | 'superseded' | 'not-a-notebook' | 'unreadable';
