/**
 * Freezes plain data (objects and arrays) all the way down, so that a value shared between notebooks cannot
 * be changed by one of them. Plain data only: evidence holds no syntax nodes (their lazy fields would then
 * refuse to fill).
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
  return value;
}
