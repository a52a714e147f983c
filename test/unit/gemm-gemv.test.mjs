// @ts-check
// The unpacked products (assembly/gemm/gemv.ts): M ≤ 3 rows of A, and N = 1, on 'simd' against a float64
// reference on fresh random data in [-1, 1). Bound per element (gemm_reference.mjs): |c − exact| ≤
// γ(K+1)·(Σ_k |a_ik·b_kj| + |bias_ij|) + 4·u·|exact|, γ(n) = n·u / (1 − n·u), u = 2⁻²⁴ — the worst case
// of any float32 summation order, plus a few ulps for the activation.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkMatMul as check } from '../helpers/gemm_harness.mjs';
import { onBackend, rng, tf } from '../helpers/setup.mjs';

const SIZES = [1, 2, 3, 7, 17, 33, 255, 256, 257, 1023];
const TRANSPOSES = [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
];
const ACTIVATIONS = ['linear', 'relu', 'relu6', 'elu', 'leakyrelu', 'prelu', 'sigmoid'];
const random = rng(29);
const checkMatMul = (spec) => check(random, spec);

test('M = 1 and M = 3: every N and K, all transposes', async () => {
  for (const m of [1, 3]) {
    for (const n of SIZES)
      for (const k of SIZES) {
        for (const [transposeA, transposeB] of TRANSPOSES) await checkMatMul({ m, n, k, transposeA, transposeB });
      }
  }
});

test('M = 2 and M = 4 (first size past the threshold, packed): sizes around the vector widths', async () => {
  for (const m of [2, 4]) {
    for (const [n, k] of [
      [1, 1023],
      [3, 257],
      [7, 33],
      [17, 255],
      [33, 3],
      [255, 17],
      [257, 2],
      [1023, 7],
      [40, 500],
    ]) {
      for (const [transposeA, transposeB] of TRANSPOSES) await checkMatMul({ m, n, k, transposeA, transposeB });
    }
  }
});

test('N = 1 (matrix times vector): every M and K, all transposes', async () => {
  for (const m of SIZES)
    for (const k of SIZES) {
      for (const [transposeA, transposeB] of TRANSPOSES) await checkMatMul({ m, n: 1, k, transposeA, transposeB });
    }
});

test('batch broadcasting with vector-shaped products', async () => {
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
      await checkMatMul({ m: 1, n: 37, k: 19, batchA, batchB, transposeA, transposeB });
      await checkMatMul({ m: 3, n: 9, k: 33, batchA, batchB, transposeA, transposeB });
      await checkMatMul({ m: 21, n: 1, k: 17, batchA, batchB, transposeA, transposeB });
    }
  }
});

test('every fused epilogue, bias and prelu weights broadcast, on row and column outputs', async () => {
  // [m, n, k]: one row (vector blocks of 8 and 4 plus a scalar tail), three rows, a column (N = 1).
  const shapes = [
    [1, 45, 37],
    [3, 13, 6],
    [29, 1, 33],
  ];
  for (const [m, n, k] of shapes) {
    const biasShapes = [undefined, [], [1], [n], [m, n], [m, 1], [2, 1, n], [2, m, n]];
    for (const activation of ACTIVATIONS) {
      for (const biasShape of biasShapes) {
        const fused = { activation, biasShape, alpha: 0.3 };
        if (activation === 'prelu') fused.preluShape = biasShape?.length ? biasShape : [n];
        for (const [transposeA, transposeB] of TRANSPOSES) {
          await checkMatMul({ m, n, k, batchA: [2], batchB: [2], transposeA, transposeB, fused });
          await checkMatMul({ m, n, k, batchA: [2], batchB: [], transposeA, transposeB, fused });
        }
      }
    }
  }
});

test('VAE batch-1 shapes, fused as the dense layers run them', async () => {
  for (const [n, k, activation] of [
    [500, 784, 'relu'],
    [40, 500, 'linear'],
    [500, 20, 'relu'],
    [784, 500, 'sigmoid'],
  ]) {
    await checkMatMul({ m: 1, n, k, transposeA: false, transposeB: false, fused: { activation, biasShape: [n] } });
  }
});

test('sums start from +0 like cpu: products that are all -0 give +0, packed or not', async () => {
  for (const m of [1, 3, 8]) {
    for (const [transposeA, transposeB] of TRANSPOSES) {
      const k = 5;
      const n = 9;
      const run = async () => {
        const product = tf.tidy(() =>
          tf.matMul(
            tf.zeros(transposeA ? [k, m] : [m, k]),
            tf.fill(transposeB ? [n, k] : [k, n], -1),
            transposeA,
            transposeB,
          ),
        );
        const values = await product.data();
        product.dispose();
        return values;
      };
      const expected = await onBackend('cpu', run);
      const actual = await onBackend('simd', run);
      assert.ok(
        Array.from(expected).every((v) => Object.is(v, 0)),
        'cpu gives +0',
      );
      assert.ok(
        Array.from(actual).every((v) => Object.is(v, 0)),
        `simd gives +0 (m = ${m}, ${transposeA}, ${transposeB})`,
      );
    }
  }
});

test('empty tensors and empty sums', async () => {
  for (const [transposeA, transposeB] of TRANSPOSES) {
    for (const [m, n, k] of [
      [1, 5, 0],
      [3, 4, 0],
      [7, 1, 0],
      [1, 0, 9],
      [0, 1, 9],
      [1, 1, 0],
    ]) {
      await checkMatMul({ m, n, k, transposeA, transposeB });
      for (const activation of ['linear', 'relu', 'elu', 'sigmoid']) {
        await checkMatMul({ m, n, k, transposeA, transposeB, fused: { activation, biasShape: [n] } });
      }
    }
    await checkMatMul({ m: 1, n: 5, k: 3, batchA: [0], batchB: [1], transposeA, transposeB });
  }
});

test.run();
