/**
 * Data preparation: dataset loading, reshape, scaling and one-hot encoding → DataStep facts, with the
 * array shapes followed where they are statically known (MNIST's are).
 */
import type { SyntaxNode } from './syntax-tree.js';
import type { DataStepKind } from '../../types.js';
import { type EvalContext, compactText, location } from './state.js';
import { type ArrayValue, type Args, type Value, argument, argumentValues, asNumber, num, sourceOf, sourceOfAll } from './values.js';

const DATASET_SHAPES: Record<string, [number[], number[], number[], number[]]> = {
  mnist: [[60000, 28, 28], [60000], [10000, 28, 28], [10000]],
  fashion_mnist: [[60000, 28, 28], [60000], [10000, 28, 28], [10000]],
  cifar10: [[50000, 32, 32, 3], [50000, 1], [10000, 32, 32, 3], [10000, 1]],
};

function record(ctx: EvalContext, node: SyntaxNode, kind: DataStepKind, args: (number | string)[]): void {
  ctx.interp.facts.dataSteps.push({ kind, target: ctx.target, args, at: location(ctx, node) });
}

function shapeOf(value: Value): (number | null)[] | null {
  return value.kind === 'array' ? value.shape : null;
}

/** keras.datasets.<name>.load_data() → ((x_train, y_train), (x_test, y_test)). */
export function loadData(dataset: string, node: SyntaxNode, ctx: EvalContext): Value {
  record(ctx, node, 'load_data', [dataset]);
  const shapes = DATASET_SHAPES[dataset];
  const array = (index: number): ArrayValue => ({ kind: 'array', shape: shapes?.[index] ?? null, source: 'data' });
  return {
    kind: 'seq',
    items: [
      { kind: 'seq', items: [array(0), array(1)] },
      { kind: 'seq', items: [array(2), array(3)] },
    ],
  };
}

/** The requested dims: reshape(a, b) and reshape((a, b)) alike. */
function requestedDims(args: Args, first: number): { values: Value[]; nodes: (SyntaxNode | undefined)[] } {
  const only = args.positional[first];
  if (args.positional.length === first + 1 && only?.kind === 'seq') {
    return { values: only.items, nodes: only.items.map(() => undefined) };
  }
  const values = args.positional.slice(first);
  const shapeKeyword = args.keyword.get('newshape') ?? args.keyword.get('shape');
  if (values.length === 0 && shapeKeyword?.kind === 'seq') {
    return { values: shapeKeyword.items, nodes: shapeKeyword.items.map(() => undefined) };
  }
  return { values, nodes: args.positionalNodes.slice(first) };
}

/** x.reshape(…) (first = 0) or np.reshape(x, …) (first = 1). */
export function reshape(source: Value, args: Args, first: number, node: SyntaxNode, ctx: EvalContext): Value {
  const { values, nodes } = requestedDims(args, first);
  const written = values.map((value, i) => {
    const known = asNumber(value);
    const argNode = nodes[i];
    if (known !== null) return known;
    return argNode ? compactText(argNode) : '?';
  });
  record(ctx, node, 'reshape', written);
  const dims = values.map((value) => asNumber(value));
  const sourceShape = shapeOf(source);
  const total = sourceShape?.every((d): d is number => d !== null) ? sourceShape.reduce((a, b) => a * b, 1) : null;
  const knownProduct = dims.filter((d): d is number => d !== null && d !== -1).reduce((a, b) => a * b, 1);
  const unknownCount = dims.filter((d) => d === null).length;
  const shape = dims.map((d) => {
    if (d !== -1) return d;
    return total !== null && unknownCount === 0 && knownProduct > 0 ? total / knownProduct : null;
  });
  const from = args.known ? sourceOfAll([source, ...argumentValues(args)]) : 'unknown';
  return { kind: 'array', shape, source: from };
}

/** x / 255, x /= 255, x * (1/255): a scaling step when x may be array data. */
export function scale(source: Value, divisor: number, node: SyntaxNode, ctx: EvalContext): Value {
  record(ctx, node, 'scale', [divisor]);
  return { kind: 'array', shape: shapeOf(source), source: sourceOf(source) };
}

/** to_categorical(y, num_classes). */
export function toCategorical(args: Args, node: SyntaxNode, ctx: EvalContext): Value {
  const classes = asNumber(argument(args, 1, 'num_classes', 'nb_classes'));
  record(ctx, node, 'to_categorical', classes === null ? [] : [classes]);
  const labels: Value = args.positional[0] ?? { kind: 'unknown' };
  const rows = shapeOf(labels)?.[0] ?? null;
  return { kind: 'array', shape: [rows, classes], source: args.known ? sourceOfAll(argumentValues(args)) : 'unknown' };
}

/** Attributes of an array the interpreter follows: its shape (constants: the same for every run). */
export function arrayAttribute(array: ArrayValue, name: string): Value | null {
  if (name === 'shape' && array.shape) {
    return { kind: 'seq', items: array.shape.map((d) => (d === null ? { kind: 'unknown' } : num(d))) };
  }
  return null;
}
