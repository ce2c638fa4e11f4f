/**
 * Classes defined in the notebook, as values: class-level attributes (fields with their defaults,
 * methods), instances with their own attributes, `__init__` run with `self` bound, methods bound to their
 * instance, properties, and super(). Bases defined in the notebook are searched depth first (close
 * enough to Python's MRO for the classes students write); a library base (keras.Model, nn.Module,
 * pydantic's BaseModel) contributes nothing. Subclassing keras.Model is out of scope: the class's own code
 * runs, but no ModelSpec is built for it; fit / predict / evaluate on its instances are recorded by the
 * variable's name, as for any value the interpreter does not follow.
 */
import type { SyntaxNode } from './syntax-tree.js';
import { lastSegment } from './keras-symbols.js';
import type { EvalContext } from './state.js';
import { type Args, type ClassValue, type InstanceValue, UNKNOWN, type Value, argument, emptyArgs } from './values.js';

/** Inheritance chains longer than this are not followed further. */
const MAX_BASE_DEPTH = 32;

interface Found {
  value: Value;
  /** The class whose body holds the attribute. */
  owner: ClassValue;
}

/** The class attribute `name` of `cls` or of its notebook bases (depth first). */
export function lookupClass(cls: ClassValue, name: string): Found | undefined {
  const visit = (current: ClassValue, depth: number): Found | undefined => {
    const own = current.attrs.get(name);
    if (own) return { value: own, owner: current };
    if (depth >= MAX_BASE_DEPTH) return undefined;
    for (const base of current.bases) {
      if (base.kind !== 'class') continue;
      const found = visit(base, depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  return visit(cls, 0);
}

function decorators(value: Value): string[] {
  return value.kind === 'func' ? (value.decorators ?? []) : [];
}

/** A class attribute read through an instance: a method bound to it, a property run, a field's default. */
function member(found: Found, self: Value, ctx: EvalContext): Value {
  const { value, owner } = found;
  if (value.kind !== 'func') return value;
  const names = decorators(value);
  if (names.includes('staticmethod')) return value;
  if (names.includes('classmethod')) return { kind: 'bound', fn: value, self: self.kind === 'instance' ? self.cls : self, owner };
  if (names.includes('property') || names.includes('cached_property')) {
    return ctx.interp.callFunction(value, emptyArgs(), ctx, { self, owner });
  }
  return { kind: 'bound', fn: value, self, owner };
}

/** instance.name: its own attribute, else its class's; else an attribute not followed. */
export function instanceAttribute(instance: InstanceValue, name: string, selfText: string, ctx: EvalContext): Value {
  const own = instance.attrs.get(name);
  if (own) return own;
  const found = lookupClass(instance.cls, name);
  if (found) return member(found, instance, ctx);
  return { kind: 'method', self: instance, selfText, name };
}

/** Class.name: a field's value, a plain function (a classmethod bound to the class). */
export function classAttribute(cls: ClassValue, name: string, selfText: string): Value {
  const found = lookupClass(cls, name);
  if (!found) return { kind: 'method', self: cls, selfText, name };
  if (found.value.kind === 'func' && decorators(found.value).includes('classmethod')) {
    return { kind: 'bound', fn: found.value, self: cls, owner: found.owner };
  }
  return found.value;
}

/** super().name: looked up in the bases of the class that defines the running method. */
export function superAttribute(sup: Extract<Value, { kind: 'super' }>, name: string, selfText: string, ctx: EvalContext): Value {
  for (const base of sup.owner.bases) {
    if (base.kind !== 'class') continue;
    const found = lookupClass(base, name);
    if (found) return member(found, sup.self, ctx);
  }
  // a library base (keras.Model.__init__, …): not followed
  return { kind: 'method', self: UNKNOWN, selfText, name };
}

/** obj.name = value on a notebook instance or class; false when the object is not one. */
export function setAttribute(object: Value, name: string, value: Value): boolean {
  if (object.kind !== 'instance' && object.kind !== 'class') return false;
  object.attrs.set(name, value);
  return true;
}

/** The annotated fields of a class and its notebook bases, bases first (a dataclass's constructor order). */
function allFields(cls: ClassValue): string[] {
  const fields: string[] = [];
  const visit = (current: ClassValue, depth: number): void => {
    if (depth < MAX_BASE_DEPTH) {
      for (const base of [...current.bases].reverse()) if (base.kind === 'class') visit(base, depth + 1);
    }
    for (const field of current.fields) if (!fields.includes(field)) fields.push(field);
  };
  visit(cls, 0);
  return fields;
}

/**
 * Cls(…): an instance; `__init__` (of the class or a notebook base) runs with self bound. Without one, the
 * class is taken as a dataclass / pydantic model: positional arguments fill the annotated fields in order,
 * keyword arguments any field; a field not given keeps the class's default. `__post_init__` runs after.
 */
export function instantiate(cls: ClassValue, args: Args, _node: SyntaxNode, ctx: EvalContext): Value {
  const instance: InstanceValue = { kind: 'instance', cls, attrs: new Map() };
  const init = lookupClass(cls, '__init__');
  if (init?.value.kind === 'func') {
    ctx.interp.callFunction(init.value, args, ctx, { self: instance, owner: init.owner });
  } else {
    const fields = allFields(cls);
    fields.forEach((field, position) => {
      const given = args.keyword.get(field) ?? args.positional[position];
      if (given) instance.attrs.set(field, given);
      else if (!args.known) instance.attrs.set(field, UNKNOWN);
    });
    for (const [name, value] of args.keyword) if (!fields.includes(name)) instance.attrs.set(name, value);
  }
  const post = lookupClass(cls, '__post_init__');
  if (post?.value.kind === 'func') ctx.interp.callFunction(post.value, emptyArgs(), ctx, { self: instance, owner: post.owner });
  return instance;
}

/** `x: int = Field(30)` / `field(default=30)`: the field's default (unknown for a default_factory). */
export function fieldDefault(value: Value): Value {
  if (value.kind !== 'obj' || !['Field', 'field'].includes(lastSegment(value.path))) return value;
  return argument(value.args, 0, 'default') ?? UNKNOWN;
}

/** super() / super(Cls, self) inside a method: the running method's class and self. */
export function superOf(args: Args, lookup: (name: string) => Value | undefined): Value {
  const owner = args.positional[0] ?? lookup('__class__');
  const self = args.positional[1] ?? lookup('__self__');
  if (owner?.kind !== 'class' || !self) return UNKNOWN;
  return { kind: 'super', owner, self };
}
