/**
 * Seconds per epoch of the lecture model on each available backend, side by side in one run:
 *
 *   npx tsx bench/train-speed.ts [--epochs 4] [--backends tensorflow,wasm,cpu] [--fit-baseline] [--full]
 *
 * Median over epochs 2…N (epoch 1 excluded), full MNIST, batch 64, validation_split 0.2, seed 1.
 * Wall time and process CPU time are both shown: on a shared machine CPU time is the steadier figure.
 * --fit-baseline also times tfjs's own model.fit on wasm (shipped kernels) for comparison.
 * --full trains 30 epochs on the first available backend and reports the final val_accuracy.
 */
import { parseArgs } from 'node:util';
import { BackendUnavailableError, selectBackend, type BackendName } from '../src/trainer/backend.js';
import { buildModel } from '../src/trainer/build-model.js';
import { LECTURE_COMPILE, LECTURE_FIT, LECTURE_LAYERS } from '../test/helpers/lecture.js';
import { loadMnist, type MnistData } from '../src/trainer/mnist.js';
import { median } from '../src/stats.js';
import { train } from '../src/trainer/train.js';

const { values } = parseArgs({
  options: {
    epochs: { type: 'string', default: '4' },
    backends: { type: 'string', default: 'tensorflow,wasm,cpu' },
    'fit-baseline': { type: 'boolean', default: false },
    full: { type: 'boolean', default: false },
  },
});
const epochs = Number(values.epochs);
const backends = values.backends.split(',') as BackendName[];
const log = (line: string) => process.stdout.write(`${line}\n`);

const t0 = performance.now();
const data = loadMnist();
log(`MNIST loaded in ${((performance.now() - t0) / 1000).toFixed(2)} s`);

const rows: string[][] = [];
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
/** CPU seconds per epoch, measured between epoch callbacks. */
let cpuTimes: number[] = [];

function trainOn(data: MnistData, n: number, onEpoch: (line: string) => void) {
  cpuTimes = [];
  let mark = cpuNow();
  return train({
    layers: LECTURE_LAYERS, compile: LECTURE_COMPILE, fit: LECTURE_FIT, epochs: n, data, seed: 1,
    onEpoch: (e) => {
      const now = cpuNow();
      cpuTimes.push(now - mark);
      mark = now;
      onEpoch(`  epoch ${e.epoch}: ${e.seconds.toFixed(3)} s wall, ${cpuTimes.at(-1)!.toFixed(3)} s cpu, val_accuracy ${e.val_accuracy?.toFixed(4)}`);
    },
  });
}
const cpuMedian = (times: number[]) => median(times.length > 1 ? times.slice(1) : times).toFixed(3);

for (const name of backends) {
  try {
    await selectBackend(name);
  } catch (err) {
    if (!(err instanceof BackendUnavailableError)) throw err;
    rows.push([`${name} (explicit-gradient trainer)`, 'n/a', 'n/a', err.reason]);
    continue;
  }
  log(`${name}:`);
  const r = trainOn(data, epochs, log);
  rows.push([`${name} (explicit-gradient trainer)`, r.secondsPerEpoch.toFixed(3), cpuMedian(cpuTimes), `val_accuracy ${r.epochs.at(-1)?.val_accuracy?.toFixed(4)} after ${epochs}`]);
}

if (values['fit-baseline']) {
  const { tf } = await selectBackend('wasm');
  const model = buildModel(LECTURE_LAYERS, { seed: 1 });
  model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.adam(0.001, 0.9, 0.999, 1e-7), metrics: ['accuracy'] });
  const x = tf.tensor2d(data.trainImages, [data.trainCount, 784]);
  const y = tf.tensor2d(data.trainOneHot, [data.trainCount, 10]);
  const times: number[] = [];
  const cpu: number[] = [];
  let start = performance.now();
  let cpuStart = cpuNow();
  log('wasm model.fit (shipped kernels):');
  await model.fit(x, y, {
    epochs,
    batchSize: 64,
    validationSplit: 0.2,
    verbose: 0,
    callbacks: {
      onEpochBegin: async () => {
        start = performance.now();
        cpuStart = cpuNow();
      },
      onEpochEnd: async (epoch, logs) => {
        times.push((performance.now() - start) / 1000);
        cpu.push(cpuNow() - cpuStart);
        log(`  epoch ${epoch + 1}: ${times.at(-1)!.toFixed(3)} s wall, ${cpu.at(-1)!.toFixed(3)} s cpu, val_accuracy ${Number(logs?.['val_acc']).toFixed(4)}`);
      },
    },
  });
  rows.push(['wasm (tfjs model.fit, shipped)', cpuMedian(times), cpuMedian(cpu), `same model and data, ${epochs} epochs`]);
  tf.dispose([x, y]);
  model.dispose();
}

log('');
log('| backend | s/epoch wall | s/epoch cpu | note |');
log('|---|---|---|---|');
for (const r of rows) log(`| ${r.join(' | ')} |`);

if (values.full) {
  const { name } = await selectBackend('auto');
  log(`\n30 epochs on ${name}:`);
  const t = performance.now();
  const r = trainOn(data, 30, log);
  const last = r.epochs.at(-1)!;
  log(`final: loss ${last.loss.toFixed(4)} accuracy ${last.accuracy.toFixed(4)} val_loss ${last.val_loss?.toFixed(4)} val_accuracy ${last.val_accuracy?.toFixed(4)}; test accuracy ${r.testAccuracy.toFixed(4)}; ${((performance.now() - t) / 1000).toFixed(1)} s wall, ${r.secondsPerEpoch.toFixed(3)} s/epoch`);
}
