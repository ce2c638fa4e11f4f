/** Call evaluation: Keras constructors, model methods, data steps, builtins, user functions and classes. */
import type { SyntaxNode } from './syntax-tree.js';
import { withProps } from '../util/objects.js';
import type { LayerSpec, ModelSpec } from '../../types.js';
import { builtin, dictOf } from './builtins.js';
import { instantiate, superOf } from './classes.js';
import { loadData, reshape, toCategorical } from './data-steps.js';
import { evaluate } from './evaluate.js';
import { classifyPath, lastSegment } from './keras-symbols.js';
import { applyLayer, buildInputTensor, buildLayer, layersOf } from './layers.js';
import { NONE_RETURNING, isRandomMethod, isRounding, libraryCall, shuffleInPlace } from './library.js';
import { isDisplayPath, isPlotMethod, isPlotPath, recordShown } from './shown.js';
import { type EvalContext, identifierName, location, lookupVariable } from './state.js';
import { compileModel, recordCall, recordFit } from './training-calls.js';
import {
  type Args,
  type DictValue,
  MAX_ITEMS,
  NONE,
  UNKNOWN,
  type Value,
  argument,
  argumentValues,
  argumentsSource,
  asNumber,
  emptyArgs,
  sourceOf,
  sourceOfAll,
  strongest,
  unknownFrom,
} from './values.js';

/** What fit() and evaluate() return (a History, a list of scores): computed from the model. */
const FROM_MODEL: Value = { kind: 'unknown', source: 'model' };

function splatValue(splat: SyntaxNode, ctx: EvalContext): Value {
  const inner = splat.namedChildren.find((part) => part.type !== 'comment');
  return inner ? evaluate(inner, ctx) : UNKNOWN;
}

/**
 * The call's arguments. `*seq` of a known sequence and `**dict` of a known dict are spread; an unknown
 * splat makes `known` false (and the positions after a `*unknown` are lost). Explicit keywords win over
 * those of a `**dict`.
 */
function evaluateArguments(list: SyntaxNode | null, ctx: EvalContext): Args {
  const args = emptyArgs();
  if (!list) return args;
  let positionsKnown = true;
  for (const child of list.type === 'argument_list' ? list.namedChildren : [list]) {
    if (child.type === 'comment') continue;
    if (child.type === 'keyword_argument') {
      const name = child.childForFieldName('name');
      const value = child.childForFieldName('value');
      if (name && value) {
        args.keyword.set(identifierName(name), evaluate(value, ctx));
        args.keywordNodes.set(identifierName(name), value);
      }
    } else if (child.type === 'list_splat') {
      const value = splatValue(child, ctx);
      if (value.kind === 'seq' && positionsKnown) {
        for (const item of value.items) {
          args.positional.push(item);
          args.positionalNodes.push(undefined);
        }
      } else {
        args.known = false;
        positionsKnown = false;
      }
    } else if (child.type === 'dictionary_splat') {
      const value = splatValue(child, ctx);
      if (value.kind === 'dict') {
        for (const [key, item] of value.entries) {
          if (typeof key === 'string' && !args.keyword.has(key)) args.keyword.set(key, item);
        }
        if (!value.complete) args.known = false;
      } else {
        args.known = false;
      }
    } else {
      const value = evaluate(child, ctx);
      if (positionsKnown) {
        args.positional.push(value);
        args.positionalNodes.push(child);
      }
    }
  }
  return args;
}

/** Appends a copy of `layers` (which may be the model's own list: `model.add(model)`); no spread, so no argument limit. */
function appendLayers(spec: ModelSpec, layers: readonly LayerSpec[]): void {
  for (const layer of layers.slice()) spec.layers.push(layer);
}

function newModel(kind: ModelSpec['kind'], node: SyntaxNode, ctx: EvalContext): ModelSpec {
  const spec: ModelSpec = { variable: '', kind, layers: [], compile: null, at: location(ctx, node) };
  ctx.interp.facts.models.push(spec);
  return spec;
}

function sequential(args: Args, node: SyntaxNode, ctx: EvalContext): Value {
  const spec = newModel('sequential', node, ctx);
  const initial = argument(args, 0, 'layers');
  if (initial?.kind === 'seq') for (const item of initial.items) appendLayers(spec, layersOf(item));
  return { kind: 'model', spec };
}

function functionalModel(args: Args, node: SyntaxNode, ctx: EvalContext): Value {
  const spec = newModel('functional', node, ctx);
  const outputs = argument(args, 1, 'outputs', 'output');
  const tensors = outputs?.kind === 'seq' ? outputs.items : outputs ? [outputs] : [];
  for (const tensor of tensors) {
    if (tensor.kind !== 'tensor') continue;
    for (const layer of tensor.chain) if (!spec.layers.includes(layer)) spec.layers.push(layer);
  }
  return { kind: 'model', spec };
}

