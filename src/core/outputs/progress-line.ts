/**
 * One Keras progress / epoch line, after terminal cleaning, in any era:
 *
 *   60000/60000 [==============================] - 1s - loss: 0.0382 - acc: 0.9890        (Keras 2.0)
 *   48000/48000 [==============================] - 7s 139us/step - loss: … - val_acc: …   (Keras 2.1–2.3: samples)
 *   60000/60000 [==============================] - 6s 100us/sample - loss: … - acc: …      (TF 2.0/2.1)
 *   1875/1875 [==============================] - 5s 2ms/step - loss: … - accuracy: …     (TF ≥ 2.2: steps)
 *   750/750 ━━━━━━━━━━━━━━━━━━━━ 2s 2ms/step - accuracy: … - loss: …                      (Keras 3)
 *   4s - loss: …  |  - 31s - loss: …  |  60000/60000 - 1s - loss: …  |  750/750 - 1s - loss: … - 1s/epoch - 2ms/step
 *
 * A diverged run prints `loss: nan`, `loss: inf` or `-inf` (Python's float formatting); these read as
 * NaN and ±Infinity (`NaN`, `Inf` in any case are read the same way).
 *
 * Keras 2.3 / TF 2.0–2.3 in Jupyter can leave stale `ETA:` fragments of the last batch updates in front
 * of the finished values on one line:
 *
 *   2/2 [====] - ETA: 0s - loss: 0.0162 - accuracy: 1.00 - 0s 8ms/step - loss: 0.0098 - accuracy: 1.0000 - val_loss: …
 *
 * The finished set is the one after the last elapsed time (` - 0s 8ms/step`, ` - 0s 8ms/sample`, Keras 2.0's
 * ` - 2s - `) that follows the last `ETA:`; its values are the epoch's, and the line is complete.
 *
 * The classic Jupyter front end renders `\r` itself before saving: the finished line (shorter) overwrites
 * the start of a longer line of glued updates, whose tail stays visible after the finished values:
 *
 *   60000/60000 [====] - 2s 41us/sample - loss: 0.0689 - accuracy: 0.9793s - loss: - ETA: 0s - loss: 0.0684 - accuracy: 0. - ETA: …
 *
 * Keras ends a finished line with a newline, so text after its values on the same line is never newer
 * than them. When the last `ETA:` has no elapsed time after it but an elapsed time comes before it, the
 * finished set is the ` - name: value` run after that elapsed time, up to where the run breaks (a value
 * glued to other text, `accuracy: 0.9793s`, or a segment that is not `name: value`, ` - ETA: 0s`); its
 * values are the epoch's, and the line is complete (when its counter is at its total).
 */

export interface ProgressLine {
  current: number | null;
  total: number | null;
  /** True for a finished line: counter at its total (or no counter, verbose=2) and no ETA. */
  complete: boolean;
  metrics: Record<string, number>;
  /** Per-unit timing as printed: 'step', 'sample', or null when none. */
  timeUnit: 'step' | 'sample' | null;
  /** Per-unit time in microseconds, when printed. */
  microsPerUnit: number | null;
  bar: 'classic' | 'keras3' | null;
}

const COUNTER = /^\s*(\d+)\/(\d+)(?=\s|$)/;
const METRIC = /(?:^|[\s-])([A-Za-z_][A-Za-z0-9_]*): (-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|[-+]?nan|[-+]?inf)/gi;
/**
 * The elapsed time that opens a finished line's values: ` - 2s - `, ` - 0s 8ms/step - `, ` - 6s 101us/sample`
 * (not `ETA: 0s`, which has no dash before it, and not TF 2.7's `- 1s/epoch`). Each match starts at a dash.
 */
const FINISH_TIME = /-[ \t]+\d+(?:\.\d+)?m?s(?:[ \t]+\d+(?:\.\d+)?(?:us|µs|ms|s)\/(?:step|sample))?(?=[ \t]+-[ \t]|[ \t]*$)/g;
/** Starts only where a number starts (the lookbehind keeps a long run of digits linear, not quadratic). */
const TIME_PER_UNIT = /(?<![\d.])(\d+(?:\.\d+)?)(us|µs|ms|s)\/(step|sample)\b/;
const NAME_ALIASES: Record<string, string> = { acc: 'accuracy', val_acc: 'val_accuracy' };
/** Metrics read from one line at most (Keras prints a handful; the bound keeps hostile lines cheap). */
const MAX_METRICS = 100;

