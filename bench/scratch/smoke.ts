import { selectBackend } from '../../src/trainer/backend.js';
import { loadMnist } from '../../src/trainer/mnist.js';
import { train } from '../../src/trainer/train.js';
import type { LayerSpec } from '../../src/types.js';
const at = { cell: 0 };
const layers: LayerSpec[] = [
  { type: 'Dense', units: 32, activation: 'relu', inputShape: [784], at },
  { type: 'Dense', units: 10, activation: 'softmax', inputShape: null, at },
];
const be = await selectBackend((process.argv[2] ?? 'auto') as 'auto');
console.log(be.notes);
let t = performance.now();
const data = loadMnist();
console.log('load', performance.now() - t);
const r = train({ layers, compile: { loss: 'categorical_crossentropy', optimizer: 'Adam', learningRate: null }, fit: { epochs: 30, batchSize: 64, validationSplit: 0.2 }, epochs: Number(process.argv[3] ?? 3), data, seed: 1, onEpoch: (e) => console.log(JSON.stringify(e)) });
console.log(r.testAccuracy, r.secondsPerEpoch, be.tf.memory().numTensors);
