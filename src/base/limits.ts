/**
 * Checks a numeric limit option at a module boundary and returns it, or throws for a programmer
 * or configuration error (limits are never protocol outcomes).
 */
export function checkLimit(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
  return value;
}
