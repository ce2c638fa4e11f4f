/**
 * Seconds per epoch of the lecture model: our trainer on each available backend and, side by side in
 * the same run, PyTorch (when a python3 with torch is installed) with the same Keras semantics:
 *
 *   npx tsx bench/train-speed.ts [--epochs 4] [--rounds 1] [--backends tensorflow,wasm] [--no-torch]
 *                                [--device] [--fit-baseline] [--full]
 *
 * Median over epochs 2…N of each run (epoch 1 excluded), full MNIST, batch 64, validation_split 0.2,
 * seed 1. Wall time and process CPU time are both shown: on a shared machine CPU time is the steadier
 * figure, and the ratio measured in one run is the figure to quote.
 *
 * --rounds N alternates our trainer (first backend) and PyTorch N times, so that both see the same
 *   machine load; each system's figure is the median over all its timed epochs.
 * PyTorch: bench/torch_mnist.py under $PYTHON, python3 or /usr/bin/python3 (the first that imports
 *   torch; Debian: apt-get install python3-torch libopenblas0-pthread), one thread
 *   (OPENBLAS_NUM_THREADS=1, torch.set_num_threads(1)); OPENBLAS_CORETYPE is passed on as set. Without
 *   torch the row says why and the rest still runs.
 * --device also times the 'device' engine (tfjs kernels end to end, the GPU path) on the wasm backend.
 * --fit-baseline also times tfjs's own model.fit on wasm (shipped kernels).
 * --full trains 30 epochs with ours (first backend) and PyTorch, and reports the final val_accuracy.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BackendUnavailableError, selectBackend, type BackendName } from '../src/trainer/backend.js';
import { buildModel } from '../src/trainer/build-model.js';
import { LECTURE_COMPILE, LECTURE_FIT, LECTURE_LAYERS } from '../test/helpers/lecture.js';
import { loadMnist, mnistDataDir, type MnistData } from '../src/trainer/mnist.js';
import { median } from '../src/stats.js';
import { train, type EngineName } from '../src/trainer/train.js';

const { values } = parseArgs({
  options: {
    epochs: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '1' },
    backends: { type: 'string', default: 'tensorflow,wasm' },
    'no-torch': { type: 'boolean', default: false },
    device: { type: 'boolean', default: false },
    'fit-baseline': { type: 'boolean', default: false },
    full: { type: 'boolean', default: false },
  },
});
const epochs = Number(values.epochs);
const rounds = Number(values.rounds);
const backends = values.backends.split(',') as BackendName[];
const log = (line: string) => process.stdout.write(`${line}\n`);

interface Timed {
  wall: number[];
  cpu: number[];
}
const timedEpochs = (t: Timed) => ({ wall: median(t.wall), cpu: median(t.cpu) });

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

const t0 = performance.now();
const data = loadMnist();
log(`MNIST loaded in ${((performance.now() - t0) / 1000).toFixed(2)} s; ${new Date().toISOString()}`);

/** Our trainer for n epochs; epoch 1 is left out of `into`. */
function ours(data: MnistData, n: number, label: string, into: Timed, engine?: EngineName) {
  let mark = cpuNow();
  log(`${label}:`);
  return train({
    layers: LECTURE_LAYERS, compile: LECTURE_COMPILE, fit: LECTURE_FIT, epochs: n, data, seed: 1,
    ...(engine ? { engine } : {}),
    onEpoch: (e) => {
      const now = cpuNow();
      const cpu = now - mark;
      mark = now;
      if (e.epoch > 1) {
        into.wall.push(e.seconds);
        into.cpu.push(cpu);
      }
      log(`  epoch ${e.epoch}: ${e.seconds.toFixed(3)} s wall, ${cpu.toFixed(3)} s cpu, val_accuracy ${e.val_accuracy?.toFixed(4)}`);
    },
  });
}

