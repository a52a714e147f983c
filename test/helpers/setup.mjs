// Shared by the unit tests: the backends under test and numeric comparison against references.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as simd from '../../dist/index.js';

export { tf, simd };

/** Runs `fn` with backend `name` active, then restores the previous backend. */
export async function onBackend(name, fn) {
  const previous = tf.getBackend();
  await tf.setBackend(name);
  try {
    return await fn();
  } finally {
    if (previous) await tf.setBackend(previous);
  }
}

/** A deterministic pseudo-random generator (the package's mulberry32), so a failing case can be replayed by its seed. */
export { mulberry32 as rng } from '../../dist/data/random.js';

/** `size` uniform values in [lo, hi), as float32. */
export function randomValues(size, random, lo = -1, hi = 1) {
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = lo + (hi - lo) * random();
  return values;
}

/**
 * Asserts |actual - expected| <= atol + rtol * |expected| element-wise; NaN must match NaN and
 * infinities must match exactly. Throws with the first offending index.
 */
export function assertClose(actual, expected, { rtol = 1e-5, atol = 1e-6, what = 'values' } = {}) {
  if (actual.length !== expected.length) {
    throw new Error(`${what}: length ${actual.length} != expected ${expected.length}`);
  }
  for (let i = 0; i < expected.length; i++) {
    const a = Number(actual[i]);
    const e = Number(expected[i]);
    if (Number.isNaN(e) ? !Number.isNaN(a) : !(Math.abs(a - e) <= atol + rtol * Math.abs(e) || a === e)) {
      throw new Error(`${what}: index ${i}: got ${a}, expected ${e} (rtol ${rtol}, atol ${atol})`);
    }
  }
}
