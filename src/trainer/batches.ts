/** Batches and evaluation passes over the MNIST arrays for the trainer. */
import { batchLoss, type LossKind } from './loss.js';
import { CLASSES, FEATURES } from './mnist.js';
import type { Net } from './net.js';

/** Rows per evaluation pass (the Net is sized for it). */
export const EVAL_CHUNK = 2000;

/**
 * Mean loss and accuracy over rows [start, start+count), in chunks, inference mode: from the Net's
 * image set `set` when it takes images, else from the dense `images`.
 */
export function evaluate(net: Net, kind: LossKind, images: Float32Array, set: number, oneHot: Float32Array, start: number, count: number) {
  let loss = 0;
  let correct = 0;
  const chunk = Math.min(EVAL_CHUNK, net.maxRows);
  for (let s = start; s < start + count; s += chunk) {
    const rows = Math.min(chunk, start + count - s);
    const out = net.takesImages
      ? net.forwardImages(set, null, s, rows, false, null)
      : net.forward(images.subarray(s * FEATURES, (s + rows) * FEATURES), rows, false, null);
    const b = batchLoss(kind, out, oneHot.subarray(s * CLASSES, (s + rows) * CLASSES), CLASSES, null);
    loss += b.loss * rows;
    correct += b.correct;
  }
  return { loss: loss / count, accuracy: correct / count };
}

/** Rows indices[start … start+rows) of a (n × width) matrix, in that order, into `out`. */
export function gatherRows(src: Float32Array, width: number, indices: Int32Array, start: number, rows: number, out: Float32Array): Float32Array {
  for (let k = 0; k < rows; k++) {
    const from = indices[start + k]! * width;
    out.set(src.subarray(from, from + width), k * width);
  }
  return out.subarray(0, rows * width);
}