// ---- PyTorch ----
const script = join(dirname(fileURLToPath(import.meta.url)), 'torch_mnist.py');
const torchEnv = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
const coretype = process.env['OPENBLAS_CORETYPE'] === undefined ? 'OPENBLAS_CORETYPE unset' : `OPENBLAS_CORETYPE=${process.env['OPENBLAS_CORETYPE']}`;

function findPython(): { python: string } | { reason: string } {
  const candidates = [process.env['PYTHON'], 'python3', '/usr/bin/python3'].filter((p): p is string => !!p);
  for (const python of [...new Set(candidates)]) {
    const r = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8', env: torchEnv });
    if (r.status === 0) return { python };
  }
  return { reason: `no python with torch among ${candidates.join(', ')} (Debian: apt-get install python3-torch libopenblas0-pthread)` };
}

interface TorchEpoch {
  epoch: number;
  seconds: number;
  cpu: number;
  val_accuracy: number;
}
interface TorchRun {
  epochs: TorchEpoch[];
  final: { test_accuracy: number; torch: string; threads: number };
}

function torch(python: string, n: number, into: Timed | null): TorchRun {
  log(`PyTorch (${python}, ${coretype}):`);
  const r = spawnSync(python, [script, mnistDataDir(), '--epochs', String(n), '--seed', '1'], { encoding: 'utf8', env: torchEnv, maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`torch_mnist.py failed (${r.status}): ${r.stderr}`);
  const run: TorchRun = { epochs: [], final: { test_accuracy: Number.NaN, torch: '?', threads: 0 } };
  for (const line of r.stdout.split('\n').filter(Boolean)) {
    const o = JSON.parse(line) as TorchEpoch | { final: TorchRun['final'] };
    if ('final' in o) {
      run.final = o.final;
      continue;
    }
    run.epochs.push(o);
    if (into && o.epoch > 1) {
      into.wall.push(o.seconds);
      into.cpu.push(o.cpu);
    }
    log(`  epoch ${o.epoch}: ${o.seconds.toFixed(3)} s wall, ${o.cpu.toFixed(3)} s cpu, val_accuracy ${o.val_accuracy.toFixed(4)}`);
  }
  return run;
}

const rows: string[][] = [];
const fmt = (x: number) => x.toFixed(3);
const available: BackendName[] = [];
for (const name of backends) {
  try {
    await selectBackend(name);
    available.push(name);
  } catch (err) {
    if (!(err instanceof BackendUnavailableError)) throw err;
    rows.push([`${name}`, 'n/a', 'n/a', err.reason]);
  }
}
const py = values['no-torch'] ? { reason: '--no-torch' } : findPython();
const first = available[0];

// The first backend alternates with PyTorch for --rounds; the others run once.
const oursTimes: Timed = { wall: [], cpu: [] };
const torchTimes: Timed = { wall: [], cpu: [] };
let lastOurs: ReturnType<typeof train> | null = null;
let lastTorch: TorchRun | null = null;
if (first) {
  for (let round = 1; round <= rounds; round++) {
    const { tf } = await selectBackend(first);
    lastOurs = ours(data, epochs, `${tf.getBackend()} (ours), round ${round}`, oursTimes);
    if ('python' in py) lastTorch = torch(py.python, epochs, torchTimes);
  }
  const o = timedEpochs(oursTimes);
  rows.push([`${first} (ours, ${lastOurs!.engine} engine)`, fmt(o.wall), fmt(o.cpu), `val_accuracy ${lastOurs!.epochs.at(-1)?.val_accuracy?.toFixed(4)} after ${epochs}; ${rounds} round(s)`]);
  if (lastTorch) {
    const t = timedEpochs(torchTimes);
    rows.push([`PyTorch ${lastTorch.final.torch}, ${lastTorch.final.threads} thread, OpenBLAS`, fmt(t.wall), fmt(t.cpu), `val_accuracy ${lastTorch.epochs.at(-1)?.val_accuracy.toFixed(4)} after ${epochs}; ${coretype}`]);
  } else if ('reason' in py) {
    rows.push(['PyTorch', 'n/a', 'n/a', `skipped: ${py.reason}`]);
  }
}
for (const name of available.slice(1)) {
  await selectBackend(name);
  const times: Timed = { wall: [], cpu: [] };
  const r = ours(data, epochs, `${name} (ours)`, times);
  const o = timedEpochs(times);
  rows.push([`${name} (ours, ${r.engine} engine)`, fmt(o.wall), fmt(o.cpu), `val_accuracy ${r.epochs.at(-1)?.val_accuracy?.toFixed(4)} after ${epochs}`]);
}

if (values.device) {
  await selectBackend('wasm');
  const times: Timed = { wall: [], cpu: [] };
  const r = ours(data, epochs, 'wasm, device engine (tfjs kernels end to end)', times, 'device');
  const o = timedEpochs(times);
  rows.push(['wasm (ours, device engine: the GPU path on tfjs-wasm kernels)', fmt(o.wall), fmt(o.cpu), `val_accuracy ${r.epochs.at(-1)?.val_accuracy?.toFixed(4)} after ${epochs}`]);
}

if (values['fit-baseline']) {
  const { tf } = await selectBackend('wasm');
  const model = buildModel(LECTURE_LAYERS, { seed: 1 });
  model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.adam(0.001, 0.9, 0.999, 1e-7), metrics: ['accuracy'] });
  const x = tf.tensor2d(data.trainImages, [data.trainCount, 784]);
  const y = tf.tensor2d(data.trainOneHot, [data.trainCount, 10]);
  const times: Timed = { wall: [], cpu: [] };
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
        const wall = (performance.now() - start) / 1000;
        const cpu = cpuNow() - cpuStart;
        if (epoch > 0) {
          times.wall.push(wall);
          times.cpu.push(cpu);
        }
        log(`  epoch ${epoch + 1}: ${wall.toFixed(3)} s wall, ${cpu.toFixed(3)} s cpu, val_accuracy ${Number(logs?.['val_acc']).toFixed(4)}`);
      },
    },
  });
  const o = timedEpochs(times);
  rows.push(['wasm (tfjs model.fit, shipped)', fmt(o.wall), fmt(o.cpu), `same model and data, ${epochs} epochs`]);
  tf.dispose([x, y]);
  model.dispose();
}

