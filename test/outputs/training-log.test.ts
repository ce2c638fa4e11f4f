import { describe, expect, it } from 'vitest';
import { parseTrainingLogs, trainingLogsInLines } from '../../src/core/outputs/training-log.js';
import { readProgressLine } from '../../src/core/outputs/progress-line.js';
import type { TrainingLog } from '../../src/types.js';
import { codeCell, fixtureValue, stdoutCell, stream } from './helpers.js';

function only(logs: TrainingLog[]): TrainingLog {
  expect(logs).toHaveLength(1);
  return logs[0]!;
}

function logOf(...fixtures: string[]): TrainingLog {
  return only(parseTrainingLogs([stdoutCell(...fixtures)]));
}

describe('verbose=1 logs of every era', () => {
  it('Keras 2.0: `- 1s - loss` without per-step time, trailing spaces, acc → accuracy', () => {
    expect(logOf('fit-keras20-v1-no-step-time.json')).toEqual({
      epochsLogged: 2,
      epochsTotal: 5,
      stepsPerEpoch: 60000,
      counterUnit: 'samples',
      epochs: [
        { epoch: 4, loss: 0.0508, accuracy: 0.9848 },
        { epoch: 5, loss: 0.0382, accuracy: 0.989 },
      ],
      final: { epoch: 5, loss: 0.0382, accuracy: 0.989 },
      truncated: false,
      diverged: false,
      at: { cell: 0, line: 1 },
    });
  });

  it('Keras 2.1/2.2: Train on 48000 samples, us/step, val_acc, ModelCheckpoint line', () => {
    const log = logOf('fit-keras21-v1-train-on-samples-checkpoint.json');
    expect(log).toMatchObject({ epochsLogged: 1, epochsTotal: 10, stepsPerEpoch: 48000, counterUnit: 'samples', at: { cell: 0, line: 2 } });
    expect(log.final).toEqual({ epoch: 1, loss: 0.033, accuracy: 0.9901, val_loss: 0.086, val_accuracy: 0.9819 });
  });

  it('Keras 2.1/2.2 checkpoint on its own line, without the Train on header: samples from us/step and the counter', () => {
    const log = logOf('fit-keras21-checkpoint-own-line.json');
    expect(log).toMatchObject({ epochsLogged: 1, stepsPerEpoch: 48000, counterUnit: 'samples' });
  });

  it('Keras 2.3: samples + us/step + accuracy; a metrics line before any header is not counted', () => {
    const log = logOf('fit-keras23-v1-samples-accuracy.json');
    expect(log).toMatchObject({ epochsLogged: 1, epochsTotal: 10, stepsPerEpoch: 60000, counterUnit: 'samples', at: { cell: 0, line: 2 } });
    expect(log.epochs).toEqual([{ epoch: 10, loss: 0.1015, accuracy: 0.9704, val_loss: 0.1322, val_accuracy: 0.9662 }]);
  });

  it('TF 2.0/2.1: us/sample, and the \\b residue `acc: 0.9761s - los`', () => {
    const log = logOf('fit-tf20-v1-us-sample-backspace-residue.json');
    expect(log).toMatchObject({ epochsLogged: 2, epochsTotal: 3, stepsPerEpoch: 60000, counterUnit: 'samples' });
    expect(log.epochs).toEqual([
      { epoch: 2, loss: 0.1089, accuracy: 0.9668 },
      { epoch: 3, loss: 0.075, accuracy: 0.9761 },
    ]);
  });

  it('TF 2.0/2.1 without metrics: loss and val_loss only', () => {
    const log = logOf('fit-tf20-v1-loss-only.json');
    expect(log).toMatchObject({ epochsLogged: 1, epochsTotal: 50, stepsPerEpoch: 54000, counterUnit: 'samples' });
    expect(log.final).toEqual({ epoch: 50, loss: 0.0803, val_loss: 0.0911 });
  });

  it('TF ≥ 2.2: steps and ms/step, five epochs', () => {
    const log = logOf('fit-tf22-v1-steps-ms.json');
    expect(log).toMatchObject({ epochsLogged: 5, epochsTotal: 5, stepsPerEpoch: 1875, counterUnit: 'steps', truncated: false });
    expect(log.epochs.map((e) => [e.epoch, e['loss'], e['accuracy']])).toEqual([
      [1, 0.2945, 0.9145],
      [2, 0.1435, 0.957],
      [3, 0.1088, 0.9673],
      [4, 0.0878, 0.973],
      [5, 0.0759, 0.9752],
    ]);
  });

  it('TF ≥ 2.2 with validation, followed by %%time lines', () => {
    const log = logOf('fit-tf22-v1-validation-time-magic.json');
    expect(log).toMatchObject({ epochsLogged: 1, epochsTotal: 100, stepsPerEpoch: 375, counterUnit: 'steps' });
    expect(log.final).toEqual({ epoch: 100, loss: 0.2673, accuracy: 0.9169, val_loss: 0.1777, val_accuracy: 0.9601 });
  });

  it('TF 2.13–2.15, batch 512', () => {
    const log = logOf('fit-tf213-v1-batch512.json');
    expect(log).toMatchObject({ epochsLogged: 1, epochsTotal: 20, stepsPerEpoch: 118, counterUnit: 'steps' });
    expect(log.final).toEqual({ epoch: 20, loss: 0.0858, accuracy: 0.9742 });
  });

  it('Keras 3: ANSI and ━ bars, alphabetical metric order', () => {
    const log = logOf('fit-keras3-v1-ansi.json');
    expect(log).toMatchObject({ epochsLogged: 1, epochsTotal: 25, stepsPerEpoch: 1500, counterUnit: 'steps' });
    expect(log.final).toEqual({ epoch: 25, accuracy: 0.9982, loss: 0.0043, val_accuracy: 0.9765, val_loss: 0.1554 });
    expect(Object.keys(log.final!)).toEqual(['accuracy', 'loss', 'val_accuracy', 'val_loss', 'epoch']);
  });

  it('Keras 3 without an accuracy metric', () => {
    expect(logOf('fit-keras3-v1-loss-only.json').final).toEqual({ epoch: 25, loss: 0.009, val_loss: 0.1608 });
  });

  it('Keras 3: the evaluate line after the last epoch is ignored', () => {
    const log = logOf('fit-keras3-v1-then-evaluate.json');
    expect(log).toMatchObject({ epochsLogged: 1, epochsTotal: 20, stepsPerEpoch: 118, counterUnit: 'steps' });
    expect(log.final).toEqual({ epoch: 20, accuracy: 0.6255, loss: 0.0542 });
  });
});

