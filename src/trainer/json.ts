/**
 * Deterministic JSON text: object keys sorted, two-space indentation, arrays of numbers kept on one
 * line ([60000, 28, 28]), a trailing newline. Same value → same bytes.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isPrimitive(v: unknown): boolean {
  return v === null || typeof v !== 'object';
}

/** Converts to plain JSON data (drops undefined, rejects non-finite numbers). */
function toJson(value: unknown, path: string): Json {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`non-finite number at ${path}`);
    return value;
  }
  if (Array.isArray(value)) return value.map((v, i) => toJson(v, `${path}[${i}]`));
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(value).sort()) {
      const v: unknown = Reflect.get(value, key);
      if (v !== undefined) out[key] = toJson(v, `${path}.${key}`);
    }
    return out;
  }
  throw new TypeError(`cannot write ${typeof value} at ${path}`);
}

function format(v: Json, indent: string): string {
  if (isPrimitive(v)) return JSON.stringify(v);
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    if (v.every(isPrimitive)) return `[${v.map((x) => JSON.stringify(x)).join(', ')}]`;
    return `[\n${v.map((x) => inner + format(x, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(v as { [key: string]: Json });
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${format(x, inner)}`).join(',\n')}\n${indent}}`;
}

export function stableJson(value: unknown): string {
  return `${format(toJson(value, '$'), '')}\n`;
}
