/** Statement execution: expression statements, imports, control flow, user-defined functions and classes. */
import type { SyntaxNode } from './syntax-tree.js';
import { withProps } from '../util/objects.js';
import { bindTarget, runAssignment, runAugmentedAssignment } from './assignment.js';
import { fieldDefault } from './classes.js';
import { evaluate } from './evaluate.js';
import { runImport } from './imports.js';
import { recordShown } from './shown.js';
import { type BoundSelf, type EvalContext, identifierName, withTarget } from './state.js';
import {
  type Args,
  type ClassValue,
  type DictValue,
  type FunctionValue,
  NONE,
  UNKNOWN,
  type Value,
  sourceOf,
  truthiness,
  unknownFrom,
} from './values.js';

type Signal = { kind: 'return'; value: Value } | { kind: 'break' } | { kind: 'continue' } | null;

const MAX_CALL_DEPTH = 8;
const MAX_LOOP_ITERATIONS = 100;
const MAX_STEPS = 10_000;

export function runBlock(statements: SyntaxNode[], ctx: EvalContext): Signal {
  for (const statement of statements) {
    const signal = runStatement(statement, ctx);
    if (signal) return signal;
  }
  return null;
}

function body(node: SyntaxNode | null, ctx: EvalContext): Signal {
  return node ? runBlock(node.namedChildren, ctx) : null;
}

function runExpressionStatement(node: SyntaxNode, ctx: EvalContext): void {
  for (const child of node.namedChildren) {
    if (child.type === 'assignment') runAssignment(child, ctx);
    else if (child.type === 'augmented_assignment') runAugmentedAssignment(child, ctx);
    else evaluate(child, withTarget(ctx, null));
  }
}

/** The first branch whose condition is not known to be false. */
function runIf(node: SyntaxNode, ctx: EvalContext): Signal {
  const condition = node.childForFieldName('condition');
  if (!condition || truthiness(evaluate(condition, ctx)) !== false) return body(node.childForFieldName('consequence'), ctx);
  for (const alternative of node.childrenForFieldName('alternative')) {
    const test = alternative.childForFieldName('condition');
    if (test && truthiness(evaluate(test, ctx)) === false) continue;
    return body(alternative.childForFieldName('body') ?? alternative.childForFieldName('consequence'), ctx);
  }
  return null;
}

/** The items a loop binds: a known sequence's (unrolled), else one item computed from the iterable. */
function loopItems(iterable: Value): Value[] {
  if (iterable.kind === 'seq') return iterable.items.slice(0, MAX_LOOP_ITERATIONS);
  if (iterable.kind === 'dict' && iterable.complete) {
    return [...iterable.entries.keys()].slice(0, MAX_LOOP_ITERATIONS).map((key): Value =>
      typeof key === 'number' ? { kind: 'num', value: key } : { kind: 'str', value: key },
    );
  }
  if (iterable.kind === 'array') return [{ kind: 'array', shape: iterable.shape?.slice(1) ?? null, source: sourceOf(iterable) }];
  return [unknownFrom(iterable)];
}

/** Loops over a known sequence are unrolled; any other loop body runs once. */
function runFor(node: SyntaxNode, ctx: EvalContext): Signal {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  const items = loopItems(right ? evaluate(right, ctx) : UNKNOWN);
  for (const [iteration, item] of items.entries()) {
    if (iteration > 0 && ctx.interp.steps > MAX_STEPS) break;
    if (left) bindTarget(left, item, ctx);
    const signal = body(node.childForFieldName('body'), ctx);
    if (signal?.kind === 'return') return signal;
    if (signal?.kind === 'break') break;
  }
  return null;
}

/** The name a decorator goes by: @dataclass, @dataclasses.dataclass(frozen=True) → 'dataclass'. */
function decoratorName(decorator: SyntaxNode): string {
  let expression = decorator.namedChildren.find((child) => child.type !== 'comment') ?? null;
  if (expression?.type === 'call') expression = expression.childForFieldName('function');
  if (expression?.type === 'attribute') expression = expression.childForFieldName('attribute');
  return expression?.type === 'identifier' ? identifierName(expression) : '';
}

