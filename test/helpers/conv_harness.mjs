// @ts-check
// Shared by the conv tests: run one tfjs expression on 'simd' and on 'cpu' over the same random inputs and
// compare every output (values and gradients), and check that 'simd' leaves no tensor behind.
import '@tensorflow/tfjs'; // registers the gradients of tfjs-core's ops
import { assertClose, onBackend, randomValues, tf } from './setup.mjs';
import { size } from './shapes.mjs';

/**
 * Shapes, strides and paddings of the conv tables.
 * @typedef {[number, number, number, number]} Shape4
 * @typedef {number | [number, number]} Pair
 * @typedef {'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]]} Pad
 */

/**
 * Fresh random float32 inputs for each shape (values in [-1, 1)).
 * @param {number[][]} shapes
 * @param {() => number} random
 */
export function randomInputs(shapes, random) {
  return shapes.map((shape) => ({ shape, values: randomValues(size(shape), random) }));
}

async function evaluate(backend, inputs, fn) {
  return onBackend(backend, async () => {
    const before = tf.memory().numTensors;
    const tensors = inputs.map(({ shape, values }) => tf.tensor(values, shape));
    const outputs = tf.tidy(() => {
      const out = fn(...tensors);
      return Array.isArray(out) ? out : [out];
    });
    const values = await Promise.all(outputs.map((t) => t.data()));
    const shapes = outputs.map((t) => t.shape);
    tf.dispose([...outputs, ...tensors]);
    const leaked = tf.memory().numTensors - before;
    return { values, shapes, leaked };
  });
}

/**
 * Asserts fn(...inputs) agrees on 'simd' and 'cpu': same shapes, values within atol + rtol·|cpu| (float32
 * sums in a different order: the tolerance scales with the number of terms through `atol`).
 * @param {Array<{ shape: number[], values: Float32Array }>} inputs
 * @param {(...tensors: any[]) => tf.Tensor | tf.Tensor[]} fn
 * @param {{ rtol?: number, atol?: number, what?: string }} [options]
 */
export async function assertMatchesCpu(inputs, fn, { rtol = 1e-4, atol = 1e-4, what = 'values' } = {}) {
  const expected = await evaluate('cpu', inputs, fn);
  const actual = await evaluate('simd', inputs, fn);
  if (actual.leaked !== 0) throw new Error(`${what}: ${actual.leaked} tensors leaked on 'simd'`);
  if (JSON.stringify(actual.shapes) !== JSON.stringify(expected.shapes)) {
    throw new Error(`${what}: shapes ${JSON.stringify(actual.shapes)} != ${JSON.stringify(expected.shapes)}`);
  }
  actual.values.forEach((v, i) => assertClose(v, expected.values[i], { rtol, atol, what: `${what} output ${i}` }));
}

/**
 * The value of f and its gradients with respect to every input, weighted by a fixed random cotangent.
 * @param {(...tensors: any[]) => tf.Tensor} f
 */
export function withGradients(f, cotangentSeed = 7) {
  return (...xs) => {
    const y = f(...xs);
    const weights = tf.randomUniform(y.shape, -1, 1, 'float32', cotangentSeed);
    const grads = tf.grads((...args) => tf.sum(tf.mul(f(...args), weights)))(xs);
    return [y, ...grads];
  };
}
