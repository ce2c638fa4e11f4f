/** Statement execution: expression statements, imports, control flow, and user-defined functions. */
import type { Node } from 'web-tree-sitter';
import { bindTarget, runAssignment, runAugmentedAssignment } from './assignment.js';
import { evaluate } from './evaluate.js';
import { runImport } from './imports.js';
import { type EvalContext, identifierName } from './state.js';
import { type Args, type FunctionValue, NONE, UNKNOWN, type Value, truthiness } from './values.js';

type Signal = { kind: 'return'; value: Value } | { kind: 'break' } | { kind: 'continue' } | null;

const MAX_CALL_DEPTH = 8;
const MAX_LOOP_ITERATIONS = 100;
const MAX_STEPS = 10_000;

export function runBlock(statements: Node[], ctx: EvalContext): Signal {
  for (const statement of statements) {
    const signal = runStatement(statement, ctx);
    if (signal) return signal;
  }
  return null;
}

function body(node: Node | null, ctx: EvalContext): Signal {
  return node ? runBlock(node.namedChildren, ctx) : null;
}

function runExpressionStatement(node: Node, ctx: EvalContext): void {
  for (const child of node.namedChildren) {
    if (child.type === 'assignment') runAssignment(child, ctx);
    else if (child.type === 'augmented_assignment') runAugmentedAssignment(child, ctx);
    else evaluate(child, { ...ctx, target: null });
  }
}

/** The first branch whose condition is not known to be false. */
function runIf(node: Node, ctx: EvalContext): Signal {
  const condition = node.childForFieldName('condition');
  if (!condition || truthiness(evaluate(condition, ctx)) !== false) return body(node.childForFieldName('consequence'), ctx);
  for (const alternative of node.childrenForFieldName('alternative')) {
    const test = alternative.childForFieldName('condition');
    if (test && truthiness(evaluate(test, ctx)) === false) continue;
    return body(alternative.childForFieldName('body') ?? alternative.childForFieldName('consequence'), ctx);
  }
  return null;
}

/** Loops over a known sequence are unrolled; any other loop body runs once. */
function runFor(node: Node, ctx: EvalContext): Signal {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  const iterable = right ? evaluate(right, ctx) : UNKNOWN;
  const items = iterable.kind === 'seq' ? iterable.items.slice(0, MAX_LOOP_ITERATIONS) : [UNKNOWN];
  for (const [iteration, item] of items.entries()) {
    if (iteration > 0 && ctx.interp.steps > MAX_STEPS) break;
    if (left) bindTarget(left, item, ctx);
    const signal = body(node.childForFieldName('body'), ctx);
    if (signal?.kind === 'return') return signal;
    if (signal?.kind === 'break') break;
  }
  return null;
}

function runStatement(node: Node, ctx: EvalContext): Signal {
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
    case 'function_definition': {
      const name = node.childForFieldName('name');
      if (name) ctx.scope.vars.set(identifierName(name), { kind: 'func', node, cell: ctx.interp.cell });
      return null;
    }
    case 'decorated_definition': {
      const definition = node.childForFieldName('definition');
      return definition ? runStatement(definition, ctx) : null;
    }
    case 'class_definition': {
      const name = node.childForFieldName('name');
      if (name) ctx.scope.vars.set(identifierName(name), UNKNOWN);
      return null;
    }
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

function bindParameters(fn: FunctionValue, args: Args, ctx: EvalContext): void {
  const parameters = fn.node.childForFieldName('parameters')?.namedChildren ?? [];
  parameters.forEach((parameter, position) => {
    const nameNode = parameter.type === 'identifier' ? parameter : parameter.childForFieldName('name') ?? parameter.namedChild(0);
    if (!nameNode || nameNode.type !== 'identifier') return;
    const name = identifierName(nameNode);
    const defaultNode = parameter.childForFieldName('value');
    const given = args.keyword.get(name) ?? args.positional[position];
    ctx.scope.vars.set(name, given ?? (defaultNode ? evaluate(defaultNode, ctx) : UNKNOWN));
  });
}

/** Calls a user-defined function: its parameters bound in a fresh scope over the globals. */
export function callFunction(fn: FunctionValue, args: Args, caller: EvalContext): Value {
  const interp = caller.interp;
  if (interp.depth >= MAX_CALL_DEPTH) return UNKNOWN;
  const savedCell = interp.cell;
  const ctx: EvalContext = { interp, scope: { vars: new Map(), parent: interp.global }, target: null };
  interp.depth += 1;
  interp.cell = fn.cell;
  try {
    bindParameters(fn, args, ctx);
    const signal = body(fn.node.childForFieldName('body'), ctx);
    return signal?.kind === 'return' ? signal.value : NONE;
  } finally {
    interp.depth -= 1;
    interp.cell = savedCell;
  }
}
