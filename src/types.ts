/**
 * Domain types shared by the pipeline stages. Each stage is a plain function over plain data:
 * ingest → notebook → evidence → reference → rubric → report (see README "Architecture").
 * Only types live here; no logic.
 */
import type { AssignmentModel, LatePolicy } from './core/rubric/schema.js';

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
  /**
   * Byte offset of the first byte that is not valid UTF-8 (the file was read as UTF-8 and such bytes
   * became U+FFFD); null when the bytes are valid UTF-8, are UTF-16 with its BOM, or came as text.
   */
  invalidUtf8At: number | null;
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
    /** 'unknown': outputs are saved but no cell has an execution count (a tool removed them). */
    executionOrder: 'in-order' | 'out-of-order' | 'not-run' | 'unknown';
    colab: boolean;
    accelerator: string | null;
  };
  code: CodeEvidence;
  outputs: OutputEvidence;
}

// ───────────────────────────── ingest ─────────────────────────────

/** Where a submission time came from; 'none' for a roster student who submitted nothing. */
export type TimeSource = 'submission-times' | 'zip-entry' | 'file-mtime' | 'none';

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

/** 'missing': a student on the roster (--roster) with no submission at all. */
export type SubmissionStatus = 'graded' | 'late' | 'superseded' | 'not-a-notebook' | 'unreadable' | 'missing';

// ───────────────────────────── grading ─────────────────────────────

export interface LayerDescription {
  name: string;
  /** Keras class name as Keras prints it (Dense, Dropout, …). */
  type: string;
  /** With the batch dimension as null: [null, 32]. */
  outputShape: (number | null)[];
  params: number;
}

export interface ModelDescription {
  layers: LayerDescription[];
  totalParams: number;
  trainableParams: number;
  nonTrainableParams: number;
}

export interface Finding {
  messageId: string;
  /** Japanese text for the student and the TA, already interpolated. Names no internals. */
  message: string;
  at?: Location;
  /**
   * Share of the criterion's points this finding costs, 0..1 (1 unless the check says otherwise). The
   * criterion keeps 1 − the sum of the costs of the findings it charges (never below 0).
   */
  cost: number;
  /** For the TA only (the report and the results JSON): how a number was derived, a parser's message. */
  detail?: string;
  /**
   * Set by the rubric engine (src/core/rubric/score.ts) from the rubric's `consequenceOf`: this finding follows
   * from a mistake that another criterion charges. With keepsPoints the finding costs nothing here; without,
   * the points are still lost (no evidence), and the student is given the root cause once.
   */
  chargedBy?: { criterion: string; title: string; keepsPoints: boolean };
}

export interface CheckOutcome {
  findings: Finding[];
  /** Set when the evidence exists but could not be read: the criterion scores 0 and needs review. */
  unreadable?: string;
}

/** What a finding may add besides its message: its cost (default 1) and a detail for the TA. */
export interface FindingExtra {
  cost?: number;
  detail?: string;
}

/** The student's own model (the last one their code builds), as the trainer builds it: instant, no training. */
export interface StudentModel {
  spec: ModelSpec;
  /** Parameter counts and output shapes of the built model; null when it could not be built. */
  description: ModelDescription | null;
  /** Why it could not be built (an unsupported layer, no input shape …). */
  error: string | null;
}

export interface CheckInput {
  evidence: Evidence;
  expected: Expected;
  studentModel: StudentModel | null;
}

export interface ExpectedLayer {
  name: string;
  type: string;
  outputShape: (number | null)[];
  params: number;
}

export interface Expected {
  layers: ExpectedLayer[];
  totalParams: number;
  trainableParams: number;
  fit: AssignmentModel['fit'];
  /** ceil(train samples × (1 − validation split) / batch size): 750 for the lecture. */
  stepsPerEpoch: number;
  /** Samples trained on per epoch: 48,000 for the lecture (what Keras ≤ 2.3 counted). */
  samplesPerEpoch: number;
  shapes: {
    load: number[][];
    flattened: number[][];
    oneHot: number[][];
    predict: number[];
  };
  /** The rubric's model as written: the layers and compile settings the assignment asks for. */
  asked: { layers: AssignmentModel['layers']; compile: AssignmentModel['compile'] };
  /** The test image whose prediction after training is printed (test2[1]) and its label in the MNIST test set. */
  prediction: { sample: number; label: number };
  /** Where these values came from, for reports. */
  source: string;
  /** The final val_accuracy a submission must reach, from the reference file and the rubric's rule; null without a reference file. */
  accuracy: {
    threshold: number;
    rule: string;
    source: string;
    /** Lowest and highest final val_accuracy of the reference seeds: what the assignment's model reaches. */
    band: { min: number; max: number };
  } | null;
}

export interface CriterionResult {
  id: string;
  title: string;
  points: number;
  maxPoints: number;
  status: 'met' | 'partly-met' | 'not-met' | 'unreadable';
  findings: Finding[];
  /** Rubric feedback for the student, when the criterion is not fully met. */
  feedback: string | null;
  /** A hidden criterion: scored, never described to the student. */
  hidden?: true;
}

export interface Lateness {
  /** After the deadline and past any grace period. */
  late: boolean;
  /** After the deadline but within the grace period: counted as on time. */
  withinGrace: boolean;
  /** Milliseconds after the deadline's last included instant; 0 when before it. */
  msLate: number;
}