/** Reads a line that carries a `loss:` value; null for anything else. */
export function readProgressLine(text: string): ProgressLine | null {
  if (!/\bloss: /.test(text)) return null;
  const counter = COUNTER.exec(text);
  const current = counter ? Number(counter[1]) : null;
  const total = counter ? Number(counter[2]) : null;
  if (!counter && !/^\s*(?:-\s*)?\d+(?:\.\d+)?m?s\s+-\s/.test(text)) return null; // verbose=2 without counter starts with a time
  const values = finishedValues(text);
  const metrics: Record<string, number> = {};
  let read = 0;
  for (const match of values.matchAll(METRIC)) {
    if (read++ >= MAX_METRICS) break;
    const name = match[1]!;
    if (name === 'ETA') continue;
    const normalised = NAME_ALIASES[name] ?? name;
    if (!(normalised in metrics)) metrics[normalised] = parseMetric(match[2]!);
  }
  const time = TIME_PER_UNIT.exec(values);
  return {
    current,
    total,
    complete: (counter === null || current === total) && !/\bETA:/.test(values),
    metrics,
    timeUnit: time ? (time[3] as 'step' | 'sample') : null,
    microsPerUnit: time ? toMicros(Number(time[1]), time[2]!) : null,
    bar: /\[[=>.]*\]/.test(text) ? 'classic' : /━/.test(text) ? 'keras3' : null,
  };
}

/**
 * The part of the line that holds its values: the whole line, or for a line with stale `ETA:` fragments
 * in front of a finished set, the text from the last elapsed time after the last `ETA:` on, or for a line
 * with a stale tail after a finished set (an `ETA:` after the last elapsed time), that set up to where its
 * ` - name: value` run breaks. A line whose last `ETA:` has no finished set before or after it is returned
 * whole (an unfinished update).
 */
function finishedValues(text: string): string {
  const eta = text.lastIndexOf('ETA:');
  if (eta === -1) return text;
  const after = lastFinishTime(text, eta);
  if (after !== null) return text.slice(after.index);
  const before = lastFinishTime(text, 0);
  if (before === null) return text;
  const end = metricRunEnd(text, before.index + before.length);
  return end === null ? text : text.slice(before.index, end);
}

/** The last elapsed time at or after `from`: where it starts and how long it is. */
function lastFinishTime(text: string, from: number): { index: number; length: number } | null {
  FINISH_TIME.lastIndex = from;
  let last: { index: number; length: number } | null = null;
  for (let match = FINISH_TIME.exec(text); match; match = FINISH_TIME.exec(text)) last = { index: match.index, length: match[0].length };
  return last;
}

/** One ` - name: value` segment of a finished set, read from where the previous one ended (sticky). */
const RUN_METRIC = /[ \t]+-[ \t]+([A-Za-z_][A-Za-z0-9_]*): (?:-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|[-+]?nan|[-+]?inf)/iy;

/**
 * Where the ` - name: value` run that starts at `from` ends: after its last value that is followed by
 * ` - ` or the end of the line, or after the first value glued to other text (`0.9793s`), which ends the
 * run. `ETA` is not a metric name. Null when the run holds no metric.
 */
function metricRunEnd(text: string, from: number): number | null {
  let end: number | null = null;
  for (let at = from, read = 0; read < MAX_METRICS; read++) {
    RUN_METRIC.lastIndex = at;
    const match = RUN_METRIC.exec(text);
    if (!match || match[1] === 'ETA') break;
    at = end = RUN_METRIC.lastIndex;
    if (!/^(?:[ \t]+-[ \t]|[ \t]*$)/.test(text.slice(at, at + 3))) break;
  }
  return end;
}

function parseMetric(text: string): number {
  const lower = text.toLowerCase();
  if (lower.endsWith('nan')) return Number.NaN;
  if (lower.endsWith('inf')) return lower.startsWith('-') ? -Infinity : Infinity;
  return Number(text);
}

function toMicros(value: number, unit: string): number {
  if (unit === 's') return value * 1e6;
  if (unit === 'ms') return value * 1e3;
  return value;
}

/** `Epoch i/N` on a line of its own (not Keras 2's `Epoch 00001: val_loss improved…`). */
export function readEpochHeader(text: string): { epoch: number; total: number } | null {
  const match = /^\s*Epoch (\d+)\/(\d+)\s*$/.exec(text);
  return match ? { epoch: Number(match[1]), total: Number(match[2]) } : null;
}
