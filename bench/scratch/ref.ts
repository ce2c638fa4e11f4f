import { computeReference, writeReferenceFile } from '../../src/trainer/reference.js';
import { LECTURE_COMPILE, LECTURE_FIT, LECTURE_LAYERS } from '../../src/trainer/lecture.js';
import { loadMnist } from '../../src/trainer/mnist.js';
const t = performance.now();
const data = loadMnist({ trainLimit: 2000, testLimit: 500, shared: true });
const ref = await computeReference({ layers: LECTURE_LAYERS, compile: LECTURE_COMPILE, fit: LECTURE_FIT, seeds: [1, 2, 3], epochs: 2, backend: 'auto', data, workers: Number(process.argv[2] ?? 2), onProgress: (p) => console.log(p.seed, p.epoch.epoch, p.epoch.val_accuracy) });
writeReferenceFile('/tmp/ref.json', ref);
console.log((performance.now() - t) / 1000);
