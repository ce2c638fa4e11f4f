/**
 * The JSON contract of `grade inspect --json`, version 1 (documented in README.md, "`grade inspect`").
 *
 * These types are deliberately separate from the internal evidence types (src/types.ts): report.ts maps
 * one onto the other field by field, so that an internal refactor cannot silently change what tests and
 * TAs' scripts read. Adding a field is not a breaking change; renaming, removing or changing the meaning
 * or type of one is, and bumps INSPECT_VERSION.
 *
 * Conventions: `cell` is the 0-based index among all cells (markdown included); `line` is 1-based, inside
 * the cell's source for code facts and counted through the cell's outputs for output facts. A value the
 * code does not give is null (never Keras's default). Lists are in notebook order.
 */

export const INSPECT_VERSION = 1;

/** A metric value: JSON has no NaN or infinities, so those are written as these strings (Number() reads them back). */
export type JsonNumber = number | 'NaN' | 'Infinity' | '-Infinity';

export interface InspectNotebook {
  nbformat: string;
  /** Non-empty code cells. */
  codeCells: number;
  /** Non-empty code cells with an execution count. */
  executedCells: number;
  executionOrder: 'in-order' | 'out-of-order' | 'not-run' | 'unknown';
  colab: boolean;
  accelerator: string | null;
  /** All cells, markdown and raw included. */
  cells: number;
  kernel: string | null;
}

export interface InspectLayer {
  type: string;
  units: number | null;
  activation: string | null;
  inputShape: number[] | null;
  /** Dropout rate; null for other layers or when not readable. */
  rate: number | null;
  cell: number;
  line: number | null;
}

export interface InspectCompile {
  loss: string | null;
  optimizer: string | null;
  metrics: string[] | null;
  learningRate: number | null;
  cell: number;
  line: number | null;
}

export interface InspectModel {
  cell: number;
  line: number | null;
  variable: string;
  kind: 'sequential' | 'functional';
  layers: InspectLayer[];
  compile: InspectCompile | null;
}

export interface InspectFit {
  cell: number;
  line: number | null;
  model: string;
  epochs: number | null;
  batchSize: number | null;
  validationSplit: number | null;
  hasValidationData: boolean;
  verbose: number | null;
  /** Canonical paths of the callbacks passed ('keras.callbacks.EarlyStopping'; a notebook class '__main__.Name'; '?' not followed); [] when none. */
  callbacks: string[];
  /** False when a `*args` / `**kwargs` splat or the callbacks list could not be followed: a setting may hide there. */
  argumentsKnown: boolean;
  /** The top-level cell whose run made the call (its outputs hold the log); differs from `cell` for a fit inside a function or method defined elsewhere. */
  ranIn: number;
  /** Order among fits, calls and shown values in the kernel's execution order. */
  seq: number;
}

export interface InspectSummaryLayer {
  name: string;
  type: string;
  outputShape: string;
  params: number;
}

export interface InspectSummary {
  cell: number;
  line: number | null;
  format: 'keras2-classic' | 'keras2-spaced' | 'keras2-bytes' | 'keras3-box';
  modelName: string | null;
  layers: InspectSummaryLayer[];
  totalParams: number | null;
  trainableParams: number | null;
  nonTrainableParams: number | null;
  optimizerParams: number | null;
}

/** One epoch: the four usual metrics always present (null when not logged), other metrics as printed. */
export interface InspectEpoch {
  epoch: number;
  loss: JsonNumber | null;
  accuracy: JsonNumber | null;
  val_loss: JsonNumber | null;
  val_accuracy: JsonNumber | null;
  [metric: string]: JsonNumber | null;
}

export interface InspectTrainingLog {
  cell: number;
  line: number | null;
  epochsLogged: number;
  epochsTotal: number | null;
  stepsPerEpoch: number | null;
  counterUnit: 'steps' | 'samples' | null;
  truncated: boolean;
  epochs: InspectEpoch[];
  final: InspectEpoch | null;
  /** A loss printed as nan or inf: the run diverged. */
  diverged: boolean;
  /** Both numbers of epochs, where they disagree or the code's is unknown too. */
  epochsFrom: InspectEpochsFrom;
}

/**
 * The epochs a log counts to (`Epoch k/N`) and the `epochs` of the fit whose run printed it. The grader judges
 * the log complete against `used`: the log's N when printed (the run that happened), else the code's, else
 * the rubric's; fit-settings judges the code's `epochs` itself.
 */
export interface InspectEpochsFrom {
  log: number | null;
  code: number | null;
  /** Where the fit is written; null when the log's cell ran no fit the interpreter saw. */
  fit: { cell: number; line: number | null } | null;
  /** False when both are known and differ (a stale log, or code changed after the run); null when one is unknown. */
  agree: boolean | null;
  used: 'log' | 'code' | 'rubric';
}

export interface InspectCall {
  cell: number;
  line: number | null;
  method: string;
  model: string;
  target: string | null;
  input: string | null;
  /** The top-level cell whose run made the call. */
  ranIn: number;
  /** Order among fits, calls and shown values in the kernel's execution order. */
  seq: number;
}

/** Something a cell shows when it runs: print(), display(), a plotting call, or the cell's last bare expression. */
export interface InspectShown {
  /** Where the showing statement is written. */
  cell: number;
  line: number | null;
  /** The top-level cell whose run showed it: its outputs hold what was shown. */
  ranIn: number;
  seq: number;
  how: 'print' | 'display' | 'expression' | 'plot';
  /** For a plot, the function's last name ('imshow', 'plot', …); else null. */
  call: string | null;
  /** What the shown value (a plot: all its arguments) is computed from. */
  source: 'constant' | 'data' | 'model' | 'unknown';
  /** A row of a predict() result with a constant index (np.around(test2[1], 3)): the variable (null when not assigned) and the index. */
  predictRow: { target: string | null; index: number } | null;
}

/** A name the code uses before the cell that imports it ran (in the saved execution counts). */
export interface InspectAssumedImport {
  name: string;
  /** The cell whose import supplied it. */
  from: number;
  /** The cell whose code uses it. */
  usedIn: number;
}

export interface InspectDataStep {
  cell: number;
  line: number | null;
  kind: 'load_data' | 'reshape' | 'scale' | 'to_categorical';
  target: string | null;
  args: (number | string)[];
}

export interface InspectReport {
  version: typeof INSPECT_VERSION;
  /** The path as given on the command line. */
  file: string;
  /** Why the file could not be read as a notebook; null when it was read (then `notebook` is not null). */
  error: string | null;
  notebook: InspectNotebook | null;
  models: InspectModel[];
  fits: InspectFit[];
  summaries: InspectSummary[];
  trainingLogs: InspectTrainingLog[];
  shapes: { cell: number; line: number | null; shape: number[] }[];
  images: { cell: number; line: number | null; mime: string }[];
  errors: { cell: number; line: number | null; ename: string; message: string }[];
  syntaxErrors: { cell: number; line: number; message: string }[];
  calls: InspectCall[];
  dataSteps: InspectDataStep[];
  arrays: { cell: number; line: number | null; values: JsonNumber[] }[];
  /** In the order of the cells whose outputs hold them (ranIn), then execution order. */
  shown: InspectShown[];
  assumedImports: InspectAssumedImport[];
  /** Calls that fix a random seed (`call` is the canonical path; `seed` null when not read). */
  seeds: { cell: number; line: number | null; call: string; seed: number | null }[];
}
