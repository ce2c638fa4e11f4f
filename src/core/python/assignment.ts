/** Assignments: plain, chained, tuple-unpacking (pairwise when both sides are tuples), augmented. */
import type { SyntaxNode } from './syntax-tree.js';
import { binaryValues, evaluate } from './evaluate.js';
import { setAttribute } from './classes.js';
import { type EvalContext, compactText, identifierName, nested, withTarget } from './state.js';
import { UNKNOWN, type Value, sourceOfAll } from './values.js';

const PATTERNS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'expression_list']);

function elements(node: SyntaxNode): SyntaxNode[] {
  return node.namedChildren.filter((child) => child.type !== 'comment');
}

function targetName(node: SyntaxNode): string {
  return node.type === 'identifier' ? identifierName(node) : compactText(node);
}

/** obj.name = value: an attribute of a notebook instance or class (self.model = Sequential()). */
function bindAttribute(target: SyntaxNode, value: Value, ctx: EvalContext): void {
  const objectNode = target.childForFieldName('object');
  const nameNode = target.childForFieldName('attribute');
  if (!objectNode || !nameNode) return;
  setAttribute(evaluate(objectNode, ctx), identifierName(nameNode), value);
  // a model kept only in an attribute is named by it, as written ('self.model')
  if (value.kind === 'model' && value.spec.variable === '') value.spec.variable = compactText(target);
}

/** d[key] = value: an entry of a dict with a constant key (any other key leaves the dict incomplete); x[i] = value on an array. */
function bindSubscript(target: SyntaxNode, value: Value, ctx: EvalContext): void {
  const valueNode = target.childForFieldName('value');
  const container = valueNode ? evaluate(valueNode, ctx) : UNKNOWN;
  const indices = target.childrenForFieldName('subscript').map((index) => evaluate(index, ctx));
  if (container.kind === 'array') {
    // x[…] = value changes the array in place: it is now computed from the value too
    container.source = sourceOfAll([container, value, ...indices]);
    return;
  }
  if (container.kind !== 'dict') return;
  const key = indices.length === 1 ? indices[0] : undefined;
  if (key?.kind === 'str' || key?.kind === 'num') container.entries.set(key.value, value);
  else container.complete = false;
}

/**
 * Binds a target pattern to a value. A model gets its variable name from its first global binding, or
 * else from the first attribute it is assigned to.
 */
export function bindTarget(target: SyntaxNode, value: Value, ctx: EvalContext): void {
  if (target.type === 'identifier') {
    ctx.scope.vars.set(identifierName(target), value);
    if (value.kind === 'model' && value.spec.variable === '' && ctx.scope === ctx.interp.global) {
      value.spec.variable = identifierName(target);
    }
    return;
  }
  if (target.type === 'attribute') {
    bindAttribute(target, value, ctx);
    return;
  }
  if (target.type === 'subscript') {
    bindSubscript(target, value, ctx);
    return;
  }
  if (target.type === 'parenthesized_expression') {
    const inner = elements(target)[0];
    if (inner) nested(ctx, () => bindTarget(inner, value, ctx));
    return;
  }
  if (!PATTERNS.has(target.type)) return;
  const parts = elements(target);
  parts.forEach((part, i) => {
    const item = value.kind === 'seq' && value.items.length === parts.length ? value.items[i] : undefined;
    nested(ctx, () => bindTarget(part, item ?? UNKNOWN, ctx));
  });
}

function isPairwise(left: SyntaxNode, right: SyntaxNode): boolean {
  if (!PATTERNS.has(left.type) || !PATTERNS.has(right.type)) return false;
  const targets = elements(left);
  const values = elements(right);
  const splat = (node: SyntaxNode): boolean => node.type === 'list_splat' || node.type === 'list_splat_pattern';
  return targets.length === values.length && !targets.some(splat) && !values.some(splat);
}

/** Evaluates `left = right` (and `a = b = right`); returns the assigned value. */
export function runAssignment(node: SyntaxNode, ctx: EvalContext): Value {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (!left || !right) return UNKNOWN;
  if (right.type === 'assignment') {
    const value = nested(ctx, () => runAssignment(right, ctx));
    bindTarget(left, value, ctx);
    return value;
  }
  if (isPairwise(left, right)) {
    const targets = elements(left);
    const values = elements(right).map((part, i) => {
      const target = targets[i];
      return evaluate(part, withTarget(ctx, target ? targetName(target) : null));
    });
    targets.forEach((target, i) => bindTarget(target, values[i] ?? UNKNOWN, ctx));
    return { kind: 'seq', items: values };
  }
  const value = evaluate(right, withTarget(ctx, targetName(left)));
  bindTarget(left, value, ctx);
  return value;
}

/** `x /= 255` and friends. */
export function runAugmentedAssignment(node: SyntaxNode, ctx: EvalContext): void {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  const operator = node.childForFieldName('operator')?.text.replace(/=$/, '') ?? '';
  if (!left || !right) return;
  const targetCtx = withTarget(ctx, targetName(left));
  const current = evaluate(left, targetCtx);
  const value = binaryValues(operator, current, evaluate(right, targetCtx), node, targetCtx);
  bindTarget(left, value, ctx);
}
