// @ts-check
// Shared by the element-wise tests: run one kernel on 'cpu' and on 'simd' from the same values.
import { ulpOf } from './float32.mjs';
import { onBackend, randomValues, tf } from './setup.mjs';

/** Values that every element-wise kernel must treat like tfjs-backend-cpu. */
export const SPECIAL_VALUES = [
  NaN,
  Infinity,
  -Infinity,
  0,
  -0,
  1,
  -1,
  0.5,
  -0.5,
  2.5,
  -2.5,
  1e-40,
  -1e-40,
  1.4e-45,
  3e38,
  -3e38,
  1e-20,
  88.7,
  -103,
];

/** A float32 array of `size` random values in [lo, hi), with special values sprinkled in when asked. */
export function valuesWithSpecials(size, random, lo, hi, specials = false) {
  const values = randomValues(size, random, lo, hi);
  if (specials) {
    for (let i = 0; i < size; i += 3) values[i] = SPECIAL_VALUES[Math.floor(random() * SPECIAL_VALUES.length)];
  }
  return values;
}

/**
 * Runs kernel `name` on `backend` with inputs made from `[values, shape, dtype]` specs; returns
 * { data, shape, dtype } of the (first) output and checks that no tensor leaks.
 */
export async function runKernelOn(backend, name, inputSpecs, attrs = {}) {
  return onBackend(backend, async () => {
    const before = tf.memory().numTensors;
    // An array of specs gives an array of inputs, as AddN takes them.
    const inputs = Array.isArray(inputSpecs) ? [] : {};
    for (const [key, [values, shape, dtype = 'float32']] of Object.entries(inputSpecs)) {
      inputs[key] = tf.tensor(values, shape, dtype);
    }
    const result = tf.engine().runKernel(name, inputs, attrs);
    const out = Array.isArray(result) ? result[0] : result;
    const output = { data: Array.from(await out.data()), shape: out.shape, dtype: out.dtype };
    tf.dispose([result, ...Object.values(inputs)]);
    const leaked = tf.memory().numTensors - before;
    if (leaked !== 0) throw new Error(`${name} on ${backend} leaked ${leaked} tensors`);
    return output;
  });
}

/** Runs a kernel on both backends; returns [simd, cpu] outputs after checking shape and dtype agree. */
export async function runOnBoth(name, inputSpecs, attrs = {}) {
  const simdOut = await runKernelOn('simd', name, inputSpecs, attrs);
  const cpuOut = await runKernelOn('cpu', name, inputSpecs, attrs);
  const describe = (o) => `${o.dtype}[${o.shape}]`;
  if (describe(simdOut) !== describe(cpuOut)) {
    throw new Error(`${name}: simd gives ${describe(simdOut)}, cpu ${describe(cpuOut)}`);
  }
  return [simdOut, cpuOut];
}

/** Largest error of `actual` (float32) against a float64 `reference`, in float32 ulps; specials must match. */
export function maxUlpError(actual, inputs, reference, what) {
  let worst = 0;
  let worstAt = -1;
  for (let i = 0; i < inputs.length; i++) {
    const expected = reference(inputs[i]);
    const got = actual[i];
    if (Number.isNaN(expected) || !Number.isFinite(Math.fround(expected))) {
      const same = Number.isNaN(expected) ? Number.isNaN(got) : got === Math.fround(expected);
      if (!same) throw new Error(`${what}(${inputs[i]}): got ${got}, expected ${Math.fround(expected)}`);
      continue;
    }
    if (Number.isNaN(got)) throw new Error(`${what}(${inputs[i]}): got NaN, expected ${expected}`);
    const error = Math.abs(got - expected) / ulpOf(expected);
    if (error > worst) {
      worst = error;
      worstAt = i;
    }
  }
  return { worst, at: inputs[worstAt] };
}
