/** Abstract values of the small Keras-subset interpreter, and the helpers that read them. */
import type { Node } from 'web-tree-sitter';
import type { LayerSpec, ModelSpec } from '../types.js';

/** A NumPy-like array; each dimension is null when not statically known. */
export interface ArrayValue {
  kind: 'array';
  shape: (number | null)[] | null;
}

export interface FunctionValue {
  kind: 'func';
  node: Node;
  /** Cell where the function is defined (its facts are located there). */
  cell: number;
}

export type Value =
  | { kind: 'num'; value: number }
  | { kind: 'str'; value: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'none' }
  | { kind: 'seq'; items: Value[] }
  /** A module, class or function, by canonical dotted path ('keras.layers.Dense'). */
  | { kind: 'ref'; path: string }
  /** An instance of a class not modelled further (optimizer, loss, metric, …). */
  | { kind: 'obj'; path: string; args: Args }
  | { kind: 'layer'; spec: LayerSpec }
  /** A functional-API tensor: the layers from its Input(s) to it. */
  | { kind: 'tensor'; chain: LayerSpec[] }
  | { kind: 'model'; spec: ModelSpec }
  | ArrayValue
  | { kind: 'method'; self: Value; selfText: string; name: string }
  | FunctionValue
  | { kind: 'unknown' };

export interface Args {
  positional: Value[];
  positionalNodes: Node[];
  keyword: Map<string, Value>;
  keywordNodes: Map<string, Node>;
}

export const UNKNOWN: Value = { kind: 'unknown' };
export const NONE: Value = { kind: 'none' };

export function num(value: number): Value {
  return { kind: 'num', value };
}

/** The argument given by keyword (first name found) or else at a position; undefined when absent. */
export function argument(args: Args, position: number | null, ...names: string[]): Value | undefined {
  for (const name of names) {
    const value = args.keyword.get(name);
    if (value) return value;
  }
  return position === null ? undefined : args.positional[position];
}

export function argumentNode(args: Args, position: number | null, ...names: string[]): Node | undefined {
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

export function asString(value: Value | undefined): string | null {
  return value?.kind === 'str' ? value.value : null;
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
    default:
      return null;
  }
}

/** Whether a value may be array data (an array, or something the interpreter could not follow). */
export function mayBeArray(value: Value): boolean {
  return value.kind === 'array' || value.kind === 'unknown';
}
