/**
 * The Python builtins the interpreter follows: range, len, int, float, list, tuple, dict, enumerate, zip,
 * round, abs, min, max, str (print and super are handled by the caller: they need the context). Any other
 * result is a value not followed, computed from the arguments.
 */
import { type Args, type DictValue, NONE, UNKNOWN, type Value, argumentValues, asNumber, num, unknownFrom } from './values.js';

/** Loops over longer ranges are not unrolled. */
const MAX_RANGE = 100;

function range(args: Args): Value {
  const bounds = args.positional.map((value) => asNumber(value));
  const [start, stop, step] = bounds.length >= 2 ? [bounds[0], bounds[1], bounds[2] ?? 1] : [0, bounds[0], 1];
  if (typeof start !== 'number' || typeof stop !== 'number' || typeof step !== 'number') return derived(args);
  // a long range: its items are constants, but too many to unroll
  if (step <= 0 || (stop - start) / step > MAX_RANGE) return { kind: 'unknown', source: 'constant' };
  const items: Value[] = [];
  for (let i = start; i < stop; i += step) items.push(num(i));
  return { kind: 'seq', items };
}

function derived(args: Args): Value {
  return args.known ? unknownFrom(...argumentValues(args)) : UNKNOWN;
}

/** dict(a=1), dict(other, a=1), dict([('a', 1)]). */
export function dictOf(args: Args): Value {
  const dict: DictValue = { kind: 'dict', entries: new Map(), complete: args.known };
  const first = args.positional[0];
  if (first?.kind === 'dict') {
    for (const [key, value] of first.entries) dict.entries.set(key, value);
    if (!first.complete) dict.complete = false;
  } else if (first?.kind === 'seq') {
    for (const pair of first.items) {
      const key = pair.kind === 'seq' && pair.items.length === 2 ? pair.items[0] : undefined;
      if ((key?.kind === 'str' || key?.kind === 'num') && pair.kind === 'seq' && pair.items[1]) dict.entries.set(key.value, pair.items[1]);
      else dict.complete = false;
    }
  } else if (first) {
    dict.complete = false;
  }
  for (const [key, value] of args.keyword) dict.entries.set(key, value);
  return dict;
}

function numbers(values: Value[]): number[] | null {
  const result = values.map((value) => asNumber(value));
  return result.every((value): value is number => value !== null) ? result : null;
}

export function builtin(name: string, args: Args): Value {
  const first = args.positional[0];
  const unpacked = first?.kind === 'seq' && args.positional.length === 1 ? first.items : args.positional;
  switch (name) {
    case 'range':
      return range(args);
    case 'len':
      if (first?.kind === 'seq') return num(first.items.length);
      if (first?.kind === 'dict' && first.complete) return num(first.entries.size);
      if (first?.kind === 'str') return num(first.value.length);
      if (first?.kind === 'array' && first.shape?.[0] != null) return num(first.shape[0]);
      return derived(args);
    case 'int':
    case 'float':
      if (first?.kind === 'num') return num(name === 'int' ? Math.trunc(first.value) : first.value);
      return derived(args);
    case 'list':
    case 'tuple':
      if (first?.kind === 'seq') return { kind: 'seq', items: [...first.items] };
      if (first?.kind === 'dict' && first.complete) return { kind: 'seq', items: [...first.entries.keys()].map(keyValue) };
      if (first === undefined && args.known) return { kind: 'seq', items: [] };
      return derived(args);
    case 'dict':
      return dictOf(args);
    case 'enumerate':
      if (first?.kind === 'seq') {
        const start = asNumber(args.positional[1] ?? args.keyword.get('start')) ?? 0;
        return { kind: 'seq', items: first.items.map((item, i) => ({ kind: 'seq', items: [num(start + i), item] })) };
      }
      return derived(args);
    case 'zip':
      if (args.positional.length > 0 && args.positional.every((value) => value.kind === 'seq')) {
        const lists = args.positional.map((value) => (value.kind === 'seq' ? value.items : []));
        const length = Math.min(...lists.map((items) => items.length));
        return { kind: 'seq', items: Array.from({ length }, (_, i) => ({ kind: 'seq', items: lists.map((items) => items[i] ?? UNKNOWN) })) };
      }
      return derived(args);
    case 'abs':
      return first?.kind === 'num' ? num(Math.abs(first.value)) : derived(args);
    case 'round': {
      const value = asNumber(first);
      const digits = asNumber(args.positional[1] ?? args.keyword.get('ndigits')) ?? 0;
      return value === null ? derived(args) : num(Math.round(value * 10 ** digits) / 10 ** digits);
    }
    case 'min':
    case 'max': {
      const values = numbers(unpacked);
      if (values && values.length > 0) return num(values.reduce((a, b) => (name === 'min' ? Math.min(a, b) : Math.max(a, b))));
      return derived(args);
    }
    case 'str':
      if (first?.kind === 'str') return first;
      if (first?.kind === 'num') return { kind: 'str', value: String(first.value) };
      return derived(args);
    case 'print':
      return NONE;
    default:
      return derived(args);
  }
}

function keyValue(key: string | number): Value {
  return typeof key === 'number' ? num(key) : { kind: 'str', value: key };
}