describe('verbose=2 logs', () => {
  it('Keras 2.0: `4s - loss` lines without counter', () => {
    const log = logOf('fit-keras20-v2-no-dash.json');
    expect(log).toMatchObject({ epochsLogged: 2, epochsTotal: 100, stepsPerEpoch: null, counterUnit: null, at: { cell: 0, line: 2 } });
    expect(log.epochs).toEqual([
      { epoch: 1, loss: 0.0422, accuracy: 0.7848, val_loss: 0.0242, val_accuracy: 0.8884 },
      { epoch: 2, loss: 0.0221, accuracy: 0.8889, val_loss: 0.0189, val_accuracy: 0.9068 },
    ]);
  });

  it('Keras 2.1/2.2: ` - 31s - loss` after a TF WARNING on stdout', () => {
    const log = logOf('fit-keras21-v2-dash-warning.json');
    expect(log).toMatchObject({ epochsLogged: 2, epochsTotal: 10, stepsPerEpoch: null, counterUnit: null, at: { cell: 0, line: 5 } });
    expect(log.final).toEqual({ epoch: 2, loss: 0.0972, accuracy: 0.9707, val_loss: 0.0994, val_accuracy: 0.9697 });
  });

  it('TF 1.15/2.0: `60000/60000 - 1s - loss`; the test_loss line after it is ignored', () => {
    const log = logOf('fit-tf115-v2-samples.json');
    expect(log).toMatchObject({ epochsLogged: 2, epochsTotal: 30, stepsPerEpoch: 60000, counterUnit: 'samples' });
    expect(log.final).toEqual({ epoch: 30, loss: 0.1195, accuracy: 0.9661 });
  });

  it('TF ≥ 2.7: `- 1s/epoch - 2ms/step` at the end (format from keras.io)', () => {
    const text = 'Epoch 1/30\n750/750 - 1s - loss: 0.3700 - accuracy: 0.8961 - val_loss: 0.2035 - val_accuracy: 0.9417 - 1s/epoch - 2ms/step\n';
    const log = only(parseTrainingLogs([codeCell([stream(text)])]));
    expect(log).toMatchObject({ epochsLogged: 1, epochsTotal: 30, stepsPerEpoch: 750, counterUnit: 'steps' });
    expect(log.final).toEqual({ epoch: 1, loss: 0.37, accuracy: 0.8961, val_loss: 0.2035, val_accuracy: 0.9417 });
  });

  it('Keras 3: `750/750 - 2s - 3ms/step - accuracy: …` (format of the catalogue\'s evaluate line)', () => {
    const text = 'Epoch 30/30\n750/750 - 2s - 3ms/step - accuracy: 0.9912 - loss: 0.0291 - val_accuracy: 0.9668 - val_loss: 0.1204\n';
    const log = only(parseTrainingLogs([codeCell([stream(text)])]));
    expect(log).toMatchObject({ stepsPerEpoch: 750, counterUnit: 'steps' });
    expect(log.final).toEqual({ epoch: 30, accuracy: 0.9912, loss: 0.0291, val_accuracy: 0.9668, val_loss: 0.1204 });
  });
});

