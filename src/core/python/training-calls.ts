/** model.compile / fit / predict / evaluate → CompileSpec, FitSpec, CallSpec. */
import type { SyntaxNode } from './syntax-tree.js';
import type { CompileSpec, FitSpec, ModelSpec } from '../../types.js';
import { lastSegment, lossSpelling } from './keras-symbols.js';
import { type EvalContext, compactText, location, nextSeq } from './state.js';
import { type Args, type Value, argument, argumentNode, asNumber } from './values.js';

function optimizerOf(value: Value | undefined): { name: string | null; learningRate: number | null } {
  if (value?.kind === 'str') return { name: value.value.toLowerCase(), learningRate: null };
  if (value?.kind === 'ref') return { name: lastSegment(value.path).toLowerCase(), learningRate: null };
  if (value?.kind === 'obj') {
    const learningRate = asNumber(argument(value.args, 0, 'learning_rate', 'lr'));
    return { name: lastSegment(value.path).toLowerCase(), learningRate };
  }
  return { name: null, learningRate: null };
}

/** A loss or metric value → its name ('categorical_crossentropy', 'accuracy'); null when unreadable. */
function lossName(value: Value | undefined): string | null {
  if (value?.kind === 'str') return lossSpelling(value.value);
  if (value?.kind === 'ref' || value?.kind === 'obj') return lossSpelling(lastSegment(value.path));
  return null;
}

function metricsOf(value: Value | undefined): string[] | null {
  if (value === undefined || value.kind === 'none') return null;
  if (value.kind !== 'seq') {
    const single = lossName(value);
    return single === null ? null : [single];
  }
  return value.items.map((item) => lossName(item) ?? '?');
}

/** model.compile(optimizer, loss, metrics, …). */
export function compileModel(model: ModelSpec, args: Args, node: SyntaxNode, ctx: EvalContext): void {
  const optimizer = optimizerOf(argument(args, 0, 'optimizer'));
  const spec: CompileSpec = {
    loss: lossName(argument(args, 1, 'loss')),
    optimizer: optimizer.name,
    learningRate: optimizer.learningRate,
    metrics: metricsOf(argument(args, 2, 'metrics')),
    at: location(ctx, node),
  };
  model.compile = spec;
}

/** The canonical path of one callback ('keras.callbacks.EarlyStopping'; a notebook class: '__main__.Name'); '?' when not followed. */
function callbackPath(value: Value): string {
  if (value.kind === 'obj' || value.kind === 'ref') return value.path;
  if (value.kind === 'instance') return `__main__.${value.cls.name}`;
  return '?';
}

/** callbacks=[…] → their paths; known is false when the list itself is not followed. */
function callbacksOf(value: Value | undefined): { paths: string[]; known: boolean } {
  if (value === undefined || value.kind === 'none') return { paths: [], known: true };
  if (value.kind === 'seq') return { paths: value.items.map(callbackPath), known: true };
  if (value.kind === 'obj' || value.kind === 'instance') return { paths: [callbackPath(value)], known: true };
  return { paths: ['?'], known: false };
}

/** model.fit(x, y, batch_size, epochs, verbose, callbacks, validation_split, validation_data, shuffle, …). */
export function recordFit(modelName: string, args: Args, node: SyntaxNode, ctx: EvalContext): void {
  const validationData = argument(args, 7, 'validation_data');
  const callbacks = callbacksOf(argument(args, 5, 'callbacks'));
  const settings = [argument(args, 3, 'epochs', 'nb_epoch'), argument(args, 2, 'batch_size'), argument(args, 6, 'validation_split')] as const;
  // a setting given as something the interpreter cannot read (an unknown variable) is not "not given"
  const unread = settings.some((value) => value !== undefined && value.kind !== 'none' && asNumber(value) === null);
  const fit: FitSpec = {
    model: modelName,
    epochs: asNumber(settings[0]),
    batchSize: asNumber(settings[1]),
    validationSplit: asNumber(settings[2]),
    hasValidationData: validationData !== undefined && validationData.kind !== 'none',
    verbose: asNumber(argument(args, 4, 'verbose')),
    callbacks: callbacks.paths,
    argumentsKnown: args.known && callbacks.known && !unread,
    at: location(ctx, node),
    ranIn: ctx.interp.topCell,
    seq: nextSeq(ctx),
  };
  ctx.interp.facts.fits.push(fit);
}

/** model.predict(x, batch_size, verbose) / model.evaluate(x, y, batch_size, verbose). */
export function recordCall(method: string, modelName: string, args: Args, node: SyntaxNode, ctx: EvalContext): void {
  const input = argumentNode(args, 0, 'x');
  ctx.interp.facts.calls.push({
    method,
    model: modelName,
    target: ctx.target,
    input: input ? compactText(input) : null,
    at: location(ctx, node),
    ranIn: ctx.interp.topCell,
    seq: nextSeq(ctx),
  });
}