/** print(…) / display(…): one shown value per call, from the strongest source among its arguments. */
function show(how: 'print' | 'display', args: Args, node: SyntaxNode, ctx: EvalContext): Value {
  const source = args.known ? sourceOfAll(args.positional) : 'unknown';
  recordShown(ctx, node, how, source, args.positional);
  return NONE;
}

/** tf.random.set_seed, keras.utils.set_random_seed, np.random.seed, random.seed, torch.manual_seed. */
function isSeedPath(path: string): boolean {
  const name = lastSegment(path);
  if (name === 'set_random_seed' || name === 'manual_seed') return true;
  return (name === 'set_seed' || name === 'seed') && /(^|\.)random$/.test(path.slice(0, -name.length - 1));
}

function callPath(path: string, args: Args, node: SyntaxNode, ctx: EvalContext): Value {
  const name = lastSegment(path);
  if (path === 'builtins.print') return show('print', args, node, ctx);
  if (isDisplayPath(path)) return show('display', args, node, ctx);
  if (path === 'builtins.super') return superOf(args, (variable) => lookupVariable(ctx.scope, variable));
  if (isPlotPath(path)) recordShown(ctx, node, 'plot', argumentsSource(args), [], name);
  if (isSeedPath(path)) ctx.interp.facts.seeds.push({ call: path, seed: asNumber(args.positional[0] ?? args.keyword.get('seed')), at: location(ctx, node) });
  shuffleInPlace(name, args);
  switch (classifyPath(path)) {
    case 'sequential':
      return sequential(args, node, ctx);
    case 'functional-model':
      return functionalModel(args, node, ctx);
    case 'input':
      return buildInputTensor(args, node, ctx);
    case 'layer':
      return { kind: 'layer', spec: buildLayer(name, args, node, ctx) };
    case 'to_categorical':
      return toCategorical(args, node, ctx);
    case 'load_data':
      return loadData(lastSegment(path.slice(0, -'.load_data'.length)), node, ctx);
    case 'numpy-reshape':
      return reshape(args.positional[0] ?? UNKNOWN, args, 1, node, ctx);
    case 'builtin':
      return builtin(name, args);
    default:
      return libraryCall(path, args);
  }
}

/** What predict() returns: an array computed from the model, remembered as a prediction (for its rows). */
function prediction(ctx: EvalContext): Value {
  return { kind: 'array', shape: null, source: 'model', predict: { target: ctx.target } };
}

function modelMethod(spec: ModelSpec, selfText: string, name: string, args: Args, node: SyntaxNode, ctx: EvalContext): Value {
  const modelName = spec.variable || selfText;
  switch (name) {
    case 'add':
      appendLayers(spec, layersOf(args.positional[0] ?? args.keyword.get('layer')));
      return NONE;
    case 'pop':
      spec.layers.pop();
      return NONE;
    case 'compile':
      compileModel(spec, args, node, ctx);
      return NONE;
    case 'fit':
    case 'fit_generator':
      recordFit(modelName, args, node, ctx);
      return FROM_MODEL;
    case 'predict':
    case 'evaluate':
      recordCall(name, modelName, args, node, ctx);
      return name === 'predict' ? prediction(ctx) : FROM_MODEL;
    default:
      return NONE_RETURNING.has(name) ? NONE : FROM_MODEL;
  }
}

function keyOf(value: Value | undefined): string | number | null {
  if (value?.kind === 'str' || value?.kind === 'num') return value.value;
  return null;
}

/** cfg.get / update / copy / keys / values / items / pop / setdefault; undefined for another method. */
function dictMethod(dict: DictValue, name: string, args: Args): Value | undefined {
  const key = keyOf(args.positional[0]);
  switch (name) {
    case 'get':
    case 'pop':
    case 'setdefault': {
      const found = key === null ? undefined : dict.entries.get(key);
      if (name === 'pop' && key !== null) dict.entries.delete(key);
      if (found) return found;
      if (key === null || !dict.complete) return unknownFrom(dict, ...argumentValues(args));
      const fallback = args.positional[1] ?? NONE;
      if (name === 'setdefault') dict.entries.set(key, fallback);
      return fallback;
    }
    case 'update': {
      const other = dictOf(args);
      if (other.kind === 'dict') {
        for (const [entry, value] of other.entries) dict.entries.set(entry, value);
        if (!other.complete) dict.complete = false;
      }
      return NONE;
    }
    case 'copy':
      return { kind: 'dict', entries: new Map(dict.entries), complete: dict.complete };
    case 'keys':
    case 'values':
    case 'items': {
      if (!dict.complete) return unknownFrom(dict);
      const keyValue = (entry: string | number): Value => (typeof entry === 'number' ? { kind: 'num', value: entry } : { kind: 'str', value: entry });
      const entries = [...dict.entries];
      const items = entries.map(([entry, value]): Value =>
        name === 'keys' ? keyValue(entry) : name === 'values' ? value : { kind: 'seq', items: [keyValue(entry), value] },
      );
      return { kind: 'seq', items };
    }
    default:
      return undefined;
  }
}

