// @ts-check
// Bincount and DenseBincount on 'simd' against tfjs-backend-cpu, bit for bit, on fresh random data: vectors
// and matrices of odd sizes, empty ones, counts, float32 weights of wide magnitudes (each addition rounded as
// cpu's Float32Array rounds it), int32 weights that wrap, binary output, values at and beyond `size`; cpu's
// error for a negative value; tfjs-layers' CategoryEncoding.
import * as tfl from '@tensorflow/tfjs-layers';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { onBackend, rng, simd, tf } from '../helpers/setup.mjs';

const random = rng(41);

/**
 * The result of fn on a backend, as plain data (or the error's message).
 * @param {string} backend
 * @param {() => tf.Tensor} fn
 */
const resultOn = (backend, fn) =>
  onBackend(backend, () => {
    const before = tf.memory().numTensors;
    try {
      const out = tf.tidy(fn);
      const result = { dtype: out.dtype, shape: out.shape, values: Array.from(out.dataSync()) };
      out.dispose();
      return result;
    } catch (error) {
      return { error: /** @type {Error} */ (error).message };
    } finally {
      assert.is(tf.memory().numTensors, before, `${backend}: no tensor left behind`);
    }
  });

/**
 * Asserts fn gives the same dtype, shape and values (compared with Object.is) or the same error on both.
 * @param {() => tf.Tensor} fn
 * @param {string} what
 */
async function assertSameAsCpu(fn, what) {
  const expected = await resultOn('cpu', fn);
  const actual = await resultOn('simd', fn);
  assert.equal(actual.error, expected.error, `${what}: error`);
  if (expected.error) return;
  assert.is(actual.dtype, expected.dtype, `${what}: dtype`);
  assert.equal(actual.shape, expected.shape, `${what}: shape`);
  expected.values.forEach((v, i) => {
    if (!Object.is(actual.values[i], v))
      assert.unreachable(`${what}: [${i}] is ${actual.values[i]} on simd, ${v} on cpu`);
  });
}

/** Int32 values in [0, limit). */
const ints = (n, limit) => Int32Array.from({ length: n }, () => Math.floor(random() * limit));

/** Float32 weights of magnitudes from 1e-8 to 1e8, either sign: sums that round at every step. */
const floats = (n) =>
  Float32Array.from({ length: n }, () => (random() < 0.5 ? -1 : 1) * 10 ** (random() * 16 - 8) * random());

const SIZES = [0, 1, 3, 17, 255];

test('bincount of vectors: counts, float and int32 weights, values at and beyond size', async () => {
  for (const n of [0, 1, 3, 17, 255, 1000]) {
    for (const size of SIZES) {
      const values = ints(n, size + 3);
      const what = `n ${n}, size ${size}`;
      await assertSameAsCpu(
        () => tf.bincount(tf.tensor1d(values, 'int32'), tf.tensor1d([], 'float32'), size),
        `${what} count`,
      );
      const weights = floats(n);
      await assertSameAsCpu(
        () => tf.bincount(tf.tensor1d(values, 'int32'), tf.tensor1d(weights), size),
        `${what} float`,
      );
      // Int32 weights near the limits: the sums wrap as cpu's Int32Array wraps them.
      const big = Int32Array.from({ length: n }, () => Math.floor((random() * 2 - 1) * 2 ** 31));
      await assertSameAsCpu(
        () => tf.bincount(tf.tensor1d(values, 'int32'), tf.tensor1d(big, 'int32'), size),
        `${what} int32`,
      );
    }
  }
});

test('denseBincount of matrices: counts, weights and binary output, row by row', async () => {
  for (const [rows, cols] of [
    [1, 1],
    [3, 17],
    [17, 3],
    [0, 5],
    [4, 0],
    [33, 65],
  ]) {
    for (const size of SIZES) {
      const values = ints(rows * cols, size + 2);
      const x = () => tf.tensor2d(values, [rows, cols], 'int32');
      /** No weights: an empty tensor, which the op's types do not foresee for a matrix. */
      const none = () => /** @type {tf.Tensor2D} */ (/** @type {unknown} */ (tf.tensor1d([], 'float32')));
      const what = `[${rows}, ${cols}], size ${size}`;
      await assertSameAsCpu(() => tf.denseBincount(x(), none(), size), `${what} count`);
      await assertSameAsCpu(() => tf.denseBincount(x(), none(), size, true), `${what} binary`);
      const weights = floats(rows * cols);
      await assertSameAsCpu(() => tf.denseBincount(x(), tf.tensor2d(weights, [rows, cols]), size), `${what} float`);
      await assertSameAsCpu(
        () => tf.denseBincount(x(), tf.tensor2d(ints(rows * cols, 100), [rows, cols], 'int32'), size, true),
        `${what} int32 binary`,
      );
    }
  }
});

test('denseBincount of a vector counts whatever binaryOutput says, as on cpu', async () => {
  const values = ints(40, 6);
  await assertSameAsCpu(
    () => tf.denseBincount(tf.tensor1d(values, 'int32'), tf.tensor1d([], 'float32'), 5, true),
    'binary vector',
  );
});

test("a negative value gets cpu's error, and the backend goes on", async () => {
  for (const make of [
    () => tf.bincount(tf.tensor1d([1, -1, 2], 'int32'), tf.tensor1d([], 'float32'), 4),
    () =>
      tf.denseBincount(
        tf.tensor2d(
          [
            [0, 1],
            [2, -5],
          ],
          [2, 2],
          'int32',
        ),
        /** @type {tf.Tensor2D} */ (/** @type {unknown} */ (tf.tensor1d([], 'int32'))),
        4,
      ),
  ]) {
    await assertSameAsCpu(make, 'negative value');
    const actual = await resultOn('simd', make);
    assert.is(actual.error, 'Input x must be non-negative!');
  }
  await assertSameAsCpu(
    () => tf.bincount(tf.tensor1d([0, 1], 'int32'), tf.tensor1d([], 'float32'), 2),
    'after the error',
  );
});

test('run natively', () => {
  const { native, fallback } = simd.kernelCoverage();
  for (const name of ['Bincount', 'DenseBincount']) assert.ok(native.includes(name) && !fallback.includes(name), name);
});

test("tfjs-layers' CategoryEncoding (multiHot, count, oneHot) gives cpu's values", async () => {
  const tokens = ints(3 * 7, 9);
  for (const outputMode of /** @type {const} */ (['multiHot', 'count'])) {
    await assertSameAsCpu(
      () =>
        /** @type {tf.Tensor} */ (
          tfl.layers.categoryEncoding({ numTokens: 9, outputMode }).apply(tf.tensor2d(tokens, [3, 7], 'int32'))
        ),
      outputMode,
    );
  }
  await assertSameAsCpu(
    () =>
      /** @type {tf.Tensor} */ (
        tfl.layers
          .categoryEncoding({ numTokens: 9, outputMode: 'oneHot' })
          .apply(tf.tensor1d(tokens.slice(0, 5), 'int32'))
      ),
    'oneHot',
  );
});

test.run();