describe('quirks', () => {
  it('Keras 2.0 raw \\b and \\r chunks, stored as separate stream outputs, joined then cleaned', () => {
    const cell = codeCell([stream('Epoch 1/200\n'), stream(fixtureValue('fit-keras20-raw-backspace-chunk.json')), stream(fixtureValue('fit-keras20-raw-backspace-final-chunk.json'))]);
    const log = only(parseTrainingLogs([cell]));
    expect(log).toMatchObject({ epochsLogged: 1, epochsTotal: 200, stepsPerEpoch: 9600, counterUnit: 'samples' });
    expect(log.final).toEqual({ epoch: 1, loss: 1.5613, accuracy: 0.4876, val_loss: 0.7026, val_accuracy: 0.8292 });
  });

  it('TF WARNING glued to partial bars; the header of an unfinished epoch is not a logged epoch', () => {
    const log = logOf('fit-tf2-warning-glued.json');
    expect(log).toMatchObject({ epochsLogged: 1, epochsTotal: 100, stepsPerEpoch: 1719, counterUnit: 'steps' });
    expect(log.epochs).toEqual([{ epoch: 1, loss: 0.2362, accuracy: 0.9266, val_loss: 0.0978, val_accuracy: 0.9704 }]);
  });

  it('Keras 2.0 ModelCheckpoint glued to a partial bar, output stored as one string', () => {
    const alone = logOf('fit-keras20-checkpoint-glued-single-string.json');
    expect(alone).toMatchObject({ epochsLogged: 0, epochsTotal: 10, final: null, stepsPerEpoch: null });
    const withHeader = only(parseTrainingLogs([codeCell([stream('Epoch 1/10\n'), stream(fixtureValue('fit-keras20-checkpoint-glued-single-string.json'))])]));
    expect(withHeader).toMatchObject({ epochsLogged: 1, epochsTotal: 10, stepsPerEpoch: 48000, counterUnit: 'samples' });
    expect(withHeader.final).toEqual({ epoch: 1, loss: 0.1246, accuracy: 0.9649, val_loss: 0.117, val_accuracy: 0.9678 });
  });

  it('EarlyStopping lines are not epoch headers', () => {
    const text = 'Epoch 50/200\n9600/9600 [==============================] - 2s - loss: 0.1 - acc: 0.9\n' + (fixtureValue('fit-keras20-early-stopping.json') as string[]).join('');
    const log = only(parseTrainingLogs([codeCell([stream(text)])]));
    expect(log).toMatchObject({ epochsLogged: 1, epochsTotal: 200 });
    expect(parseTrainingLogs([stdoutCell('fit-keras20-early-stopping.json')])).toEqual([]);
  });

  it('scientific notation and nan', () => {
    const text = 'Epoch 1/2\n1875/1875 [==============================] - 4s 2ms/step - loss: 3.8775e-05 - accuracy: 1.0000\nEpoch 2/2\n1875/1875 [==============================] - 4s 2ms/step - loss: nan - accuracy: 0.0987\n';
    const log = only(parseTrainingLogs([codeCell([stream(text)])]));
    expect(log.epochs[0]).toEqual({ epoch: 1, loss: 3.8775e-5, accuracy: 1 });
    expect(log.epochs[1]!['loss']).toBeNaN();
    expect(log.diverged).toBe(true);
  });

  it('Colab streaming truncation marks the log that follows', () => {
    const text = 'Streaming output truncated to the last 5000 lines.\n750/750 [==============================] - 2s 2ms/step - loss: 0.02 - accuracy: 0.99\nEpoch 30/30\n750/750 [==============================] - 2s 2ms/step - loss: 0.0180 - accuracy: 0.9950 - val_loss: 0.1500 - val_accuracy: 0.9650\n';
    const log = only(parseTrainingLogs([codeCell([stream(text)])]));
    expect(log).toMatchObject({ truncated: true, epochsLogged: 1, epochsTotal: 30, at: { cell: 0, line: 3 } });
  });

  it('several fits in one cell and across cells, re-run from Epoch 1', () => {
    const cell = stdoutCell('fit-tf22-v1-steps-ms.json', 'fit-keras3-v1-ansi.json');
    const rerun = codeCell([stream(fixtureValue('fit-tf22-v1-steps-ms.json')), stream(fixtureValue('fit-tf22-v1-steps-ms.json'))], 3);
    const logs = parseTrainingLogs([cell, rerun]);
    expect(logs.map((l) => [l.at.cell, l.at.line, l.epochsLogged, l.epochsTotal, l.stepsPerEpoch])).toEqual([
      [0, 1, 5, 5, 1875],
      [0, 12, 1, 25, 1500],
      [3, 1, 5, 5, 1875],
      [3, 11, 5, 5, 1875],
    ]);
  });

  it('evaluate, predict and dataset download lines are not training logs', () => {
    const names = [
      'evaluate-tf22-v2.json', 'evaluate-keras3-v2.json', 'evaluate-keras20-partial-bar.json', 'evaluate-tf20-v1-samples.json',
      'evaluate-tf22-v1.json', 'evaluate-tf-79-steps.json', 'evaluate-keras3-v1.json', 'predict-tf-progress-and-print.json',
      'predict-keras3-progress.json', 'download-old-overcount.json', 'download-tf214.json', 'download-keras3-ansi.json',
    ];
    expect(parseTrainingLogs(names.map((name, i) => ({ ...stdoutCell(name), index: i })))).toEqual([]);
  });

  it('trainingLogsInLines numbers lines from 1 by default', () => {
    expect(trainingLogsInLines(['x', 'Epoch 1/1', '4s - loss: 0.5'], 2)[0]!.at).toEqual({ cell: 2, line: 2 });
  });
});