/** list.append / extend / insert (a callbacks list built step by step); undefined for another method. */
function listMethod(list: Extract<Value, { kind: 'seq' }>, name: string, args: Args): Value | undefined {
  const first = args.positional[0];
  switch (name) {
    case 'append':
      if (first && list.items.length < MAX_ITEMS) list.items.push(first);
      return NONE;
    case 'extend':
      if (first?.kind === 'seq') list.items.push(...first.items.slice(0, Math.max(0, MAX_ITEMS - list.items.length)));
      else if (first && list.items.length < MAX_ITEMS) list.items.push(unknownFrom(first));
      return NONE;
    case 'insert': {
      const value = args.positional[1];
      const at = first?.kind === 'num' ? first.value : null;
      if (!value || list.items.length >= MAX_ITEMS) return NONE;
      if (at !== null && Number.isInteger(at)) list.items.splice(at, 0, value);
      else list.items.push(value);
      return NONE;
    }
    case 'copy':
      return { kind: 'seq', items: [...list.items] };
    default:
      return undefined;
  }
}

/** A value not followed, computed from the receiver and the arguments. */
function derived(self: Value, args: Args): Value {
  return args.known ? unknownFrom(self, ...argumentValues(args)) : UNKNOWN;
}

function methodCall(self: Value, selfText: string, name: string, args: Args, node: SyntaxNode, ctx: EvalContext): Value {
  if (isPlotMethod(self, name)) {
    // df.plot() / df.plot.bar() / df.hist(): the receiver holds the data
    const accessor = self.kind === 'method' && self.name === 'plot';
    const receiver = accessor || args.positional.length === 0 ? sourceOf(self) : 'constant';
    recordShown(ctx, node, 'plot', strongest([receiver, argumentsSource(args)]), [], name);
  }
  if (self.kind === 'model') return modelMethod(self.spec, selfText, name, args, node, ctx);
  if (self.kind === 'dict') return dictMethod(self, name, args) ?? derived(self, args);
  if (self.kind === 'seq') return listMethod(self, name, args) ?? derived(self, args);
  shuffleInPlace(name, args);
  if (NONE_RETURNING.has(name)) return NONE;
  if (isRandomMethod(name)) return UNKNOWN;
  // np.around(test2[1], 3) with numpy's import nowhere in the notebook (the kernel had it)
  if (self.kind === 'unknown' && (selfText === 'np' || selfText === 'numpy') && ['around', 'round', 'round_'].includes(name)) {
    return libraryCall(`numpy.${name}`, args);
  }
  if (self.kind === 'array' || self.kind === 'unknown') {
    if (name === 'reshape') return reshape(self, args, 0, node, ctx);
    if (name === 'astype' || name === 'copy') return self.kind === 'array' ? self : { kind: 'array', shape: null, source: sourceOf(self) };
    if (self.kind === 'array' && isRounding(name)) return withProps(self, { source: args.known ? sourceOfAll([self, ...argumentValues(args)]) : ('unknown' as const) });
  }
  // a value not followed (or an instance of a class whose method is not in the notebook: a keras.Model subclass)
  if ((self.kind === 'unknown' || self.kind === 'instance') && /^[\w.]+$/.test(selfText)) {
    if (name === 'fit' || name === 'fit_generator') {
      recordFit(selfText, args, node, ctx);
      return FROM_MODEL;
    }
    if (name === 'predict' || name === 'evaluate') {
      recordCall(name, selfText, args, node, ctx);
      return name === 'predict' ? prediction(ctx) : FROM_MODEL;
    }
  }
  return derived(self, args);
}

function dispatch(callee: Value, args: Args, node: SyntaxNode, ctx: EvalContext): Value {
  switch (callee.kind) {
    case 'ref':
      return callPath(callee.path, args, node, ctx);
    case 'method':
      return methodCall(callee.self, callee.selfText, callee.name, args, node, ctx);
    case 'layer':
      return applyLayer(callee.spec, args.positional[0] ?? args.keyword.get('inputs'));
    case 'func':
      return ctx.interp.callFunction(callee, args, ctx);
    case 'bound':
      return ctx.interp.callFunction(callee.fn, args, ctx, { self: callee.self, owner: callee.owner });
    case 'class':
      return instantiate(callee, args, node, ctx);
    case 'model':
      // model(x): the model's output
      return FROM_MODEL;
    default:
      return UNKNOWN;
  }
}

export function evaluateCall(node: SyntaxNode, ctx: EvalContext): Value {
  const functionNode = node.childForFieldName('function');
  const callee = functionNode ? evaluate(functionNode, ctx) : UNKNOWN;
  const args = evaluateArguments(node.childForFieldName('arguments'), ctx);
  return dispatch(callee, args, node, ctx);
}
