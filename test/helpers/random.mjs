// @ts-check
// Seeded random data for the tests and the fuzzer: a failing case can be replayed from its seed.

/** A deterministic pseudo-random generator (the package's mulberry32) of uniform numbers in [0, 1). */
export { mulberry32 as rng } from '../../dist/data/random.js';

/** `count` uniform values in [lo, hi), as float32. */
export function randomValues(count, random, lo = -1, hi = 1) {
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = lo + (hi - lo) * random();
  return values;
}
