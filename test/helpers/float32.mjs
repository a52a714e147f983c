// @ts-check
// Float32 comparisons the tests share: bit-for-bit equality and distances in units in the last place.
import * as assert from 'uvu/assert';

/** Asserts two arrays hold the same values bit for bit (Object.is: -0 differs from 0, NaN equals NaN). */
export function assertSameBits(actual, expected, what) {
  assert.is(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i]))
      assert.unreachable(`${what} [${i}]: got ${actual[i]}, expected ${expected[i]}`);
  }
}

/** assertSameBits on every pair of two lists of arrays (the values of several tensors). */
export function assertSameBitsEach(actual, expected, what) {
  assert.is(actual.length, expected.length, `${what}: number of tensors`);
  actual.forEach((values, i) => assertSameBits(values, expected[i], `${what} ${i}`));
}

/** The spacing of float32 numbers at |v| (denormal spacing below the smallest normal). */
export function ulpOf(v) {
  const a = Math.abs(Math.fround(v));
  if (a < 2 ** -126) return 2 ** -149;
  if (!Number.isFinite(a)) return Infinity;
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  if (2 ** (e + 1) <= a) e++;
  return 2 ** (e - 23);
}

/** Distance in float32 units in the last place (both finite and non-negative). */
export function ulps(a, b) {
  const bits = new Int32Array(new Float32Array([a, b]).buffer);
  return Math.abs(bits[0] - bits[1]);
}
