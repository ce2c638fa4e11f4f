/** The few Python builtins the interpreter follows: range, len, int, float, list, tuple, print. */
import { type Args, NONE, UNKNOWN, type Value, asNumber, num } from './values.js';

export function builtin(name: string, args: Args): Value {
  const first = args.positional[0];
  if (name === 'range') {
    const bounds = args.positional.map((value) => asNumber(value));
    const [start, stop, step] = bounds.length >= 2 ? [bounds[0], bounds[1], bounds[2] ?? 1] : [0, bounds[0], 1];
    if (typeof start !== 'number' || typeof stop !== 'number' || typeof step !== 'number') return UNKNOWN;
    if (step <= 0 || (stop - start) / step > 100) return UNKNOWN;
    const items: Value[] = [];
    for (let i = start; i < stop; i += step) items.push(num(i));
    return { kind: 'seq', items };
  }
  if (name === 'len' && first?.kind === 'seq') return num(first.items.length);
  if (name === 'len' && first?.kind === 'array') return first.shape?.[0] != null ? num(first.shape[0]) : UNKNOWN;
  if ((name === 'int' || name === 'float') && first?.kind === 'num') return num(name === 'int' ? Math.trunc(first.value) : first.value);
  if ((name === 'list' || name === 'tuple') && first?.kind === 'seq') return first;
  return name === 'print' ? NONE : UNKNOWN;
}
