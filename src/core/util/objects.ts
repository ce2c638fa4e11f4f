/**
 * `{ ...base, ...props }`, the same object (same keys, same order), built with Object.assign. In Node 20's
 * V8 an object literal that spreads an object and then adds properties takes a slow path: 0.7 µs for one
 * added property, 3 µs for four, against 0.1 µs here (bench/object-spread.ts). The rubric engine's
 * settle(), twelve such objects a notebook, took 84 ms of a 2,000-notebook run before.
 */
export function withProps<T extends object, U extends object>(base: T, props: U): Omit<T, keyof U> & U {
  return Object.assign({}, base, props);
}
