/** Call evaluation: Keras constructors, model methods, data steps, builtins and user functions. */
import type { Node } from 'web-tree-sitter';
import type { LayerSpec, ModelSpec } from '../types.js';
import { builtin } from './builtins.js';
import { loadData, reshape, toCategorical } from './data-steps.js';
import { evaluate } from './evaluate.js';
import { classifyPath, lastSegment } from './keras-symbols.js';
import { applyLayer, buildInputTensor, buildLayer, layersOf } from './layers.js';
import { type EvalContext, identifierName, location } from './state.js';
import { compileModel, recordCall, recordFit } from './training-calls.js';
import { type Args, NONE, UNKNOWN, type Value, argument } from './values.js';

function evaluateArguments(list: Node | null, ctx: EvalContext): Args {
  const args: Args = { positional: [], positionalNodes: [], keyword: new Map(), keywordNodes: new Map() };
  if (!list) return args;
  for (const child of list.type === 'argument_list' ? list.namedChildren : [list]) {
    if (child.type === 'comment') continue;
    if (child.type === 'keyword_argument') {
      const name = child.childForFieldName('name');
      const value = child.childForFieldName('value');
      if (name && value) {
        args.keyword.set(identifierName(name), evaluate(value, ctx));
        args.keywordNodes.set(identifierName(name), value);
      }
    } else if (child.type === 'list_splat' || child.type === 'dictionary_splat') {
      for (const part of child.namedChildren) evaluate(part, ctx);
    } else {
      args.positional.push(evaluate(child, ctx));
      args.positionalNodes.push(child);
    }
  }
  return args;
}

/** Appends a copy of `layers` (which may be the model's own list: `model.add(model)`); no spread, so no argument limit. */
function appendLayers(spec: ModelSpec, layers: readonly LayerSpec[]): void {
  for (const layer of layers.slice()) spec.layers.push(layer);
}

function newModel(kind: ModelSpec['kind'], node: Node, ctx: EvalContext): ModelSpec {
  const spec: ModelSpec = { variable: '', kind, layers: [], compile: null, at: location(ctx, node) };
  ctx.interp.facts.models.push(spec);
  return spec;
}

function sequential(args: Args, node: Node, ctx: EvalContext): Value {
  const spec = newModel('sequential', node, ctx);
  const initial = argument(args, 0, 'layers');
  if (initial?.kind === 'seq') for (const item of initial.items) appendLayers(spec, layersOf(item));
  return { kind: 'model', spec };
}

function functionalModel(args: Args, node: Node, ctx: EvalContext): Value {
  const spec = newModel('functional', node, ctx);
  const outputs = argument(args, 1, 'outputs', 'output');
  const tensors = outputs?.kind === 'seq' ? outputs.items : outputs ? [outputs] : [];
  for (const tensor of tensors) {
    if (tensor.kind !== 'tensor') continue;
    for (const layer of tensor.chain) if (!spec.layers.includes(layer)) spec.layers.push(layer);
  }
  return { kind: 'model', spec };
}

function callPath(path: string, args: Args, node: Node, ctx: EvalContext): Value {
  const name = lastSegment(path);
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
      return { kind: 'obj', path, args };
  }
}

function modelMethod(spec: ModelSpec, selfText: string, name: string, args: Args, node: Node, ctx: EvalContext): Value {
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
      return UNKNOWN;
    case 'predict':
    case 'evaluate':
      recordCall(name, modelName, args, node, ctx);
      return name === 'predict' ? { kind: 'array', shape: null } : UNKNOWN;
    default:
      return UNKNOWN;
  }
}

function methodCall(self: Value, selfText: string, name: string, args: Args, node: Node, ctx: EvalContext): Value {
  if (self.kind === 'model') return modelMethod(self.spec, selfText, name, args, node, ctx);
  if (self.kind !== 'array' && self.kind !== 'unknown') return UNKNOWN;
  if (name === 'reshape') return reshape(self, args, 0, node, ctx);
  if (name === 'astype' || name === 'copy') return self.kind === 'array' ? self : { kind: 'array', shape: null };
  if (self.kind === 'unknown' && /^[\w.]+$/.test(selfText)) {
    if (name === 'fit' || name === 'fit_generator') recordFit(selfText, args, node, ctx);
    if (name === 'predict' || name === 'evaluate') recordCall(name, selfText, args, node, ctx);
  }
  return UNKNOWN;
}

function dispatch(callee: Value, args: Args, node: Node, ctx: EvalContext): Value {
  switch (callee.kind) {
    case 'ref':
      return callPath(callee.path, args, node, ctx);
    case 'method':
      return methodCall(callee.self, callee.selfText, callee.name, args, node, ctx);
    case 'layer':
      return applyLayer(callee.spec, args.positional[0] ?? args.keyword.get('inputs'));
    case 'func':
      return ctx.interp.callFunction(callee, args, ctx);
    default:
      return UNKNOWN;
  }
}

export function evaluateCall(node: Node, ctx: EvalContext): Value {
  const functionNode = node.childForFieldName('function');
  const callee = functionNode ? evaluate(functionNode, ctx) : UNKNOWN;
  const args = evaluateArguments(node.childForFieldName('arguments'), ctx);
  return dispatch(callee, args, node, ctx);
}
