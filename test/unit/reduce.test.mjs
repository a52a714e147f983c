// @ts-check
// Sum, Mean, Max, Min, Prod, All, Any on 'simd' against 'cpu': every axis set of rank 1–4 shapes, keepDims,
// int32 and bool, empty tensors, NaN and infinities.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertNear, assertNoLeak, assertSame, axisSets, onBoth, SHAPES } from '../helpers/reduce_harness.mjs';
import { onBackend, randomValues, rng, simd, tf } from '../helpers/setup.mjs';
import { size } from '../helpers/shapes.mjs';

/** Per output element, the sum of |x| over what it reduces (the scale of float32 summation error). */
async function absSums(values, shape, axes, keepDims) {
  return onBackend('cpu', async () => {
    const s = tf.tidy(() => tf.sum(tf.abs(tf.tensor(values, shape)), axes, keepDims));
    const data = await s.data();
    s.dispose();
    return data;
  });
}

/** @typedef {(x: tf.Tensor, axis?: number | number[] | null, keepDims?: boolean) => tf.Tensor} Reduction */
test('the reduce family runs natively', () => {
  const { native } = simd.kernelCoverage();
  for (const name of [
    'Sum',
    'Mean',
    'Max',
    'Min',
    'Prod',
    'ArgMax',
    'ArgMin',
    'All',
    'Any',
    'Softmax',
    'Cumsum',
    'Cumprod',
  ]) {
    assert.ok(native.includes(name), name);
  }
});

// Float32 sums differ from cpu's (f64, sequential) only by float32 rounding of partial sums:
// |simd - cpu| <= 2e-6 * sum|x| + 1e-6 * |cpu| for every output element.
test('Sum and Mean of float32 over every axis set', async () => {
  const random = rng(101);
  for (const shape of SHAPES) {
    const x = randomValues(size(shape), random, -3, 3);
    for (const axes of axisSets(shape.length, { descending: true })) {
      for (const keepDims of [false, true]) {
        const what = `${JSON.stringify(shape)} axes ${JSON.stringify(axes)} keepDims ${keepDims}`;
        const abs = await absSums(x, shape, axes, keepDims);
        const sums = await onBoth(x, shape, 'float32', (t) => tf.sum(t, axes, keepDims));
        assertNear(sums.cpu, sums.simd, { rtol: 1e-6, atol: abs.map((a) => 2e-6 * a) }, `sum ${what}`);
        const n = size(shape) / Math.max(1, abs.length);
        const means = await onBoth(x, shape, 'float32', (t) => tf.mean(t, axes, keepDims));
        assertNear(means.cpu, means.simd, { rtol: 1e-6, atol: abs.map((a) => (2e-6 * a) / n) }, `mean ${what}`);
      }
    }
  }
});

test('Max, Min and Prod of float32 over every axis set equal cpu exactly', async () => {
  const random = rng(102);
  for (const shape of SHAPES) {
    const x = randomValues(size(shape), random, 0.5, 1.5);
    for (const axes of axisSets(shape.length, { descending: true })) {
      const keepDims = axes.length % 2 === 1;
      const what = `${JSON.stringify(shape)} axes ${JSON.stringify(axes)} keepDims ${keepDims}`;
      const maxes = await onBoth(x, shape, 'float32', (t) => tf.max(t, axes, keepDims));
      assertSame(maxes.cpu, maxes.simd, `max ${what}`);
      const mins = await onBoth(x, shape, 'float32', (t) => tf.min(t, axes, keepDims));
      assertSame(mins.cpu, mins.simd, `min ${what}`);
      // Both accumulate in f64 but in another order: equal after rounding to float32 but for rare ties.
      const prods = await onBoth(x, shape, 'float32', (t) => tf.prod(t, axes, keepDims));
      assertNear(prods.cpu, prods.simd, { rtol: 2e-7, atol: 0 }, `prod ${what}`);
    }
  }
});

test('Sum, Max and Min of int32 over every axis set equal cpu exactly, sums wrapping as cpu', async () => {
  const random = rng(103);
  for (const shape of SHAPES) {
    const x = Int32Array.from({ length: size(shape) }, () => Math.floor((random() - 0.5) * 2 ** 31));
    for (const axes of axisSets(shape.length)) {
      const keepDims = axes.length % 2 === 0;
      const what = `${JSON.stringify(shape)} axes ${JSON.stringify(axes)}`;
      for (const [name, op] of /** @type {Array<[string, Reduction]>} */ ([
        ['sum', tf.sum],
        ['max', tf.max],
        ['min', tf.min],
      ])) {
        const r = await onBoth(x, shape, 'int32', (t) => op(t, axes, keepDims));
        assertSame(r.cpu, r.simd, `${name} ${what}`);
      }
    }
  }
});

