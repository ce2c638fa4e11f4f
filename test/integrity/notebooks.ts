/**
 * Builders for integrity tests: a fixture notebook (a Colab export of the lecture's code with saved
 * outputs) as JSON, and edits that imitate what students do — another account, a re-run with other
 * numbers, extra code, an extra image, outputs left from older code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { greyPng } from '../helpers/png.js';

export const FIXTURES = join(import.meta.dirname, '../../fixtures/submissions');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export interface Cell {
  cell_type: string;
  source: string[] | string;
  metadata: { [key: string]: Json };
  outputs?: { [key: string]: Json }[];
  execution_count?: number | null;
}
export interface NotebookJson {
  cells: Cell[];
  [key: string]: Json | Cell[];
}

/** A fixture notebook by its NFC name (one fixture is stored under an NFD name). */
export function fixture(file = '2312001_山田太郎_4.ipynb'): NotebookJson {
  const stored = readdirSync(FIXTURES).find((name) => name.normalize('NFC') === file) ?? file;
  return JSON.parse(readFileSync(join(FIXTURES, stored), 'utf8')) as NotebookJson;
}

export const sourceOf = (cell: Cell): string => (Array.isArray(cell.source) ? cell.source.join('') : cell.source);

export function codeCell(nb: NotebookJson, includes: string): Cell {
  const cell = nb.cells.find((c) => c.cell_type === 'code' && sourceOf(c).includes(includes));
  if (!cell) throw new Error(`no code cell with ${includes}`);
  return cell;
}

/** Every executionInfo.user becomes this account. */
export function runBy(nb: NotebookJson, displayName: string, userId: string): NotebookJson {
  for (const cell of nb.cells) {
    const info = cell.metadata['executionInfo'];
    if (info && typeof info === 'object' && !Array.isArray(info)) info['user'] = { displayName, userId };
  }
  return nb;
}

/** Rewrites every metric value of the fit log (an independent run prints other numbers). */
export function rerun(nb: NotebookJson, seed: number, epochs: 'all' | number[] = 'all'): NotebookJson {
  const cell = codeCell(nb, 'model.fit');
  for (const output of cell.outputs ?? []) {
    if (!Array.isArray(output['text'])) continue;
    let epoch = 0;
    output['text'] = output['text'].map((line) => {
      const text = String(line);
      const header = /^Epoch (\d+)\//.exec(text);
      if (header) epoch = Number(header[1]);
      if (epochs !== 'all' && !epochs.includes(epoch)) return text;
      return text.replace(/(loss|accuracy): (\d\.\d{4})/g, (_, name: string, value: string) => {
        const shifted = (Number(value) + ((seed * 37 + epoch * 11 + name.length) % 97) / 10000).toFixed(4);
        return `${name}: ${Number(shifted) >= 1 ? value : shifted}`;
      });
    });
  }
  return nb;
}

export function addCodeCell(nb: NotebookJson, source: string, outputs: { [key: string]: Json }[] = []): NotebookJson {
  const count = Math.max(0, ...nb.cells.map((c) => (typeof c.execution_count === 'number' ? c.execution_count : 0))) + 1;
  const template = nb.cells.find((c) => c.cell_type === 'code');
  nb.cells.push({
    cell_type: 'code',
    source: source.split(/(?<=\n)/),
    metadata: JSON.parse(JSON.stringify(template?.metadata ?? {})) as Cell['metadata'],
    execution_count: count,
    outputs,
  });
  return nb;
}

/** A small greyscale PNG whose pixels come from the seed: the same seed gives the same bytes. */
export function pngOutput(seed: number): { [key: string]: Json } {
  const size = 16;
  const png = greyPng(size, (x, y) => ((y * (size + 1) + 1 + x) * 31 + seed * 17) % 256);
  return { output_type: 'display_data', metadata: {}, data: { 'image/png': png.toString('base64'), 'text/plain': ['<Figure size 640x480 with 1 Axes>'] } };
}

/** Thirty-odd lines of a student's own code: a learning-curve plot and an error analysis. */
export function ownCode(variant: 'a' | 'b'): string {
  const h = variant === 'a' ? 'history' : 'hist';
  return [
    `${h} = result.history`,
    `fig, axes = plt.subplots(1, 2, figsize=(12, 4))`,
    `axes[0].plot(${h}['loss'], label='train')`,
    `axes[0].plot(${h}['val_loss'], label='validation')`,
    `axes[0].set_xlabel('epoch')`,
    `axes[0].legend()`,
    `axes[1].plot(${h}['accuracy'], label='train')`,
    `axes[1].plot(${h}['val_accuracy'], label='validation')`,
    `axes[1].set_ylim(0.9, 1.0)`,
    `plt.tight_layout()`,
    `pred = np.argmax(test2, axis=1)`,
    `true = np.argmax(y_test, axis=1)`,
    `wrong = np.where(pred != true)[0]`,
    `print('errors:', len(wrong))`,
    `for k, i in enumerate(wrong[:8]):`,
    `    plt.subplot(2, 4, k + 1)`,
    `    plt.imshow(x_test[i].reshape(28, 28), cmap='gray')`,
    `    plt.title(f'{true[i]} -> {pred[i]}')`,
    `    plt.axis('off')`,
    `confusion = np.zeros((10, 10), dtype=int)`,
    `for t, p in zip(true, pred):`,
    `    confusion[t, p] += 1`,
    `print(confusion)`,
  ].join('\n');
}

export function otherOwnCode(): string {
  return [
    'from sklearn.metrics import classification_report',
    'labels = test2.argmax(axis=-1)',
    'report = classification_report(y_test.argmax(axis=-1), labels, digits=4)',
    'print(report)',
    'best = max(range(len(result.history["val_accuracy"])), key=lambda e: result.history["val_accuracy"][e])',
    'print("best epoch", best + 1, result.history["val_accuracy"][best])',
    'import pandas as pd',
    'frame = pd.DataFrame(result.history)',
    'frame.plot(grid=True, figsize=(8, 5))',
    'plt.gca().set_ylim(0, 1)',
    'plt.savefig("curves.png")',
  ].join('\n');
}

export const bytesOf = (nb: NotebookJson): Buffer => Buffer.from(JSON.stringify(nb, null, 1), 'utf8');
