// @ts-check
// Shared by the unit tests: the backends under test and numeric comparison against references.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as simd from '../../dist/index.js';

/** Seeded random data (random.mjs), re-exported: most tests take it with the rest from here. */
export { randomValues, rng } from './random.mjs';
export { simd, tf };

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

/** Copies of every tensor's values. */
export const valuesOf = (tensors) => tensors.map((t) => t.dataSync().slice());

/**
 * The active backend as a SimdBackend, for its own members (wasm, ptr, threadPool, …); call it with 'simd'
 * (or another backend of that class) active.
 * @returns {simd.SimdBackend}
 */
export const simdBackend = () => /** @type {simd.SimdBackend} */ (tf.backend());

/**
 * tf.memory() with the fields 'simd' adds (bytes in WASM memory, the memory's size).
 * @returns {simd.SimdMemoryInfo}
 */
export const simdMemory = () => /** @type {simd.SimdMemoryInfo} */ (tf.memory());
