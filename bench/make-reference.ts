/**
 * Produces the committed reference file for the assignment: the lecture model trained with 5 seeds
 * × 30 epochs on full MNIST, seeds in parallel worker threads.
 *
 *   npx tsx bench/make-reference.ts [--out rubrics/kadai4.reference.json] [--seeds 1,2,3,4,5] [--epochs 30] [--backend auto] [--workers 2]
 */
import { parseArgs } from 'node:util';
import type { WantedBackend } from '../src/trainer/backend.js';
import { LECTURE_COMPILE, LECTURE_FIT, LECTURE_LAYERS } from '../src/trainer/lecture.js';
import { computeReference, writeReferenceFile } from '../src/trainer/reference.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'rubrics/kadai4.reference.json' },
    seeds: { type: 'string', default: '1,2,3,4,5' },
    epochs: { type: 'string', default: '30' },
    backend: { type: 'string', default: 'auto' },
    workers: { type: 'string', default: '2' },
  },
});

const started = performance.now();
const ref = await computeReference({
  layers: LECTURE_LAYERS,
  compile: LECTURE_COMPILE,
  fit: LECTURE_FIT,
  seeds: values.seeds.split(',').map(Number),
  epochs: Number(values.epochs),
  backend: values.backend as WantedBackend,
  workers: Number(values.workers),
  onProgress: ({ seed, epoch, epochs }) =>
    process.stderr.write(`seed ${seed} epoch ${epoch.epoch}/${epochs}: loss ${epoch.loss.toFixed(4)} val_accuracy ${epoch.val_accuracy?.toFixed(4)} (${epoch.seconds.toFixed(2)} s)\n`),
});
writeReferenceFile(values.out, ref);
const wall = (performance.now() - started) / 1000;
const v = ref.final.val_accuracy;
process.stdout.write(
  `${values.out}: ${ref.seeds.length} seeds × ${ref.fit.epochs} epochs on ${ref.run.backend} (${ref.run.workers} workers), ` +
    `final val_accuracy mean ${v?.mean} [${v?.min}, ${v?.max}], test accuracy mean ${ref.final.test_accuracy.mean}, ` +
    `${ref.run.secondsPerEpoch} s/epoch per worker, ${wall.toFixed(1)} s wall\n`,
);