// tf.sum casts bool to int32 before the Sum kernel runs: those sums check that path end to end.
test('All, Any and Sum of bool over every axis set equal cpu exactly', async () => {
  const random = rng(104);
  for (const shape of SHAPES) {
    for (const density of [0.02, 0.5, 0.98]) {
      const x = Uint8Array.from({ length: size(shape) }, () => (random() < density ? 1 : 0));
      for (const axes of axisSets(shape.length)) {
        const keepDims = density > 0.5;
        const what = `${JSON.stringify(shape)} axes ${JSON.stringify(axes)} density ${density}`;
        assertSame(...Object.values(await onBoth(x, shape, 'bool', (t) => tf.all(t, axes, keepDims))), `all ${what}`);
        assertSame(...Object.values(await onBoth(x, shape, 'bool', (t) => tf.any(t, axes, keepDims))), `any ${what}`);
        assertSame(...Object.values(await onBoth(x, shape, 'bool', (t) => tf.sum(t, axes, keepDims))), `sum ${what}`);
      }
    }
  }
});

test('NaN propagates through Max, Min, Sum and Prod; infinities as on cpu', async () => {
  const random = rng(105);
  for (const shape of [[3], [17], [255], [17, 255], [255, 17], [3, 17, 5]]) {
    const x = randomValues(size(shape), random, -2, 2);
    for (let i = 0; i < x.length; i += 7) x[i] = [NaN, Infinity, -Infinity][Math.floor(random() * 3)];
    for (const axes of axisSets(shape.length)) {
      const what = `${JSON.stringify(shape)} axes ${JSON.stringify(axes)}`;
      for (const [name, op] of /** @type {Array<[string, Reduction]>} */ ([
        ['max', tf.max],
        ['min', tf.min],
        ['sum', tf.sum],
        ['prod', tf.prod],
      ])) {
        const r = await onBoth(x, shape, 'float32', (t) => op(t, axes));
        assertNear(r.cpu, r.simd, { rtol: 1e-5, atol: 1e-4 }, `${name} ${what}`);
      }
    }
  }
  // A single NaN at every position of a 255-long row (the vector body, the tail, the first element).
  for (const at of [0, 3, 16, 63, 64, 250, 254]) {
    const x = randomValues(255, random);
    x[at] = NaN;
    for (const op of [tf.max, tf.min]) {
      const r = await onBoth(x, [255], 'float32', (t) => op(t));
      assert.ok(Number.isNaN(r.simd.values[0]), `NaN at ${at}`);
    }
  }
});

// Long rows stream over chunks of columns (1024 float32/int32, 4096 bool, 512 for float32 sums in blocks of 64
// rows): sizes that straddle those boundaries.
test('column reductions across chunk and block boundaries', async () => {
  const random = rng(109);
  for (const shape of [
    [130, 1031],
    [3, 70, 600],
    [65, 2, 4100],
  ]) {
    const x = randomValues(size(shape), random, -3, 3);
    const ints = Int32Array.from(x, (v) => Math.round(v * 1000));
    const bools = Uint8Array.from(x, (v) => (v > -2.9 ? 1 : 0));
    for (const axes of [[0], [0, 2], [1]]) {
      if (axes.some((a) => a >= shape.length)) continue;
      const what = `${JSON.stringify(shape)} axes ${axes}`;
      const abs = await absSums(x, shape, axes, false);
      const sums = await onBoth(x, shape, 'float32', (t) => tf.sum(t, axes));
      assertNear(sums.cpu, sums.simd, { rtol: 1e-6, atol: abs.map((a) => 2e-6 * a) }, `sum ${what}`);
      for (const [name, op] of /** @type {Array<[string, Reduction]>} */ ([
        ['max', tf.max],
        ['min', tf.min],
      ])) {
        assertSame(...Object.values(await onBoth(x, shape, 'float32', (t) => op(t, axes))), `${name} ${what}`);
        assertSame(...Object.values(await onBoth(ints, shape, 'int32', (t) => op(t, axes))), `${name} int32 ${what}`);
      }
      assertSame(...Object.values(await onBoth(ints, shape, 'int32', (t) => tf.sum(t, axes))), `sum int32 ${what}`);
      assertSame(...Object.values(await onBoth(bools, shape, 'bool', (t) => tf.all(t, axes))), `all ${what}`);
      assertSame(...Object.values(await onBoth(bools, shape, 'bool', (t) => tf.any(t, axes))), `any ${what}`);
      assertSame(...Object.values(await onBoth(bools, shape, 'bool', (t) => tf.sum(t, axes))), `sum bool ${what}`);
    }
  }
});

