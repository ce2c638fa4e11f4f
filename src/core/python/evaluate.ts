/** Expression evaluation over the abstract values. */
import type { SyntaxNode } from './syntax-tree.js';
import { classAttribute, instanceAttribute, superAttribute } from './classes.js';
import { arrayAttribute, scale } from './data-steps.js';
import { canonicalPath, implicitPath } from './keras-symbols.js';
import { type EvalContext, MAX_NESTING, NestingLimitError, compactText, identifierName, lookupVariable } from './state.js';
import {
  type ArrayValue,
  type DictValue,
  MAX_ITEMS,
  NONE,
  UNKNOWN,
  type Value,
  asNumber,
  mayBeArray,
  num,
  sourceOf,
  sourceOfAll,
  truthiness,
  unknownFrom,
} from './values.js';

function numberLiteral(text: string): Value {
  const clean = text.replace(/_/g, '').toLowerCase();
  if (/[jl]$/.test(clean)) return UNKNOWN;
  const value = /^0[box]/.test(clean) ? Number(clean) : Number.parseFloat(clean);
  return Number.isFinite(value) ? num(value) : UNKNOWN;
}

/** A string literal; an f-string with interpolations is not followed, but its parts give its source. */
function stringLiteral(node: SyntaxNode, ctx: EvalContext): Value {
  const interpolations = node.children.filter((child) => child.type === 'interpolation');
  if (interpolations.length > 0) {
    const parts = interpolations.flatMap((interpolation) =>
      interpolation.namedChildren
        .filter((child) => !['comment', 'format_specifier', 'type_conversion'].includes(child.type))
        .map((child) => evaluate(child, ctx)),
    );
    return unknownFrom(...parts);
  }
  const parts = node.children.filter((child) => child.type === 'string_content' || child.type === 'escape_sequence');
  return { kind: 'str', value: parts.map((part) => part.text).join('') };
}

/**
 * A name: its binding in scope; else the import of another cell that binds it (the kernel had it: the
 * import cell ran later in the saved counts, or its first run is gone), recorded as an assumed import —
 * unless the running cell's saved outputs show a NameError for it; else a builtin or a Keras name the
 * interpreter knows bare.
 */
function identifier(node: SyntaxNode, ctx: EvalContext): Value {
  const name = identifierName(node);
  const bound = lookupVariable(ctx.scope, name);
  if (bound) return bound;
  const interp = ctx.interp;
  const imported = interp.undefinedNames.has(name) ? undefined : interp.imports.get(name);
  if (imported) {
    const key = `${name}@${imported.cell}@${interp.cell}`;
    if (!interp.assumedSeen.has(key)) {
      interp.assumedSeen.add(key);
      interp.facts.assumedImports.push({ name, from: imported.cell, usedIn: interp.cell });
    }
    return imported.value;
  }
  const implicit = implicitPath(name);
  return implicit === null ? UNKNOWN : { kind: 'ref', path: implicit };
}

function attribute(node: SyntaxNode, ctx: EvalContext): Value {
  const objectNode = node.childForFieldName('object');
  const nameNode = node.childForFieldName('attribute');
  if (!objectNode || !nameNode) return UNKNOWN;
  const object = evaluate(objectNode, ctx);
  const name = identifierName(nameNode);
  const selfText = compactText(objectNode);
  switch (object.kind) {
    case 'ref':
      return { kind: 'ref', path: canonicalPath(`${object.path}.${name}`) };
    case 'array': {
      const known = arrayAttribute(object, name);
      if (known) return known;
      if (name === 'T') return { kind: 'array', shape: object.shape ? [...object.shape].reverse() : null, source: sourceOf(object) };
      break;
    }
    case 'instance':
      return instanceAttribute(object, name, selfText, ctx);
    case 'class':
      return classAttribute(object, name, selfText);
    case 'super':
      return superAttribute(object, name, selfText, ctx);
    default:
      break;
  }
  return { kind: 'method', self: object, selfText, name };
}