function defineFunction(node: SyntaxNode, decorators: string[], ctx: EvalContext): void {
  const name = node.childForFieldName('name');
  if (!name) return;
  // @x.setter / @x.deleter: the property keeps its getter
  if (decorators.some((decorator) => decorator === 'setter' || decorator === 'deleter')) return;
  const fn: FunctionValue = { kind: 'func', node, cell: ctx.interp.cell };
  if (decorators.length > 0) fn.decorators = decorators;
  ctx.scope.vars.set(identifierName(name), fn);
}

/** Annotated class-level names in the order written: `max_epochs: int = 30`, `lr: float`. */
function annotatedFields(block: SyntaxNode): string[] {
  const fields: string[] = [];
  for (const statement of block.namedChildren) {
    if (statement.type !== 'expression_statement') continue;
    const assignment = statement.namedChildren[0];
    const left = assignment?.type === 'assignment' && assignment.childForFieldName('type') ? assignment.childForFieldName('left') : null;
    if (left?.type === 'identifier' && !fields.includes(identifierName(left))) fields.push(identifierName(left));
  }
  return fields;
}

/** class C(Base): … → a class value; its body runs once, in its own scope (its attributes). */
function defineClass(node: SyntaxNode, decorators: string[], ctx: EvalContext): void {
  const name = node.childForFieldName('name');
  if (!name) return;
  const bases = (node.childForFieldName('superclasses')?.namedChildren ?? [])
    .filter((child) => child.type !== 'comment' && child.type !== 'keyword_argument')
    .map((child) => evaluate(child, ctx));
  const block = node.childForFieldName('body');
  const cls: ClassValue = {
    kind: 'class',
    name: identifierName(name),
    cell: ctx.interp.cell,
    attrs: new Map(),
    fields: block ? annotatedFields(block) : [],
    bases,
    decorators,
  };
  if (block) {
    runBlock(block.namedChildren, { interp: ctx.interp, scope: { vars: cls.attrs, parent: ctx.scope }, target: null });
    for (const field of cls.fields) {
      const value = cls.attrs.get(field);
      if (value) cls.attrs.set(field, fieldDefault(value));
    }
  }
  ctx.scope.vars.set(cls.name, cls);
}

function runDecorated(node: SyntaxNode, ctx: EvalContext): Signal {
  const definition = node.childForFieldName('definition');
  if (!definition) return null;
  const decorators = node.namedChildren.filter((child) => child.type === 'decorator').map(decoratorName);
  if (definition.type === 'class_definition') defineClass(definition, decorators, ctx);
  else if (definition.type === 'function_definition') defineFunction(definition, decorators, ctx);
  else return runStatement(definition, ctx);
  return null;
}

function runStatement(node: SyntaxNode, ctx: EvalContext): Signal {
  ctx.interp.steps += 1;
  switch (node.type) {
    case 'expression_statement':
      runExpressionStatement(node, ctx);
      return null;
    case 'import_statement':
    case 'import_from_statement':
      runImport(node, ctx.scope);
      return null;
    case 'if_statement':
      return runIf(node, ctx);
    case 'for_statement':
      return runFor(node, ctx);
    case 'while_statement':
    case 'with_statement':
    case 'try_statement': {
      const signal = body(node.childForFieldName('body'), ctx);
      return signal?.kind === 'return' ? signal : null;
    }
    case 'function_definition':
      defineFunction(node, [], ctx);
      return null;
    case 'decorated_definition':
      return runDecorated(node, ctx);
    case 'class_definition':
      defineClass(node, [], ctx);
      return null;
    case 'return_statement': {
      const value = node.namedChildren.find((child) => child.type !== 'comment');
      return { kind: 'return', value: value ? evaluate(value, ctx) : NONE };
    }
    case 'break_statement':
      return { kind: 'break' };
    case 'continue_statement':
      return { kind: 'continue' };
    default:
      return null;
  }
}

/**
 * The index of the cell's last statement when IPython shows its value (execute_result): a bare
 * expression (not an assignment), not ended by `;`. -1 otherwise.
 */
function shownExpressionIndex(statements: SyntaxNode[]): number {
  let index = statements.length - 1;
  while (index >= 0 && statements[index]?.type === 'comment') index -= 1;
  const last = statements[index];
  if (!last || last.type !== 'expression_statement') return -1;
  const parts = last.namedChildren.filter((child) => child.type !== 'comment');
  if (parts.length === 0 || parts.some((part) => ['assignment', 'augmented_assignment', 'yield'].includes(part.type))) return -1;
  let next = last.nextSibling;
  while (next?.type === 'comment') next = next.nextSibling;
  return next?.type === ';' ? -1 : index;
}

