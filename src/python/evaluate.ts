/** Expression evaluation over the abstract values. */
import type { Node } from 'web-tree-sitter';
import { evaluateCall } from './calls.js';
import { arrayAttribute, scale } from './data-steps.js';
import { canonicalPath, implicitPath } from './keras-symbols.js';
import { type EvalContext, MAX_NESTING, NestingLimitError, compactText, identifierName, lookupVariable } from './state.js';
import { NONE, UNKNOWN, type Value, asNumber, mayBeArray, num } from './values.js';

function numberLiteral(text: string): Value {
  const clean = text.replace(/_/g, '').toLowerCase();
  if (/[jl]$/.test(clean)) return UNKNOWN;
  const value = /^0[box]/.test(clean) ? Number(clean) : Number.parseFloat(clean);
  return Number.isFinite(value) ? num(value) : UNKNOWN;
}

function stringLiteral(node: Node): Value {
  if (node.children.some((child) => child.type === 'interpolation')) return UNKNOWN;
  const parts = node.children.filter((child) => child.type === 'string_content' || child.type === 'escape_sequence');
  return { kind: 'str', value: parts.map((part) => part.text).join('') };
}

function identifier(node: Node, ctx: EvalContext): Value {
  const name = identifierName(node);
  const bound = lookupVariable(ctx.scope, name);
  if (bound) return bound;
  const implicit = implicitPath(name);
  return implicit === null ? UNKNOWN : { kind: 'ref', path: implicit };
}

function attribute(node: Node, ctx: EvalContext): Value {
  const objectNode = node.childForFieldName('object');
  const nameNode = node.childForFieldName('attribute');
  if (!objectNode || !nameNode) return UNKNOWN;
  const object = evaluate(objectNode, ctx);
  const name = identifierName(nameNode);
  if (object.kind === 'ref') return { kind: 'ref', path: canonicalPath(`${object.path}.${name}`) };
  if (object.kind === 'array') {
    const known = arrayAttribute(object, name);
    if (known) return known;
  }
  return { kind: 'method', self: object, selfText: compactText(objectNode), name };
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
export function binaryValues(operator: string, left: Value, right: Value, node: Node, ctx: EvalContext): Value {
  const a = asNumber(left);
  const b = asNumber(right);
  const operation = ARITHMETIC[operator];
  if (a !== null && b !== null && operation) return num(operation(a, b));
  if (left.kind === 'str' && right.kind === 'str' && operator === '+') return { kind: 'str', value: left.value + right.value };
  if (left.kind === 'seq' && right.kind === 'seq' && operator === '+') return { kind: 'seq', items: [...left.items, ...right.items] };
  if (mayBeArray(left) && b !== null && b !== 0) {
    if (operator === '/') return scale(left, b, node, ctx);
    if (operator === '*' && b > 0 && b < 1) return scale(left, Math.round(1 / b * 1e6) / 1e6, node, ctx);
  }
  if (left.kind === 'array' || right.kind === 'array') return { kind: 'array', shape: left.kind === 'array' ? left.shape : null };
  return UNKNOWN;
}

function subscript(node: Node, ctx: EvalContext): Value {
  const valueNode = node.childForFieldName('value');
  const indexNodes = node.childrenForFieldName('subscript');
  const value = valueNode ? evaluate(valueNode, ctx) : UNKNOWN;
  const indices = indexNodes.map((index) => evaluate(index, ctx));
  const index = indices.length === 1 ? asNumber(indices[0]) : null;
  if (value.kind === 'seq' && index !== null && Number.isInteger(index)) {
    return value.items[index < 0 ? value.items.length + index : index] ?? UNKNOWN;
  }
  return value.kind === 'array' ? { kind: 'array', shape: null } : UNKNOWN;
}

function sequence(node: Node, ctx: EvalContext): Value {
  const items = node.namedChildren.filter((child) => child.type !== 'comment').map((child) => evaluate(child, ctx));
  return { kind: 'seq', items };
}

/** Evaluates an expression; unhandled forms still evaluate their parts (for the facts they hold). */
export function evaluate(node: Node, ctx: EvalContext): Value {
  const interp = ctx.interp; // nested() inlined: this is the interpreter's hottest call
  if (interp.nesting >= MAX_NESTING) throw new NestingLimitError();
  interp.nesting += 1;
  try {
    return evaluateNode(node, ctx);
  } finally {
    interp.nesting -= 1;
  }
}

function evaluateNode(node: Node, ctx: EvalContext): Value {
  switch (node.type) {
    case 'integer':
    case 'float':
      return numberLiteral(node.text);
    case 'string':
      return stringLiteral(node);
    case 'concatenated_string':
      return node.namedChildren.map((part) => stringLiteral(part)).reduce((a, b) => binaryValues('+', a, b, node, ctx));
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
      return evaluateCall(node, ctx);
    case 'tuple':
    case 'list':
    case 'expression_list':
      return sequence(node, ctx);
    case 'parenthesized_expression': {
      const inner = node.namedChildren.find((child) => child.type !== 'comment');
      return inner ? evaluate(inner, ctx) : UNKNOWN;
    }
    case 'unary_operator': {
      const operand = node.childForFieldName('argument');
      const value = operand ? asNumber(evaluate(operand, ctx)) : null;
      const operator = node.childForFieldName('operator')?.text;
      if (value === null) return UNKNOWN;
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
    default:
      for (const child of node.namedChildren) evaluate(child, ctx);
      return UNKNOWN;
  }
}
