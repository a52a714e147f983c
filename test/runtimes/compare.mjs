// @ts-check
// Compares the numbers two runtimes computed in the portable checks, leaf by leaf.

/** Every number in a nested result, keyed by its path ('matMul[3]', 'vaeTraining.steps[0]'). */
export function numericLeaves(value, path = '', out = new Map()) {
  if (typeof value === 'number') out.set(path, value);
  else if (Array.isArray(value)) value.forEach((v, i) => numericLeaves(v, `${path}[${i}]`, out));
  else if (value != null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) numericLeaves(v, path ? `${path}.${key}` : key, out);
  }
  return out;
}

/**
 * Differences beyond `tolerance` ({ rtol, atol }) between `actual` and `expected` numbers, and the largest
 * relative difference seen. Only the checks' numbers are compared (the build and features may differ).
 */
export function compareNumbers(actual, expected, tolerance) {
  const a = numericLeaves(actual);
  const e = numericLeaves(expected);
  const mismatches = [];
  let maxRelative = 0;
  for (const [path, want] of e) {
    const got = a.get(path);
    if (got === undefined) {
      mismatches.push(`${path}: missing`);
      continue;
    }
    const diff = Math.abs(got - want);
    maxRelative = Math.max(maxRelative, diff / Math.max(Math.abs(want), 1e-30));
    if (!(diff <= tolerance.atol + tolerance.rtol * Math.abs(want)))
      mismatches.push(`${path}: ${got}, expected ${want}`);
  }
  return { mismatches, maxRelative };
}