/** Runs a top-level cell; its last bare expression, when its value is not None, is a shown value. */
export function runCell(root: SyntaxNode, ctx: EvalContext): void {
  const statements = root.namedChildren;
  const shownIndex = shownExpressionIndex(statements);
  for (const [index, statement] of statements.entries()) {
    if (index !== shownIndex) {
      if (runStatement(statement, ctx)) return;
      continue;
    }
    ctx.interp.steps += 1;
    const parts = statement.namedChildren.filter((child) => child.type !== 'comment');
    const values = parts.map((part) => evaluate(part, withTarget(ctx, null)));
    const value: Value = values.length === 1 && values[0] ? values[0] : { kind: 'seq', items: values };
    if (value.kind !== 'none') recordShown(ctx, statement, 'expression', sourceOf(value), [value]);
  }
}

/**
 * Binds the parameters from the call's arguments: positional ones in order (self first for a method),
 * keywords by name, `*args` to the remaining positionals, `**kwargs` to the remaining keywords. A
 * parameter not given takes its default, unless a splat in the call could not be followed (it may hide
 * there): then it is not known.
 */
function bindParameters(fn: FunctionValue, args: Args, ctx: EvalContext): void {
  const parameters = fn.node.childForFieldName('parameters')?.namedChildren ?? [];
  const used = new Set<string>();
  let position = 0;
  let keywordOnly = false;
  for (const parameter of parameters) {
    if (parameter.type === 'keyword_separator') {
      keywordOnly = true;
      continue;
    }
    const nameNode = parameter.type === 'identifier' ? parameter : (parameter.childForFieldName('name') ?? parameter.namedChild(0));
    if (!nameNode || nameNode.type !== 'identifier') continue;
    const name = identifierName(nameNode);
    if (parameter.type === 'list_splat_pattern') {
      const rest = args.positional.slice(position);
      position = args.positional.length;
      keywordOnly = true;
      ctx.scope.vars.set(name, args.known ? { kind: 'seq', items: rest } : UNKNOWN);
      continue;
    }
    if (parameter.type === 'dictionary_splat_pattern') {
      const rest: DictValue = { kind: 'dict', entries: new Map(), complete: args.known };
      for (const [keyword, value] of args.keyword) if (!used.has(keyword)) rest.entries.set(keyword, value);
      ctx.scope.vars.set(name, rest);
      continue;
    }
    used.add(name);
    const given = args.keyword.get(name) ?? (keywordOnly ? undefined : args.positional[position]);
    if (!keywordOnly) position += 1;
    const defaultNode = parameter.childForFieldName('value');
    if (given) ctx.scope.vars.set(name, given);
    else ctx.scope.vars.set(name, args.known && defaultNode ? evaluate(defaultNode, ctx) : UNKNOWN);
  }
}

/**
 * Calls a user-defined function: its parameters bound in a fresh scope over the globals. A method gets
 * self as its first argument; `__class__` and `__self__` are kept for super().
 */
export function callFunction(fn: FunctionValue, args: Args, caller: EvalContext, bound?: BoundSelf): Value {
  const interp = caller.interp;
  if (interp.depth >= MAX_CALL_DEPTH) return UNKNOWN;
  const savedCell = interp.cell;
  const ctx: EvalContext = { interp, scope: { vars: new Map(), parent: interp.global }, target: null };
  const callArgs: Args = bound
    ? withProps(args, { positional: [bound.self, ...args.positional], positionalNodes: [undefined, ...args.positionalNodes] })
    : args;
  interp.depth += 1;
  interp.cell = fn.cell;
  try {
    if (bound) {
      ctx.scope.vars.set('__class__', bound.owner);
      ctx.scope.vars.set('__self__', bound.self);
    }
    bindParameters(fn, callArgs, ctx);
    const signal = body(fn.node.childForFieldName('body'), ctx);
    return signal?.kind === 'return' ? signal.value : NONE;
  } finally {
    interp.depth -= 1;
    interp.cell = savedCell;
  }
}
