/** Large outputs: 100,000 progress lines must parse correctly (no timing assertions). */
import { describe, expect, it } from 'vitest';
import { parseTrainingLogs } from '../../src/core/outputs/training-log.js';
import { parseArrays } from '../../src/core/outputs/arrays.js';
import { parseShapes } from '../../src/core/outputs/shapes.js';
import { parseSummaries } from '../../src/core/outputs/keras-summary.js';
import { codeCell, stream } from './helpers.js';

const EPOCHS = 30;
const LINES_PER_EPOCH = 3333; // 30 × (1 header + 3333 progress lines) ≈ 100,000 lines

function bar(step: number, total: number): string {
  const done = Math.floor((30 * step) / total);
  return `[${'='.repeat(Math.max(0, done - 1))}${done < 30 ? '>' : '='}${'.'.repeat(30 - done)}]`;
}

describe('100,000-line progress output', () => {
  it('newline-separated partial bars (one line per update)', { timeout: 60_000 }, () => {
    const parts: string[] = [];
    for (let epoch = 1; epoch <= EPOCHS; epoch++) {
      parts.push(`Epoch ${epoch}/${EPOCHS}\n`);
      for (let step = 1; step < LINES_PER_EPOCH; step++) {
        parts.push(`${String(step).padStart(4)}/${LINES_PER_EPOCH} ${bar(step, LINES_PER_EPOCH)} - ETA: 1s - loss: 0.5000 - accuracy: 0.8000\n`);
      }
      parts.push(`${LINES_PER_EPOCH}/${LINES_PER_EPOCH} ${bar(1, 1)} - 4s 1ms/step - loss: ${(1 / epoch).toFixed(4)} - accuracy: 0.9${String(epoch).padStart(3, '0')} - val_loss: 0.1000 - val_accuracy: 0.9500\n`);
    }
    expect(parts.length).toBeGreaterThanOrEqual(100_000);
    const cell = codeCell([stream(parts)]);
    const [log] = parseTrainingLogs([cell]);
    expect(log).toMatchObject({ epochsLogged: EPOCHS, epochsTotal: EPOCHS, stepsPerEpoch: LINES_PER_EPOCH, counterUnit: 'steps' });
    expect(log!.final).toEqual({ epoch: 30, loss: 0.0333, accuracy: 0.903, val_loss: 0.1, val_accuracy: 0.95 });
    expect(parseArrays([cell])).toEqual([]);
    expect(parseShapes([cell])).toEqual([]);
    expect(parseSummaries([cell])).toEqual([]);
  });

  it('\\r-overwritten updates in 100,000 separate stream chunks (Keras 2.0 style with \\b)', { timeout: 60_000 }, () => {
    const chunks: { output_type: string; name: string; text: string }[] = [];
    const perEpoch = Math.floor(100_000 / EPOCHS);
    for (let epoch = 1; epoch <= EPOCHS; epoch++) {
      chunks.push({ output_type: 'stream', name: 'stdout', text: `Epoch ${epoch}/${EPOCHS}\n` });
      for (let step = 1; step <= perEpoch; step++) {
        const final = step === perEpoch;
        const line = final
          ? `${48000}/48000 ${bar(1, 1)} - 2s - loss: 0.${String(epoch).padStart(4, '0')} - acc: 0.9000 - val_loss: 0.2000 - val_acc: 0.9100`
          : `${String(step * 14).padStart(5)}/48000 ${bar(step, perEpoch)} - ETA: 2s - loss: 0.6000 - acc: 0.7000`;
        chunks.push({ output_type: 'stream', name: 'stdout', text: `${'\b'.repeat(70)}\r${line}${final ? '\n' : ''}` });
      }
    }
    expect(chunks.length).toBeGreaterThanOrEqual(100_000);
    const [log] = parseTrainingLogs([codeCell(chunks)]);
    expect(log).toMatchObject({ epochsLogged: EPOCHS, stepsPerEpoch: 48000, counterUnit: 'samples' });
    expect(log!.epochs[0]).toEqual({ epoch: 1, loss: 0.0001, accuracy: 0.9, val_loss: 0.2, val_accuracy: 0.91 });
    expect(log!.final).toEqual({ epoch: 30, loss: 0.003, accuracy: 0.9, val_loss: 0.2, val_accuracy: 0.91 });
  });
});