describe('diverged runs: nan and inf metrics (issue 15)', () => {
  it('TF 2.x verbose=1 (Keras 2 bar): inf, then nan on every epoch; every epoch counts', () => {
    const log = logOf('fit-tf22-v1-diverged-nan.json');
    expect(log).toMatchObject({ epochsLogged: 5, epochsTotal: 5, stepsPerEpoch: 750, counterUnit: 'steps', diverged: true });
    expect(log.epochs[0]).toEqual({ epoch: 1, loss: 2305.4719, accuracy: 0.1024, val_loss: Infinity, val_accuracy: 0.0991 });
    expect(log.final).toEqual({ epoch: 5, loss: NaN, accuracy: 0.0987, val_loss: NaN, val_accuracy: 0.098 });
  });

  it('TF ≥ 2.7 verbose=2: `750/750 - 2s - loss: nan - … - 2s/epoch - 3ms/step`', () => {
    const log = logOf('fit-tf27-v2-diverged.json');
    expect(log).toMatchObject({ epochsLogged: 3, epochsTotal: 3, stepsPerEpoch: 750, counterUnit: 'steps', diverged: true });
    expect(log.epochs[0]).toEqual({ epoch: 1, loss: Infinity, accuracy: 0.1019, val_loss: NaN, val_accuracy: 0.098 });
    expect(log.final).toEqual({ epoch: 3, loss: NaN, accuracy: 0.0987, val_loss: NaN, val_accuracy: 0.098 });
  });

  it('Keras 3 (ANSI, alphabetical order): `accuracy: 0.0987 - loss: nan`', () => {
    const log = logOf('fit-keras3-v1-diverged-ansi.json');
    expect(log).toMatchObject({ epochsLogged: 3, epochsTotal: 3, stepsPerEpoch: 750, counterUnit: 'steps', diverged: true });
    expect(log.final).toEqual({ epoch: 3, accuracy: 0.0987, loss: NaN, val_accuracy: 0.098, val_loss: NaN });
  });

  it('-inf, NaN and Inf in any case; a loss-like metric other than loss counts', () => {
    const text = [
      'Epoch 1/3',
      '750/750 [==============================] - 2s 3ms/step - loss: -inf - accuracy: 0.1000',
      'Epoch 2/3',
      '750/750 [==============================] - 2s 3ms/step - loss: NaN - accuracy: 0.0987 - val_loss: Inf',
      'Epoch 3/3',
      '750/750 [==============================] - 2s 3ms/step - loss: 0.3000 - accuracy: 0.9000 - val_custom_loss: nan',
      '',
    ].join('\n');
    const log = only(parseTrainingLogs([codeCell([stream(text)])]));
    expect(log.epochs).toEqual([
      { epoch: 1, loss: -Infinity, accuracy: 0.1 },
      { epoch: 2, loss: NaN, accuracy: 0.0987, val_loss: Infinity },
      { epoch: 3, loss: 0.3, accuracy: 0.9, val_custom_loss: NaN },
    ]);
    expect(log.diverged).toBe(true);
    const lastOnly = only(trainingLogsInLines(text.split('\n').slice(4), 0));
    expect(lastOnly).toMatchObject({ epochsLogged: 1, diverged: true });
  });

  it('nan in a metric that is not a loss, or finite losses: not diverged', () => {
    const text = 'Epoch 1/1\n750/750 [==============================] - 2s 3ms/step - loss: 0.3000 - precision: nan - val_loss: 0.2000\n';
    const log = only(parseTrainingLogs([codeCell([stream(text)])]));
    expect(log.final!['precision']).toBeNaN();
    expect(log.diverged).toBe(false);
    expect(logOf('fit-tf22-v1-steps-ms.json').diverged).toBe(false);
    expect(logOf('fit-keras3-v1-ansi.json').diverged).toBe(false);
  });
});