const ARITHMETIC: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '//': (a, b) => Math.floor(a / b),
  '%': (a, b) => a - Math.floor(a / b) * b,
  '**': (a, b) => a ** b,
};

/** left <op> right, recording a scaling step for array / 255 and array * (1/255). */
export function binaryValues(operator: string, left: Value, right: Value, node: SyntaxNode, ctx: EvalContext): Value {
  const a = asNumber(left);
  const b = asNumber(right);
  const operation = ARITHMETIC[operator];
  if (a !== null && b !== null && operation) return num(operation(a, b));
  if (left.kind === 'str' && right.kind === 'str' && operator === '+') return { kind: 'str', value: left.value + right.value };
  if (left.kind === 'seq' && right.kind === 'seq' && operator === '+') {
    if (left.items.length + right.items.length > MAX_ITEMS) return unknownFrom(left, right);
    return { kind: 'seq', items: [...left.items, ...right.items] };
  }
  if (mayBeArray(left) && b !== null && b !== 0) {
    if (operator === '/') return scale(left, b, node, ctx);
    if (operator === '*' && b > 0 && b < 1) return scale(left, Math.round(1 / b * 1e6) / 1e6, node, ctx);
  }
  if (left.kind === 'array' || right.kind === 'array') {
    return { kind: 'array', shape: left.kind === 'array' ? left.shape : null, source: sourceOfAll([left, right]) };
  }
  return unknownFrom(left, right);
}

/** A constant dict key (a string or a number). */
function dictKey(value: Value): string | number | null {
  if (value.kind === 'str') return value.value;
  if (value.kind === 'num') return value.value;
  return null;
}

function subscript(node: SyntaxNode, ctx: EvalContext): Value {
  const valueNode = node.childForFieldName('value');
  const indexNodes = node.childrenForFieldName('subscript');
  const value = valueNode ? evaluate(valueNode, ctx) : UNKNOWN;
  const indices = indexNodes.map((index) => evaluate(index, ctx));
  const only = indices.length === 1 ? indices[0] : undefined;
  const index = asNumber(only);
  if (value.kind === 'seq' && index !== null && Number.isInteger(index)) {
    return value.items[index < 0 ? value.items.length + index : index] ?? UNKNOWN;
  }
  if (value.kind === 'dict' && only) {
    const key = dictKey(only);
    const entry = key === null ? undefined : value.entries.get(key);
    if (entry) return entry;
    return value.complete && key !== null ? UNKNOWN : unknownFrom(value, only);
  }
  if (value.kind === 'array') {
    const result: ArrayValue = { kind: 'array', shape: null, source: sourceOfAll([value, ...indices]) };
    if (value.predict && index !== null && Number.isInteger(index) && only?.kind === 'num') {
      result.row = { target: value.predict.target, index };
    }
    return result;
  }
  return unknownFrom(value, ...indices);
}

function sequence(node: SyntaxNode, ctx: EvalContext): Value {
  const items: Value[] = [];
  let open = true;
  const parts: Value[] = [];
  for (const child of node.namedChildren) {
    if (child.type === 'comment') continue;
    if (child.type === 'list_splat') {
      const inner = child.namedChildren.find((part) => part.type !== 'comment');
      const value = inner ? evaluate(inner, ctx) : UNKNOWN;
      parts.push(value);
      if (value.kind === 'seq' && items.length + value.items.length <= MAX_ITEMS) items.push(...value.items);
      else open = false;
      continue;
    }
    const value = evaluate(child, ctx);
    parts.push(value);
    items.push(value);
  }
  // [*unknown, …]: its length is not known
  return open ? { kind: 'seq', items } : unknownFrom(...parts);
}

