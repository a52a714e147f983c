// @ts-check
// How a 'simd' result is judged against the 'cpu' one: NaN exactly where cpu has NaN, integers and bools
// exactly, floats within atol + rtol·max(|expected|, scale), where `scale` is the op applied to |inputs|
// for ops that sum (the condition of a sum, so that cancellation is not mistaken for a bug).

/** ±Infinity one step past the largest float32, so that rounding at the overflow threshold is one ulp, not ∞. */
const PAST_MAX_FLOAT = 2 ** 128;

function finiteOrEdge(v) {
  return v === Infinity ? PAST_MAX_FLOAT : v === -Infinity ? -PAST_MAX_FLOAT : v;
}

/** Whether `actual` matches `expected` for one element; `scale` ≥ 0, Infinity when the result is ill-conditioned. */
export function closeEnough(actual, expected, { rtol, atol, saturation = Infinity }, scale = 0) {
  // A sum whose finite terms overflow float32 has no defined float32 answer: the summation order decides
  // between ±Infinity, NaN (Infinity − Infinity) and a finite value.
  if (!Number.isFinite(scale)) return true;
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  // Past `saturation` (ops whose reference is another formula), overflow of an intermediate decides ±Infinity.
  if (Math.abs(actual) >= saturation && Math.abs(expected) >= saturation && Math.sign(actual) === Math.sign(expected))
    return true;
  if (Number.isNaN(actual)) return false;
  if (Object.is(actual, expected) || actual === expected) return true;
  const a = finiteOrEdge(actual);
  const e = finiteOrEdge(expected);
  return Math.abs(a - e) <= atol + rtol * Math.max(Math.abs(e), Math.abs(scale));
}

/** The first difference between two results ({ shape, dtype, values }), or null when they match. */
export function firstDifference(actual, expected, tol, scale, what) {
  if (JSON.stringify(actual.shape) !== JSON.stringify(expected.shape)) {
    return `${what}: shape [${actual.shape}] != cpu [${expected.shape}]`;
  }
  if (actual.dtype !== expected.dtype) return `${what}: dtype ${actual.dtype} != cpu ${expected.dtype}`;
  const exact = expected.dtype !== 'float32';
  for (let i = 0; i < expected.values.length; i++) {
    const a = Number(actual.values[i]);
    const e = Number(expected.values[i]);
    const ok = exact ? a === e : closeEnough(a, e, tol, scale ? scale[i] : 0);
    if (!ok) {
      const bound = exact
        ? 'exact'
        : `rtol ${tol.rtol}, atol ${tol.atol}${scale ? `, scale ${scale[i]}` : ''}${tol.saturation ? `, saturation ${tol.saturation}` : ''}`;
      return `${what}: index ${i}: simd ${a}, cpu ${e} (${bound})`;
    }
  }
  return null;
}
