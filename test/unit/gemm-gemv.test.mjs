// @ts-check
// The unpacked products (assembly/gemm/gemv.ts): M ≤ 3 rows of A, and N = 1, on 'simd' against a float64
// reference on fresh random data in [-1, 1). Bound per element (gemm_reference.mjs): |c − exact| ≤
// γ(K+1)·(Σ_k |a_ik·b_kj| + |bias_ij|) + 4·u·|exact|, γ(n) = n·u / (1 − n·u), u = 2⁻²⁴ — the worst case
// of any float32 summation order, plus a few ulps for the activation.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertSameBits } from '../helpers/float32.mjs';
import { checkMatMul as check } from '../helpers/gemm_harness.mjs';
import { onBackend, randomValues, rng, simdBackend, simdMemory, tf } from '../helpers/setup.mjs';

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

/**
 * op(A)·B as the plain-SIMD build's unpacked kernel must sum it: each output starts from +0 and adds the
 * rows of B in order p = 0, 1, …, one float32 multiply and one float32 add per row.
 */
function rowOrderProduct(a, b, m, n, k, transposeA) {
  const c = new Float32Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) {
        const aip = transposeA ? a[p * m + i] : a[i * k + p];
        sum = Math.fround(sum + Math.fround(aip * b[p * n + j]));
      }
      c[i * n + j] = sum;
    }
  }
  return c;
}

test('rows of B stream in order: bit for bit the sequential float32 sum (plain SIMD)', async () => {
  const exact = rng(31);
  await onBackend('simd', async () => {
    // The relaxed build fuses each multiply-add where the CPU can, so only the plain build has one answer.
    if (simdBackend().build !== 'simd') return;
    // N past the 16- and 4-column blocks and the scalar tail; K past the 4-row passes and the leftover rows;
    // and N = 1 with A stored transposed (op(A)ᵀ's rows are streamed; a row-major A takes dot products).
    const shapes = [];
    for (const m of [1, 2, 3])
      for (const n of [1, 3, 4, 17, 255, 1000]) for (const k of [1, 3, 4, 17, 255]) shapes.push([m, n, k]);
    shapes.push([17, 1, 255], [255, 1, 3]);
    for (const [m, n, k] of shapes) {
      for (const transposeA of [false, true]) {
        if (n === 1 && m > 1 && !transposeA) continue;
        const a = randomValues(m * k, exact);
        const b = randomValues(k * n, exact);
        const product = tf.tidy(() =>
          tf.matMul(tf.tensor(a, transposeA ? [k, m] : [m, k]), tf.tensor(b, [k, n]), transposeA),
        );
        const values = await product.data();
        product.dispose();
        assertSameBits(values, rowOrderProduct(a, b, m, n, k, transposeA), JSON.stringify({ m, n, k, transposeA }));
      }
    }
  });
});

test('one row against a B met again: its packed panels give the unpacked sums bit for bit, every epilogue', async () => {
  const reused = rng(37);
  // A B the cache has never seen (new memory; tf.clone would share the data): the unpacked kernel.
  const unseen = (/** @type {tf.Tensor} */ b) => tf.tensor(b.dataSync(), b.shape, b.dtype);
  await onBackend('simd', () => {
    // N around the 24-column panels (summed two at a time, then one) and the scalar tail; K of one row and odd.
    for (const n of [16, 17, 23, 24, 25, 47, 48, 49, 72, 73, 255, 1000]) {
      for (const k of [1, 3, 17, 255]) {
        for (const transposeA of [false, true]) {
          const what = JSON.stringify({ n, k, transposeA });
          const a = tf.tensor(randomValues(k, reused), transposeA ? [k, 1] : [1, k]);
          const b = tf.tensor(randomValues(k * n, reused), [k, n]);
          const bias = tf.tensor(randomValues(n, reused), [n]);
          const alpha = tf.tensor(randomValues(n, reused), [n]);
          const packedBefore = simdMemory().numBytesPacked;
          for (let call = 0; call < 3; call++) {
            const fresh = unseen(b);
            const pairs = [
              [tf.matMul(a, b, transposeA), tf.matMul(a, fresh, transposeA)],
              .../** @type {const} */ (['relu', 'elu', 'sigmoid', 'prelu']).map((activation) => {
                const fused = (/** @type {tf.Tensor} */ weights) =>
                  tf.fused.matMul({ a, b: weights, transposeA, bias, activation, preluActivationWeights: alpha });
                return [fused(b), fused(fresh)];
              }),
            ];
            for (const [i, [got, expected]] of pairs.entries()) {
              assertSameBits(got.dataSync(), expected.dataSync(), `${what}, call ${call}, product ${i}`);
            }
            tf.dispose([fresh, ...pairs.flat()]);
          }
          assert.ok(simdMemory().numBytesPacked > packedBefore, `${what}: B packed from its second use`);
          tf.dispose([a, b, bias, alpha]);
        }
      }
    }
  });
});

test('one row of mostly zeros against kept panels: the rows facing zeros skipped, the sums bit for bit', async () => {
  const sparse = rng(53);
  const unseen = (/** @type {tf.Tensor} */ b) => tf.tensor(b.dataSync(), b.shape, b.dtype);
  await onBackend('simd', () => {
    for (const [n, k] of [
      [17, 3],
      [24, 17],
      [73, 255],
      [1000, 784],
    ]) {
      // A row of ±0 and a few values (a quarter or more zeros: ReLU outputs, one-hot or mostly blank inputs).
      const row = randomValues(k, sparse).map((v, p) => (p % 4 === 1 ? v : p % 2 === 0 ? 0 : -0));
      const a = tf.tensor(row, [1, k]);
      const weights = randomValues(k * n, sparse);
      // The same product where B holds an infinity and a NaN facing zeros of a: 0·∞ is NaN, so nothing is skipped.
      const nonFinite = weights.slice();
      nonFinite[0] = Number.POSITIVE_INFINITY; // row 0 faces a[0] = +0
      if (k > 2) nonFinite[2 * n + n - 1] = Number.NaN; // row 2, the last column
      for (const values of [weights, nonFinite]) {
        const what = JSON.stringify({ n, k, finite: values === weights });
        const b = tf.tensor(values, [k, n]);
        const bias = tf.tensor(randomValues(n, sparse), [n]);
        for (let call = 0; call < 3; call++) {
          const fresh = unseen(b);
          const got = tf.fused.matMul({ a, b, bias, activation: 'relu6' });
          const expected = tf.fused.matMul({ a, b: fresh, bias, activation: 'relu6' });
          assertSameBits(got.dataSync(), expected.dataSync(), `${what}, call ${call}`);
          if (values === nonFinite) assert.ok(Number.isNaN(got.dataSync()[0]), `${what}: 0·∞ gives NaN`);
          tf.dispose([fresh, got, expected]);
        }
        tf.dispose([b, bias]);
      }
      tf.dispose(a);
    }
  });
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
