/** Ends an exhaustive `switch`: a new union member makes the build fail here. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