export interface LateEffect {
  policy: LatePolicy['policy'];
  /** Minutes after the deadline, rounded up. */
  minutesLate: number;
  /** penalty: started hours or days counted; 0 under reject. */
  periods: number;
  per: 'hour' | 'day' | null;
  /** penalty: points taken off (after the floor); null when the notebook was not graded (reject). */
  penalty: number | null;
  /** penalty: the score before the penalty (after criterion overrides); null when not graded. */
  scoreBeforePenalty: number | null;
}

/** An override as applied to a row: what it changed, and whether the file changed since it was written. */
export interface AppliedOverride {
  criterion: string;
  /** Points before the override: the automatic points, or for `total` the score after criteria overrides and any late penalty. */
  from: number;
  to: number;
  reason: string;
  grader: string;
  line: number;
  /** The sha256 written in the overrides file differs from the graded file's: applied, but look again. */
  stale: boolean;
}

export interface GradeRow {
  studentId: string | null;
  name: string | null;
  file: string;
  sha256: string;
  submittedAt: string;
  timeSource: TimeSource;
  status: SubmissionStatus;
  score: number;
  maxScore: number;
  /** Per criterion, for graded notebooks; null otherwise. */
  criteria: CriterionResult[] | null;
  flags: string[];
  /** Why a file could not be graded, or which file superseded it. */
  reason: string | null;
  comment: string;
  /** The parsed notebook and its evidence, for graded notebooks (reports and results JSON); null otherwise. */
  notebook: Notebook | null;
  evidence: Evidence | null;
  /** The deadline that applied to this student: their extension's, else --deadline (as written). */
  deadline: string;
  /** The student's extension from --extensions, when any. */
  extension: { deadline: string; reason: string | null; line: number } | null;
  /** How late, and what the late policy did (rows with status late); null otherwise. */
  late: LateEffect | null;
  /** TA overrides from --overrides applied to this row (primary rows only). */
  overrides: AppliedOverride[];
  /** The row whose score is the student's, one per student id (every row without an id): what WebClass gets. */
  primary: boolean;
}

export interface GradeRun {
  rubricTitle: string;
  criteria: { id: string; title: string; points: number }[];
  maxScore: number;
  deadline: string;
  tz: string;
  expectedSource: string;
  /** The accuracy threshold and where it came from, when the rubric has a reference file. */
  accuracy: Expected['accuracy'];
  latePolicy: LatePolicy;
  rows: GradeRow[];
  /** Things the TA should know that did not stop the run (unused extensions, overrides not applied). */
  warnings: string[];
  /** Copy clusters and stale-output findings (src/integrity/types.ts): flags for a human, scores unchanged. */
  integrity: IntegrityResult;
}

// ───────────────────────────── integrity ─────────────────────────────

/** What two or more submissions share that independent work would not. */
export type CopyKind = 'training-log' | 'code' | 'image' | 'colab-user';

/** Per-submission findings on stale, edited or borrowed outputs. */
export type IntegrityFlag =
  | 'summary-mismatch'
  | 'epochs-mismatch'
  | 'execution-out-of-order'
  | 'impossible-log-values'
  | 'executed-after-submission'
  | 'executed-after-deadline'
  | 'colab-user-mismatch'
  | 'colab-multiple-users'
  | 'invalid-utf8';

export interface IntegrityFinding {
  /** The row's `file` (display path). */
  file: string;
  studentId: string | null;
  flag: IntegrityFlag;
  /** One English sentence with the numbers and cells (1-based, as a person counts). */
  evidence: string;
  at?: Location;
}

export interface ClusterMember {
  studentId: string | null;
  name: string | null;
  file: string;
}

export interface CopyPair {
  /** Files (display paths) of the two members, a < b byte-wise. */
  a: string;
  b: string;
  /** 0..1, rounded to 3 decimals. */
  similarity: number;
  evidence: string[];
}

export interface CopyCluster {
  /** `copy-1`, `copy-2`, … in order of kind, then first member. */
  id: string;
  kind: CopyKind;
  /** Sorted by student id, then file. */
  members: ClusterMember[];
  /** The highest pair similarity in the cluster, 0..1 (3 decimals). */
  similarity: number;
  /** A summary line, then the pairs' evidence. */
  evidence: string[];
  /** Every linked pair, strongest first. */
  pairs: CopyPair[];
}

export interface IntegrityResult {
  /** Groups of graded submissions that share work; each member's row is flagged `suspected-copy`. */
  clusters: CopyCluster[];
  /** Stale or edited outputs and Colab metadata, per submission; each flag is also on the row. */
  findings: IntegrityFinding[];
  /** The settings used, so that a report can say what was compared. */
  settings: IntegritySettings;
}

export interface IntegritySettings {
  /** The rubric's template (the lecture's code) whose fingerprints were removed; null when none. */
  template: string | null;
  /** Tokens per k-gram and the winnowing window. */
  k: number;
  window: number;
  /** A code pair is reported from this many shared fingerprints and this similarity on. */
  minSharedFingerprints: number;
  minCodeSimilarity: number;
  /** Fingerprints, images and Colab users seen in more than this many notebooks are treated as common. */
  commonLimit: number;
}

// ───────────────────────────── overrides ─────────────────────────────

export interface OverrideEntry {
  studentId: string;
  /** A criterion id, or `total`. */
  criterion: string;
  points: number;
  reason: string;
  grader: string;
  /** Lower-case hex, when the row gives one. */
  sha256: string | null;
  /** 1-based line in the CSV. */
  line: number;
}
