/** Interpreter state: scopes, the facts gathered so far, and the evaluation context passed around. */
import type { SyntaxNode } from './syntax-tree.js';
import type { CodeEvidence, Location } from '../../types.js';
import type { Args, ClassValue, FunctionValue, Value } from './values.js';

export interface Scope {
  vars: Map<string, Value>;
  parent: Scope | null;
}

/** The code facts gathered so far: the code evidence but for the syntax errors (collected per cell). */
export type Facts = Omit<CodeEvidence, 'syntaxErrors'>;

/** A name some cell imports, with what the import binds: used when the name is unbound in execution order. */
export interface KnownImport {
  value: Value;
  cell: number;
}

/** A method call's receiver: `self` and the class whose body defines the method (for super()). */
export interface BoundSelf {
  self: Value;
  owner: ClassValue;
}

export interface Interpreter {
  /** Index (among all notebook cells) of the cell whose code is running (a function's own cell while it runs). */
  cell: number;
  /** Index of the top-level cell being run: its outputs hold what the run printed. */
  topCell: number;
  /** The counter shared by fits, calls and shown values, in execution order. */
  seq: number;
  facts: Facts;
  global: Scope;
  /** Names imported anywhere in the notebook (first import in execution order). */
  imports: Map<string, KnownImport>;
  /** `name@from@usedIn` of the assumed imports already recorded. */
  assumedSeen: Set<string>;
  /** Names the running top-level cell's saved outputs report as not defined (NameError): never assumed. */
  undefinedNames: Set<string>;
  /** Nesting depth of user-function calls (bounded). */
  depth: number;
  /** Statements run so far; unrolled loops stop when the budget is spent. */
  steps: number;
  /** Nesting depth of the expression (or assignment target) being evaluated (bounded: see MAX_NESTING). */
  nesting: number;
  /** Runs a user-defined function (a method with `bound`); installed by the statement runner. */
  callFunction: (fn: FunctionValue, args: Args, ctx: EvalContext, bound?: BoundSelf) => Value;
  /** Evaluates a call expression; installed from calls.ts (which itself evaluates arguments: no import cycle). */
  evaluateCall: (node: SyntaxNode, ctx: EvalContext) => Value;
}

export interface EvalContext {
  interp: Interpreter;
  scope: Scope;
  /** Variable the expression being evaluated is assigned to ('a, b' for tuple targets), if any. */
  target: string | null;
}

/** The context with another target (written out: a spread with an added property is slow, util/objects.ts). */
export const withTarget = (ctx: EvalContext, target: string | null): EvalContext => ({ interp: ctx.interp, scope: ctx.scope, target });

/**
 * Deepest expression nesting the interpreter follows. CPython itself refuses more than 200 nested
 * brackets; deeper code (or a 10,000-term chain of `+`) would otherwise exhaust the JavaScript stack.
 */
export const MAX_NESTING = 400;

/** Thrown when a cell's code nests deeper than MAX_NESTING; the cell is then reported as not analysed. */
export class NestingLimitError extends Error {
  constructor() {
    super(`the code nests more than ${MAX_NESTING} levels deep`);
    this.name = 'NestingLimitError';
  }
}

/** Runs `work` one nesting level deeper, or throws NestingLimitError past MAX_NESTING. */
export function nested<T>(ctx: EvalContext, work: () => T): T {
  const interp = ctx.interp;
  if (interp.nesting >= MAX_NESTING) throw new NestingLimitError();
  interp.nesting += 1;
  try {
    return work();
  } finally {
    interp.nesting -= 1;
  }
}

export function location(ctx: EvalContext, node: SyntaxNode): Location {
  return { cell: ctx.interp.cell, line: node.startPosition.row + 1 };
}

/** The next number of the shared fit / call / shown counter. */
export function nextSeq(ctx: EvalContext): number {
  const seq = ctx.interp.seq;
  ctx.interp.seq += 1;
  return seq;
}

export function lookupVariable(scope: Scope, name: string): Value | undefined {
  for (let current: Scope | null = scope; current; current = current.parent) {
    const value = current.vars.get(name);
    if (value) return value;
  }
  return undefined;
}

/** Identifier text, NFKC-normalised as Python does (so `ﬁt` is `fit`). */
export function identifierName(node: SyntaxNode): string {
  return nfkc(node.text);
}

/** Source text with runs of whitespace collapsed (for targets and inputs as written). */
export function compactText(node: SyntaxNode): string {
  return nfkc(node.text).replace(/\s+/g, ' ').trim();
}

const ASCII = /^[\x00-\x7f]*$/;

/** NFKC (Python's identifier normalisation); ASCII text, nearly every name, is its own NFKC and skips ICU. */
function nfkc(text: string): string {
  return ASCII.test(text) ? text : text.normalize('NFKC');
}
