/** Abstract values of the small Keras-subset interpreter, and the helpers that read them. */
import type { SyntaxNode } from './syntax-tree.js';
import type { LayerSpec, ModelSpec, ValueSource } from '../../types.js';

export type { ValueSource } from '../../types.js';

/** A NumPy-like array; each dimension is null when not statically known. */
export interface ArrayValue {
  kind: 'array';
  shape: (number | null)[] | null;
  /** What it is computed from (absent: 'unknown'). */
  source?: ValueSource;
  /** A predict() result: the variable it was assigned to (null when none). */
  predict?: { target: string | null };
  /** A row of a predict() result taken with a constant index (test2[1]). */
  row?: { target: string | null; index: number };
}

export interface FunctionValue {
  kind: 'func';
  node: SyntaxNode;
  /** Cell where the function is defined (its facts are located there). */
  cell: number;
  /** Decorator names (last name as written: 'property', 'staticmethod', 'dataclass', …). */
  decorators?: string[];
}

/** A dict; keys are constant strings or numbers. `complete` is false when some entry could not be followed. */
export interface DictValue {
  kind: 'dict';
  entries: Map<string | number, Value>;
  complete: boolean;
}

/** A class defined in the notebook: its class-level attributes (fields, methods) and bases. */
export interface ClassValue {
  kind: 'class';
  name: string;
  cell: number;
  attrs: Map<string, Value>;
  /** Annotated fields (`max_epochs: int = 30`) in the order written: the constructor of a dataclass-like class. */
  fields: string[];
  /** Base classes as evaluated: notebook classes are followed; library bases (keras.Model, nn.Module) are not. */
  bases: Value[];
  decorators: string[];
}

export interface InstanceValue {
  kind: 'instance';
  cls: ClassValue;
  attrs: Map<string, Value>;
}

export type Value =
  | { kind: 'num'; value: number }
  | { kind: 'str'; value: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'none' }
  /** A list or tuple (what it is computed from: its items). */
  | { kind: 'seq'; items: Value[] }
  /** A module, class or function, by canonical dotted path ('keras.layers.Dense'). */
  | { kind: 'ref'; path: string }
  /** An instance of a class not modelled further (optimizer, loss, metric, a library function's result, …). */
  | { kind: 'obj'; path: string; args: Args; source?: ValueSource }
  | { kind: 'layer'; spec: LayerSpec }
  /** A functional-API tensor: the layers from its Input(s) to it. */
  | { kind: 'tensor'; chain: LayerSpec[] }
  | { kind: 'model'; spec: ModelSpec }
  | ArrayValue
  /** An attribute of a value not modelled further (a method to call, or a plain attribute). */
  | { kind: 'method'; self: Value; selfText: string; name: string }
  | FunctionValue
  | DictValue
  | ClassValue
  | InstanceValue
  /** A notebook function bound to an instance (or, for a classmethod, to its class); owner is the class that defines it. */
  | { kind: 'bound'; fn: FunctionValue; self: Value; owner: ClassValue }
  /** super(): attribute lookups start after `owner` in the bases of self's class. */
  | { kind: 'super'; owner: ClassValue; self: Value }
  /** A value not followed; `source` says what it is computed from when that is known (absent: 'unknown'). */
  | { kind: 'unknown'; source?: ValueSource };

export interface Args {
  positional: Value[];
  /** The argument's node; undefined for an item that came from a `*list` splat. */
  positionalNodes: (SyntaxNode | undefined)[];
  keyword: Map<string, Value>;
  keywordNodes: Map<string, SyntaxNode>;
  /** False when a `*x` / `**x` splat could not be followed: an argument may hide there. */
  known: boolean;
}

/** Longest list or tuple the interpreter keeps: a longer one (a + a doubled in a loop) is a value not followed. */
export const MAX_ITEMS = 10_000;

export const UNKNOWN: Value = { kind: 'unknown' };
export const NONE: Value = { kind: 'none' };

export function num(value: number): Value {
  return { kind: 'num', value };
}

export function emptyArgs(): Args {
  return { positional: [], positionalNodes: [], keyword: new Map(), keywordNodes: new Map(), known: true };
}

/** The argument given by keyword (first name found) or else at a position; undefined when absent. */
export function argument(args: Args, position: number | null, ...names: string[]): Value | undefined {
  for (const name of names) {
    const value = args.keyword.get(name);
    if (value) return value;
  }
  return position === null ? undefined : args.positional[position];
}