test('signed zeros: Max/Min keep the first zero as cpu does, Sum of -0 is +0', async () => {
  const random = rng(108);
  for (const shape of [[1], [3], [17], [255], [17, 3], [3, 255], [255, 17], [2, 17, 5]]) {
    for (const [name, op, other] of /** @type {Array<[string, Reduction, number]>} */ ([
      ['max', tf.max, -1],
      ['min', tf.min, 1],
      ['sum', tf.sum, 0],
      ['mean', tf.mean, 0],
    ])) {
      const x = Float32Array.from({ length: size(shape) }, () => (random() < 0.3 ? other : random() < 0.5 ? 0 : -0));
      for (const axes of axisSets(shape.length, { descending: true })) {
        const r = await onBoth(x, shape, 'float32', (t) => op(t, axes));
        r.cpu.values.forEach((e, i) => {
          assert.ok(
            Object.is(r.simd.values[i], e),
            `${name} ${shape} axes ${axes} index ${i}: ${r.simd.values[i]} vs ${e}`,
          );
        });
      }
    }
  }
});

test("empty tensors: outputs of cpu's shape, dtype and fill value", async () => {
  const cases = [
    [[0], 0],
    [[3, 0], 1],
    [[3, 0], 0],
    [[0, 4], 1],
    [[0, 4], 0],
    [
      [2, 0, 3],
      [0, 2],
    ],
    [[2, 0, 3], 1],
  ];
  for (const [shape, axes] of cases) {
    for (const keepDims of [false, true]) {
      const what = `${JSON.stringify(shape)} axes ${JSON.stringify(axes)} keepDims ${keepDims}`;
      for (const dtype of ['float32', 'int32']) {
        for (const [name, op] of /** @type {Array<[string, Reduction]>} */ ([
          ['sum', tf.sum],
          ['max', tf.max],
          ['min', tf.min],
          ['prod', tf.prod],
          ['mean', tf.mean],
        ])) {
          const r = await onBoth([], shape, dtype, (t) => op(t, axes, keepDims));
          assertSame(r.cpu, r.simd, `${name} ${dtype} ${what}`);
        }
      }
      for (const [name, op] of /** @type {Array<[string, Reduction]>} */ ([
        ['all', tf.all],
        ['any', tf.any],
        ['sum', tf.sum],
      ])) {
        const r = await onBoth([], shape, 'bool', (t) => op(t, axes, keepDims));
        assertSame(r.cpu, r.simd, `${name} ${what}`);
      }
    }
  }
});

test('scalars (rank 0) reduce as on cpu, sign of zero included', async () => {
  for (const v of [-0, 0, 2.5, NaN, -Infinity]) {
    for (const [name, op] of /** @type {Array<[string, Reduction]>} */ ([
      ['sum', tf.sum],
      ['mean', tf.mean],
      ['max', tf.max],
      ['min', tf.min],
      ['prod', tf.prod],
    ])) {
      for (const keepDims of [false, true]) {
        const r = await onBoth([v], [], 'float32', (t) => op(t, null, keepDims));
        assertSame(r.cpu, r.simd, `${name} ${v}`);
        assert.ok(Object.is(r.simd.values[0], r.cpu.values[0]), `${name}(${v}) = ${r.simd.values[0]}`);
      }
    }
  }
  for (const v of [0, 1]) {
    assertSame(...Object.values(await onBoth([v], [], 'bool', (t) => tf.all(t))), `all ${v}`);
    assertSame(...Object.values(await onBoth([v], [], 'bool', (t) => tf.any(t))), `any ${v}`);
  }
});

