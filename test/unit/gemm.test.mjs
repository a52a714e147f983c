// @ts-check
// BatchMatMul and _FusedMatMul on 'simd' against a float64 reference (tolerance: see gemm_reference.mjs,
// a rigorous float32 summation bound γ(K+1)·Σ|a·b| per element plus 4 ulps for the activation).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkMatMul as check } from '../helpers/gemm_harness.mjs';
import { onBackend, rng, tf } from '../helpers/setup.mjs';

const SIZES = [0, 1, 2, 3, 7, 17, 33, 255, 256, 257];
const TRANSPOSES = [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
];
const random = rng(3);
const checkMatMul = (spec) => check(random, spec);

test('every size in each dimension, all transposes', async () => {
  for (const s of SIZES) {
    for (const [transposeA, transposeB] of TRANSPOSES) {
      await checkMatMul({ m: s, n: 17, k: 33, transposeA, transposeB });
      await checkMatMul({ m: 33, n: s, k: 17, transposeA, transposeB });
      await checkMatMul({ m: 17, n: 33, k: s, transposeA, transposeB });
    }
  }
});

test('every mix of small sizes, all transposes', async () => {
  const small = [0, 1, 2, 3, 7, 17];
  for (const m of small)
    for (const n of small)
      for (const k of small) {
        for (const [transposeA, transposeB] of TRANSPOSES) await checkMatMul({ m, n, k, transposeA, transposeB });
      }
});

test('large and block-crossing mixes (255-257, 1023), all transposes', async () => {
  const mixes = [
    [255, 256, 257],
    [257, 255, 256],
    [256, 257, 255],
    [1023, 33, 257],
    [257, 1023, 33],
    [33, 257, 1023],
  ];
  for (const [m, n, k] of mixes) {
    for (const [transposeA, transposeB] of TRANSPOSES) await checkMatMul({ m, n, k, transposeA, transposeB });
  }
});

test('batch broadcasting', async () => {
  const cases = [
    [[3], [3]],
    [[1], [4]],
    [[4], [1]],
    [[4], []],
    [[], [2]],
    [[2, 3], [3]],
    [
      [2, 1],
      [1, 3],
    ],
    [
      [2, 3],
      [2, 3],
    ],
  ];
  for (const [batchA, batchB] of cases) {
    for (const [transposeA, transposeB] of TRANSPOSES) {
      await checkMatMul({ m: 7, n: 9, k: 17, batchA, batchB, transposeA, transposeB });
      await checkMatMul({ m: 33, n: 3, k: 5, batchA, batchB, transposeA, transposeB });
    }
  }
});

test('fused bias and every activation, bias shapes broadcast', async () => {
  const activations = ['linear', 'relu', 'relu6', 'elu', 'leakyrelu', 'prelu', 'sigmoid'];
  const biasShapes = [undefined, [], [1], [19], [13, 19], [13, 1], [2, 1, 19], [2, 13, 19]];
  for (const activation of activations) {
    for (const biasShape of biasShapes) {
      for (const [transposeA, transposeB] of TRANSPOSES) {
        const fused = { activation, biasShape, alpha: 0.3 };
        if (activation === 'prelu') fused.preluShape = biasShape?.length ? biasShape : [19];
        // 13 × 19: full 4×8 tiles and edge tiles; k = 300 crosses a 256-deep block, so the epilogue
        // must run once, after the last block.
        await checkMatMul({ m: 13, n: 19, k: 300, batchA: [2], batchB: [2], transposeA, transposeB, fused });
        await checkMatMul({ m: 13, n: 19, k: 5, batchA: [2], batchB: [], transposeA, transposeB, fused });
      }
    }
  }
});

test('fused epilogue on an empty sum (k = 0) and on empty outputs', async () => {
  for (const activation of ['linear', 'relu', 'elu', 'sigmoid']) {
    await checkMatMul({
      m: 3,
      n: 5,
      k: 0,
      transposeA: false,
      transposeB: false,
      fused: { activation, biasShape: [5] },
    });
    await checkMatMul({ m: 0, n: 5, k: 4, transposeA: false, transposeB: true, fused: { activation, biasShape: [5] } });
  }
});

test('NaN and infinity propagate like the reference', async () => {
  const a = new Float32Array([NaN, 1, 2, 3, Infinity, 0, 1, 1]);
  const b = new Float32Array([1, 2, 3, 4, 5, 6, 7, 8]);
  const expected = await onBackend('cpu', () => tf.matMul(tf.tensor(a, [2, 4]), tf.tensor(b, [4, 2])).data());
  const actual = await onBackend('simd', () => tf.matMul(tf.tensor(a, [2, 4]), tf.tensor(b, [4, 2])).data());
  assert.equal(Array.from(actual), Array.from(expected));
});

test('bad shapes throw the same error as on cpu and leave nothing behind', async () => {
  const cases = [
    () => tf.matMul(tf.ones([3]), tf.ones([3, 1])),
    () => tf.matMul(tf.ones([2, 3]), tf.ones([4, 5])),
    () => tf.matMul(tf.ones([2, 2, 3]), tf.ones([3, 3, 4])),
    () => tf.fused.matMul({ a: tf.ones([2, 3]), b: tf.ones([3, 4]), bias: tf.ones([3]) }),
  ];
  const errorOn = (backend, fn) =>
    onBackend(backend, () => {
      try {
        tf.tidy(fn);
      } catch (e) {
        return e.message;
      }
      return null;
    });
  for (const fn of cases) {
    const expected = await errorOn('cpu', fn);
    assert.ok(expected != null);
    const before = await onBackend('simd', () => tf.memory().numTensors);
    assert.is(await errorOn('simd', fn), expected);
    assert.is(await onBackend('simd', () => tf.memory().numTensors), before);
  }
});

test('int32 products run on the CPU kernel and match it exactly', async () => {
  const a = Int32Array.from({ length: 3 * 17 * 5 }, () => Math.floor(random() * 200 - 100));
  const b = Int32Array.from({ length: 5 * 7 }, () => Math.floor(random() * 200 - 100));
  const run = () => tf.matMul(tf.tensor(a, [3, 17, 5], 'int32'), tf.tensor(b, [5, 7], 'int32')).data();
  const expected = await onBackend('cpu', run);
  const actual = await onBackend('simd', run);
  assert.ok(actual instanceof Int32Array);
  assert.equal(Array.from(actual), Array.from(expected));
});

test('dense-layer forward and backprop products (VAE encoder shapes)', async () => {
  // y = x·W, dx = dy·Wᵀ, dW = xᵀ·dy for x [100, 784], W [784, 500].
  await checkMatMul({
    m: 100,
    n: 500,
    k: 784,
    transposeA: false,
    transposeB: false,
    fused: { activation: 'relu', biasShape: [500] },
  });
  await checkMatMul({ m: 100, n: 784, k: 500, transposeA: false, transposeB: true });
  await checkMatMul({ m: 784, n: 500, k: 100, transposeA: true, transposeB: false });
});

test.run();