describe('stale ETA fragments glued in front of the finished values (issue 15, Keras 2.3 / TF 2.0–2.3 in Jupyter)', () => {
  it('TF 2.2, 20 epochs, one or two fragments on every epoch line: 20 epochs, the values after `- 2s 3ms/step`', () => {
    const log = logOf('fit-tf22-v1-glued-eta-20-epochs.json');
    expect(log).toMatchObject({ epochsLogged: 20, epochsTotal: 20, stepsPerEpoch: 750, counterUnit: 'steps', diverged: false });
    expect(log.epochs.map((e) => e.epoch)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(log.epochs[0]).toEqual({ epoch: 1, loss: 0.3512, accuracy: 0.9061, val_loss: 0.1815, val_accuracy: 0.9481 });
    expect(log.epochs[3]).toEqual({ epoch: 4, loss: 0.2338, accuracy: 0.9421, val_loss: 0.1373, val_accuracy: 0.9602 });
    expect(log.final).toEqual({ epoch: 20, loss: 0.0686, accuracy: 0.99, val_loss: 0.1571, val_accuracy: 0.9658 });
  });

  it('TF 2.0/2.1: samples counter and `- 2s 50us/sample`, two fragments per line', () => {
    const log = logOf('fit-tf20-v1-glued-eta-samples.json');
    expect(log).toMatchObject({ epochsLogged: 3, epochsTotal: 3, stepsPerEpoch: 48000, counterUnit: 'samples' });
    expect(log.epochs).toEqual([
      { epoch: 1, loss: 0.3371, accuracy: 0.9043, val_loss: 0.1869, val_accuracy: 0.9461 },
      { epoch: 2, loss: 0.1597, accuracy: 0.9532, val_loss: 0.1452, val_accuracy: 0.9577 },
      { epoch: 3, loss: 0.1195, accuracy: 0.9648, val_loss: 0.1283, val_accuracy: 0.9625 },
    ]);
  });

  it('the line of the issue (`2/2 … - ETA: 0s - … accuracy: 1.00 - 0s 8ms/step - …`) and `0s 8ms/sample`', () => {
    const issue = '2/2 [==============================] - ETA: 0s - loss: 0.0162 - accuracy: 1.00 - 0s 8ms/step - loss: 0.0098 - accuracy: 1.0000 - val_loss: 0.0122 - val_accuracy: 1.0000';
    const log = only(trainingLogsInLines(['Epoch 7/20', issue], 0));
    expect(log).toMatchObject({ epochsLogged: 1, stepsPerEpoch: 2, counterUnit: 'steps' });
    expect(log.final).toEqual({ epoch: 7, loss: 0.0098, accuracy: 1, val_loss: 0.0122, val_accuracy: 1 });
    const samples = only(trainingLogsInLines(['Epoch 1/1', issue.replace('8ms/step', '8ms/sample')], 0));
    expect(samples).toMatchObject({ epochsLogged: 1, counterUnit: 'samples' });
    expect(samples.final).toEqual({ epoch: 1, loss: 0.0098, accuracy: 1, val_loss: 0.0122, val_accuracy: 1 });
  });

  it('Keras 2.0 finish (`- 2s - loss`) after a fragment; a partial bar with a fragment is unfinished', () => {
    const keras20 = '9600/9600 [==============================] - ETA: 0s - loss: 1.5700 - acc: 0.48 - 2s - loss: 1.5613 - acc: 0.4876 - val_loss: 0.7026 - val_acc: 0.8292';
    expect(only(trainingLogsInLines(['Epoch 1/2', keras20], 0)).final).toEqual({ epoch: 1, loss: 1.5613, accuracy: 0.4876, val_loss: 0.7026, val_accuracy: 0.8292 });
    const partial = '   1/750 [..............................] - ETA: 0s - loss: 2.5649 - accuracy: 0.0625';
    expect(only(trainingLogsInLines(['Epoch 1/2', partial], 0))).toMatchObject({ epochsLogged: 0 });
  });
});

describe('a stale progress tail glued AFTER the finished values (TF 2.0–2.3 in classic Jupyter)', () => {
  // The front end rendered `\r` itself: the finished line overwrote the start of a longer line of glued
  // updates, whose tail stays after the last finished value (`accuracy: 0.9771s - loss: - ETA: 0s - …`).
  it('TF 2.0 samples, 5 epochs, tails on epochs 2, 3 and 5 (two of them with `ETA:`): all 5 epochs, the finished values', () => {
    const log = logOf('fit-tf20-v1-stale-tail-after-finish.json');
    expect(log).toMatchObject({ epochsLogged: 5, epochsTotal: 5, stepsPerEpoch: 60000, counterUnit: 'samples', diverged: false });
    expect(log.epochs).toEqual([
      { epoch: 1, loss: 0.2611, accuracy: 0.9241 },
      { epoch: 2, loss: 0.1127, accuracy: 0.9667 },
      { epoch: 3, loss: 0.0752, accuracy: 0.9771 },
      { epoch: 4, loss: 0.0541, accuracy: 0.9836 },
      { epoch: 5, loss: 0.041, accuracy: 0.9874 },
    ]);
  });

  it('steps counter and validation metrics; a tail that starts with ` - `; fragments both before and after the finish', () => {
    const glued = '1875/1875 [==============================] - 5s 3ms/step - loss: 0.0684 - accuracy: 0.9794s - loss: 0.0690 - accuracy: 0.97 - ETA: 0s - loss: 0.0687 - accu';
    const progress = readProgressLine(glued)!;
    expect(progress).toMatchObject({ current: 1875, total: 1875, complete: true, timeUnit: 'step', microsPerUnit: 3000 });
    expect(progress.metrics).toEqual({ loss: 0.0684, accuracy: 0.9794 });
    const validation = '1500/1500 [==============================] - 4s 3ms/step - loss: 0.0721 - accuracy: 0.9780 - val_loss: 0.0950 - val_accuracy: 0.9712s - loss: 0.0725 - ETA: 0s - loss: 0.0722 - acc';
    expect(only(trainingLogsInLines(['Epoch 3/10', validation], 0)).final).toEqual({ epoch: 3, loss: 0.0721, accuracy: 0.978, val_loss: 0.095, val_accuracy: 0.9712 });
    const clean = '750/750 [==============================] - 2s 3ms/step - loss: 0.2000 - accuracy: 0.9000 - ETA: 0s - loss: 0.1900';
    expect(only(trainingLogsInLines(['Epoch 1/2', clean], 0)).final).toEqual({ epoch: 1, loss: 0.2, accuracy: 0.9 });
    const both = '750/750 [==============================] - ETA: 0s - loss: 0.3394 - acc: 0.90 - 2s 3ms/step - loss: 0.3371 - acc: 0.9043s - loss: 0.3380 - ETA: 0s - loss: 0.33';
    expect(only(trainingLogsInLines(['Epoch 1/2', both], 0)).final).toEqual({ epoch: 1, loss: 0.3371, accuracy: 0.9043 });
  });

  it('the same shape from a raw stream: the finished line drawn with `\\r` over a longer line of glued updates', () => {
    const glued = '59872/60000 [============================>.] - ETA: 0s - loss: 0.0760 - accuracy: 0.97 - ETA: 0s - loss: 0.0755 - accuracy: 0.9770 - ETA: 0s - loss: 0.0751 - accuracy';
    const finished = '60000/60000 [==============================] - 3s 50us/sample - loss: 0.0752 - accuracy: 0.9771';
    expect(glued.length).toBeGreaterThan(finished.length);
    const log = only(parseTrainingLogs([codeCell([stream('Epoch 3/5\n'), stream(glued), stream(`\r${finished}\n`)])]));
    expect(log).toMatchObject({ epochsLogged: 1, stepsPerEpoch: 60000, counterUnit: 'samples' });
    expect(log.final).toEqual({ epoch: 3, loss: 0.0752, accuracy: 0.9771 });
  });

  it('an unfinished update stays unfinished: no elapsed time, or a counter short of its total', () => {
    expect(readProgressLine('750/750 [==============================] - ETA: 0s - loss: 0.2000 - accuracy: 0.9000')!.complete).toBe(false);
    expect(readProgressLine('740/750 [============================>.] - 2s 3ms/step - loss: 0.2000 - ETA: 0s - loss: 0.19')!.complete).toBe(false);
    expect(readProgressLine('750/750 [==============================] - 2s 3ms/step - ETA: 0s - loss: 0.1900')!.complete).toBe(false);
  });
});

describe('a finished epoch line drawn over by `\\b` and a stale ETA fragment (issue 15)', () => {
  it('TF 2.2, 5 epochs, 1,100–2,000 \\b after each finished line: the finished values win', () => {
    const log = logOf('fit-tf22-v1-backspace-stale-eta.json');
    expect(log).toMatchObject({ epochsLogged: 5, epochsTotal: 5, stepsPerEpoch: 750, counterUnit: 'steps', at: { cell: 0, line: 1 } });
    expect(log.epochs).toEqual([
      { epoch: 1, loss: 0.3374, accuracy: 0.9048, val_loss: 0.1905, val_accuracy: 0.9452 },
      { epoch: 2, loss: 0.1622, accuracy: 0.9528, val_loss: 0.1478, val_accuracy: 0.9563 },
      { epoch: 3, loss: 0.1204, accuracy: 0.9646, val_loss: 0.1306, val_accuracy: 0.9617 },
      { epoch: 4, loss: 0.0968, accuracy: 0.9713, val_loss: 0.1189, val_accuracy: 0.9651 },
      { epoch: 5, loss: 0.0811, accuracy: 0.9757, val_loss: 0.1162, val_accuracy: 0.9668 },
    ]);
  });

  it('the same log split into stream chunks, as the kernel sent it', () => {
    const lines = fixtureValue('fit-tf22-v1-backspace-stale-eta.json') as string[];
    const chunks = lines.flatMap((line) => {
      const cut = line.indexOf('\b');
      return cut === -1 ? [line] : [line.slice(0, cut), line.slice(cut, cut + 700), line.slice(cut + 700)];
    });
    const log = only(parseTrainingLogs([codeCell(chunks.map((chunk) => stream(chunk)))]));
    expect(log).toMatchObject({ epochsLogged: 5, final: { epoch: 5, loss: 0.0811, val_accuracy: 0.9668 } });
  });
});