log('');
log('| system | s/epoch wall | s/epoch cpu | note |');
log('|---|---|---|---|');
for (const r of rows) log(`| ${r.join(' | ')} |`);
if (oursTimes.wall.length && torchTimes.wall.length) {
  const o = timedEpochs(oursTimes);
  const t = timedEpochs(torchTimes);
  log(`\nours / PyTorch, same run: ${(o.wall / t.wall).toFixed(2)} (wall), ${(o.cpu / t.cpu).toFixed(2)} (cpu)`);
}

if (values.full && first) {
  await selectBackend(first);
  const t = performance.now();
  const r = ours(data, 30, `\n30 epochs, ours on ${first}`, { wall: [], cpu: [] });
  const last = r.epochs.at(-1)!;
  log(`ours: final val_accuracy ${last.val_accuracy?.toFixed(4)} (loss ${last.loss.toFixed(4)}, val_loss ${last.val_loss?.toFixed(4)}); test accuracy ${r.testAccuracy.toFixed(4)}; ${((performance.now() - t) / 1000).toFixed(1)} s wall, ${r.secondsPerEpoch.toFixed(3)} s/epoch`);
  if ('python' in py) {
    const tt = performance.now();
    const run = torch(py.python, 30, null);
    log(`PyTorch: final val_accuracy ${run.epochs.at(-1)?.val_accuracy.toFixed(4)}; test accuracy ${run.final.test_accuracy.toFixed(4)}; ${((performance.now() - tt) / 1000).toFixed(1)} s wall`);
  }
}