test("other dtypes fall back to cpu with cpu's result", async () => {
  const x = Uint8Array.from([1, 0, 1, 1, 1, 0]);
  for (const [name, op] of /** @type {Array<[string, Reduction]>} */ ([
    ['max', tf.max],
    ['prod', tf.prod],
    ['mean', tf.mean],
  ])) {
    const r = await onBoth(x, [2, 3], 'bool', (t) => op(t, 1));
    assertSame(r.cpu, r.simd, `${name} bool`);
  }
  const ints = Int32Array.from([3, -2, 7, 5, 1, 4]);
  for (const [name, op] of /** @type {Array<[string, Reduction]>} */ ([
    ['prod', tf.prod],
    ['mean', tf.mean],
  ])) {
    const r = await onBoth(ints, [2, 3], 'int32', (t) => op(t, 0));
    assertSame(r.cpu, r.simd, `${name} int32`);
  }
});

// Float32 sums accumulate in f64 as cpu's do (a JS number), so a sum over one axis rounds once: it equals cpu's bit
// for bit (order differs only far below float32 resolution). Sums of identical values are where float32
// accumulation used to differ by an ulp (7 × 0.5087258 → 3.5610809 instead of cpu's 3.5610807).
test('Sum of float32 over one axis equals cpu bit for bit, sizes 1, 3, 7, 16, 17, 255 in every position', async () => {
  const random = rng(107);
  for (const n of [1, 3, 7, 16, 17, 255]) {
    for (const [shape, axis] of [
      [[3, n], 1],
      [[n, 5], 0],
      [[2, n, 3], 1],
      [[n], 0],
    ]) {
      const x = randomValues(size(shape), random, -3, 3);
      const sums = await onBoth(x, shape, 'float32', (t) => tf.sum(t, axis));
      assertSame(sums.cpu, sums.simd, `sum ${JSON.stringify(shape)} axis ${axis}`);
      const c = Math.fround(random() * 10 - 5);
      const same = await onBoth(new Array(size(shape)).fill(c), shape, 'float32', (t) => tf.sum(t, axis));
      assertSame(same.cpu, same.simd, `sum of ${c} repeated, ${JSON.stringify(shape)} axis ${axis}`);
    }
  }
});

// The float32 sum of 100k values against a float64 reference: correctly rounded, so within 1e-7 relative.
test('long sums stay accurate: rows and columns of 100k values', async () => {
  const random = rng(106);
  const n = 100_000;
  const x = randomValues(n, random, 0, 1);
  const exact = x.reduce((s, v) => s + v, 0);
  await onBackend('simd', async () => {
    const row = tf.tensor1d(x);
    const column = tf.tensor2d(x, [n, 1]);
    const wide = tf.tensor2d(x, [n / 8, 8]);
    const rowSum = (await tf.sum(row).data())[0];
    const columnSum = (await tf.sum(column, 0).data())[0];
    const wideSums = /** @type {Float32Array} */ (await tf.sum(wide, 0).data());
    const meanValue = (await tf.mean(row).data())[0];
    assert.ok(Math.abs(rowSum - exact) <= 1e-7 * exact, `row ${rowSum} vs ${exact}`);
    assert.ok(Math.abs(columnSum - exact) <= 1e-7 * exact, `column ${columnSum} vs ${exact}`);
    assert.ok(Math.abs(wideSums.reduce((a, b) => a + b, 0) - exact) <= 1e-5 * exact, 'wide columns');
    assert.ok(Math.abs(meanValue - exact / n) <= (1e-7 * exact) / n, `mean ${meanValue}`);
    tf.dispose([row, column, wide]);
  });
});

test('reductions leave no tensor or WASM byte behind, including multi-step axis sets', async () => {
  const random = rng(107);
  await assertNoLeak(async () => {
    const x = tf.tensor(randomValues(2 * 17 * 3 * 5, random), [2, 17, 3, 5]);
    const outs = [
      tf.sum(x, [0, 2]),
      tf.mean(x, [1, 3], true),
      tf.max(x, [0, 2]),
      tf.min(x, [0, 1, 3]),
      tf.prod(x, [0, 2]),
      tf.sum(x, []),
      tf.max(x, [], true),
    ];
    const empty = tf.zeros([3, 0]);
    outs.push(tf.sum(empty, 1), tf.max(empty, 1));
    const b = tf.tensor([1, 0, 1, 1, 0, 1, 1, 1], [2, 2, 2], 'bool');
    outs.push(tf.all(b, [0, 2]), tf.any(b, [0, 2]), tf.sum(b, [0, 2]));
    await Promise.all(outs.map((o) => o.data()));
    tf.dispose([x, b, empty, ...outs]);
  });
});

test.run();