/** {'epochs': 30, **base}: constant keys are kept; any other key or splat leaves the dict incomplete. */
function dictionary(node: SyntaxNode, ctx: EvalContext): Value {
  const dict: DictValue = { kind: 'dict', entries: new Map(), complete: true };
  for (const child of node.namedChildren) {
    if (child.type === 'pair') {
      const keyNode = child.childForFieldName('key');
      const valueNode = child.childForFieldName('value');
      const key = keyNode ? dictKey(evaluate(keyNode, ctx)) : null;
      const value = valueNode ? evaluate(valueNode, ctx) : UNKNOWN;
      if (key === null) dict.complete = false;
      else dict.entries.set(key, value);
    } else if (child.type === 'dictionary_splat') {
      const inner = child.namedChildren.find((part) => part.type !== 'comment');
      const value = inner ? evaluate(inner, ctx) : UNKNOWN;
      if (value.kind === 'dict') {
        for (const [key, item] of value.entries) dict.entries.set(key, item);
        if (!value.complete) dict.complete = false;
      } else {
        dict.complete = false;
      }
    } else if (child.type !== 'comment') {
      evaluate(child, ctx);
      dict.complete = false;
    }
  }
  return dict;
}

/** `a if condition else b`: the branch when the condition is known, else a value computed from both. */
function conditional(node: SyntaxNode, ctx: EvalContext): Value {
  const [consequence, condition, alternative] = node.namedChildren.filter((child) => child.type !== 'comment');
  if (!consequence || !condition || !alternative) return UNKNOWN;
  const test = truthiness(evaluate(condition, ctx));
  if (test === true) return evaluate(consequence, ctx);
  if (test === false) return evaluate(alternative, ctx);
  return unknownFrom(evaluate(consequence, ctx), evaluate(alternative, ctx));
}

/** Evaluates an expression; unhandled forms still evaluate their parts (for the facts they hold). */
export function evaluate(node: SyntaxNode, ctx: EvalContext): Value {
  const interp = ctx.interp; // nested() inlined: this is the interpreter's hottest call
  if (interp.nesting >= MAX_NESTING) throw new NestingLimitError();
  interp.nesting += 1;
  try {
    return evaluateNode(node, ctx);
  } finally {
    interp.nesting -= 1;
  }
}

function evaluateNode(node: SyntaxNode, ctx: EvalContext): Value {
  switch (node.type) {
    case 'integer':
    case 'float':
      return numberLiteral(node.text);
    case 'string':
      return stringLiteral(node, ctx);
    case 'concatenated_string':
      return node.namedChildren.map((part) => stringLiteral(part, ctx)).reduce((a, b) => binaryValues('+', a, b, node, ctx));
    case 'true':
    case 'false':
      return { kind: 'bool', value: node.type === 'true' };
    case 'none':
      return NONE;
    case 'identifier':
      return identifier(node, ctx);
    case 'attribute':
      return attribute(node, ctx);
    case 'call':
      return ctx.interp.evaluateCall(node, ctx);
    case 'tuple':
    case 'list':
    case 'expression_list':
      return sequence(node, ctx);
    case 'dictionary':
      return dictionary(node, ctx);
    case 'conditional_expression':
      return conditional(node, ctx);
    case 'parenthesized_expression': {
      const inner = node.namedChildren.find((child) => child.type !== 'comment');
      return inner ? evaluate(inner, ctx) : UNKNOWN;
    }
    case 'unary_operator': {
      const operand = node.childForFieldName('argument');
      const operandValue = operand ? evaluate(operand, ctx) : UNKNOWN;
      const value = asNumber(operandValue);
      const operator = node.childForFieldName('operator')?.text;
      if (value === null) return unknownFrom(operandValue);
      return num(operator === '-' ? -value : operator === '~' ? ~value : value);
    }
    case 'binary_operator': {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      const operator = node.childForFieldName('operator')?.text ?? '';
      if (!left || !right) return UNKNOWN;
      return binaryValues(operator, evaluate(left, ctx), evaluate(right, ctx), node, ctx);
    }
    case 'subscript':
      return subscript(node, ctx);
    case 'comment':
      return UNKNOWN;
    default: {
      // comparisons, boolean operators, slices, comprehensions, lambdas, …: not followed, but what they are computed from is
      const parts = node.namedChildren.filter((child) => child.type !== 'comment').map((child) => evaluate(child, ctx));
      return unknownFrom(...parts);
    }
  }
}