export function argumentNode(args: Args, position: number | null, ...names: string[]): SyntaxNode | undefined {
  for (const name of names) {
    const node = args.keywordNodes.get(name);
    if (node) return node;
  }
  return position === null ? undefined : args.positionalNodes[position];
}

export function asNumber(value: Value | undefined): number | null {
  if (value?.kind === 'num') return value.value;
  if (value?.kind === 'bool') return value.value ? 1 : 0;
  return null;
}


/** (784,) / [784] / 784 → [784]; null when any dimension is unknown. */
export function asShape(value: Value | undefined): number[] | null {
  if (value?.kind === 'num') return [value.value];
  if (value?.kind !== 'seq') return null;
  const dims = value.items.map((item) => asNumber(item));
  return dims.every((dim): dim is number => dim !== null) ? dims : null;
}

/** Python truthiness; null when not statically known. */
export function truthiness(value: Value): boolean | null {
  switch (value.kind) {
    case 'num':
      return value.value !== 0;
    case 'bool':
      return value.value;
    case 'str':
      return value.value !== '';
    case 'none':
      return false;
    case 'seq':
      return value.items.length > 0;
    case 'dict':
      return value.complete ? value.entries.size > 0 : null;
    default:
      return null;
  }
}

/** Whether a value may be array data (an array, or something the interpreter could not follow). */
export function mayBeArray(value: Value): boolean {
  return value.kind === 'array' || value.kind === 'unknown';
}

// ───────────────────────────── provenance ─────────────────────────────

const RANK: Record<ValueSource, number> = { constant: 0, data: 1, model: 2, unknown: 3 };

/** The strongest of the sources (unknown > model > data > constant); 'constant' for none. */
export function strongest(sources: Iterable<ValueSource>): ValueSource {
  let result: ValueSource = 'constant';
  for (const source of sources) {
    if (RANK[source] > RANK[result]) result = source;
    if (result === 'unknown') break;
  }
  return result;
}

/** Values nested deeper than this (a list built by `a = [a]` in a loop) count as 'unknown'. */
const MAX_SOURCE_DEPTH = 64;

function sourceWithin(value: Value, depth: number, seen: Map<Value, ValueSource>): ValueSource {
  if (depth > MAX_SOURCE_DEPTH) return 'unknown';
  const known = seen.get(value);
  if (known) return known;
  // a value met again while it is being read (a dict holding itself) adds nothing
  seen.set(value, 'constant');
  const inner = (items: Iterable<Value>): ValueSource => {
    let result: ValueSource = 'constant';
    for (const item of items) {
      const source = sourceWithin(item, depth + 1, seen);
      if (RANK[source] > RANK[result]) result = source;
      if (result === 'unknown') break;
    }
    return result;
  };
  let result: ValueSource;
  switch (value.kind) {
    case 'num':
    case 'str':
    case 'bool':
    case 'none':
    case 'ref':
    case 'func':
    case 'class':
    case 'layer':
      result = 'constant';
      break;
    case 'seq':
      result = inner(value.items);
      break;
    case 'dict':
      result = value.complete ? inner(value.entries.values()) : 'unknown';
      break;
    case 'model':
    case 'tensor':
      result = 'model';
      break;
    case 'method':
    case 'bound':
      result = sourceWithin(value.self, depth + 1, seen);
      break;
    case 'array':
    case 'obj':
    case 'unknown':
      result = value.source ?? 'unknown';
      break;
    default:
      // an instance's repr, super(): not followed
      result = 'unknown';
  }
  seen.set(value, result);
  return result;
}

/** What a value is computed from: see ValueSource. */
export function sourceOf(value: Value): ValueSource {
  return sourceWithin(value, 0, new Map());
}

/** The strongest source among values. */
export function sourceOfAll(values: Iterable<Value>): ValueSource {
  const seen = new Map<Value, ValueSource>();
  let result: ValueSource = 'constant';
  for (const value of values) {
    const source = sourceWithin(value, 0, seen);
    if (RANK[source] > RANK[result]) result = source;
    if (result === 'unknown') break;
  }
  return result;
}

/** A value not followed, computed from these values. */
export function unknownFrom(...values: Value[]): Value {
  const source = sourceOfAll(values);
  return source === 'unknown' ? UNKNOWN : { kind: 'unknown', source };
}

/** Every argument value of a call, positional and keyword. */
export function argumentValues(args: Args): Value[] {
  return [...args.positional, ...args.keyword.values()];
}

/** The strongest source among a call's arguments; 'unknown' when a splat could not be followed. */
export function argumentsSource(args: Args): ValueSource {
  return args.known ? sourceOfAll(argumentValues(args)) : 'unknown';
}
