// @ts-check
// ArgMax, ArgMin, Cumsum and Cumprod on 'simd' against 'cpu': exact equality on every axis of rank 1–4 shapes.
import { test } from 'uvu';
import { assertNoLeak, assertSame, onBoth, SHAPES } from '../helpers/reduce_harness.mjs';
import { randomValues, rng, tf } from '../helpers/setup.mjs';
import { size } from '../helpers/shapes.mjs';

/** Values from a few levels, so that most rows hold ties; some NaN, and infinities. */
function tiedValues(n, random, { nan = 0.05 } = {}) {
  return Float32Array.from({ length: n }, () => {
    const u = random();
    if (u < nan) return NaN;
    if (u < nan + 0.02) return random() < 0.5 ? Infinity : -Infinity;
    return Math.floor(random() * 5) - 2;
  });
}

test('ArgMax and ArgMin: first index of ties, NaN never wins, NaN first gives 0, every axis', async () => {
  const random = rng(201);
  for (const shape of SHAPES) {
    for (const nan of [0, 0.05, 0.5]) {
      const x = tiedValues(size(shape), random, { nan });
      for (let axis = -shape.length; axis < shape.length; axis++) {
        const what = `${JSON.stringify(shape)} axis ${axis} nan ${nan}`;
        assertSame(...Object.values(await onBoth(x, shape, 'float32', (t) => tf.argMax(t, axis))), `argMax ${what}`);
        assertSame(...Object.values(await onBoth(x, shape, 'float32', (t) => tf.argMin(t, axis))), `argMin ${what}`);
      }
    }
  }
  // Distinct values: the arg of a unique extreme, wherever it sits in the row.
  for (const shape of [[255], [17, 255], [255, 17]]) {
    const x = randomValues(size(shape), random);
    for (const axis of [0, -1]) {
      assertSame(...Object.values(await onBoth(x, shape, 'float32', (t) => tf.argMax(t, axis))), `argMax ${shape}`);
      assertSame(...Object.values(await onBoth(x, shape, 'float32', (t) => tf.argMin(t, axis))), `argMin ${shape}`);
    }
  }
});

test('ArgMax and ArgMin of empty tensors and of int32 (cpu) equal cpu', async () => {
  /** @type {Array<[number[], number]>} */
  const cases = [
    [[0], 0],
    [[3, 0], 1],
    [[0, 3], 1],
    [[0, 3], 0],
    [[2, 0, 3], 1],
  ];
  for (const [shape, axis] of cases) {
    for (const op of [tf.argMax, tf.argMin]) {
      assertSame(...Object.values(await onBoth([], shape, 'float32', (t) => op(t, axis))), `${shape} axis ${axis}`);
    }
  }
  const ints = Int32Array.from([3, 7, 7, -1, 0, 2]);
  for (const op of [tf.argMax, tf.argMin]) {
    assertSame(...Object.values(await onBoth(ints, [2, 3], 'int32', (t) => op(t, 1))), 'int32');
  }
});

test('Cumsum (float32, int32) and Cumprod (float32) equal cpu exactly on every axis, exclusive and reverse', async () => {
  const random = rng(202);
  for (const shape of SHAPES) {
    const floats = randomValues(size(shape), random, -2, 2);
    const factors = randomValues(size(shape), random, 0.9, 1.1);
    const ints = Int32Array.from({ length: size(shape) }, () => Math.floor((random() - 0.5) * 2 ** 31));
    for (let axis = 0; axis < shape.length; axis++) {
      for (const [exclusive, reverse] of [
        [false, false],
        [true, false],
        [false, true],
        [true, true],
      ]) {
        const what = `${JSON.stringify(shape)} axis ${axis} exclusive ${exclusive} reverse ${reverse}`;
        const sum = (t) => tf.cumsum(t, axis, exclusive, reverse);
        assertSame(...Object.values(await onBoth(floats, shape, 'float32', sum)), `cumsum float32 ${what}`);
        assertSame(...Object.values(await onBoth(ints, shape, 'int32', sum)), `cumsum int32 ${what}`);
        const prod = (t) => tf.cumprod(t, axis, exclusive, reverse);
        assertSame(...Object.values(await onBoth(factors, shape, 'float32', prod)), `cumprod ${what}`);
      }
    }
  }
});

test('Cumsum and Cumprod: NaN, infinities, empty tensors, int32 cumprod on cpu', async () => {
  const x = Float32Array.from([1, NaN, 2, Infinity, -Infinity, 3, 0, -0, 5, 1e30, 1e30, 1e-30]);
  for (const shape of [[12], [3, 4], [4, 3], [2, 3, 2]]) {
    for (let axis = 0; axis < shape.length; axis++) {
      assertSame(...Object.values(await onBoth(x, shape, 'float32', (t) => tf.cumsum(t, axis))), `cumsum ${shape}`);
      assertSame(
        ...Object.values(await onBoth(x, shape, 'float32', (t) => tf.cumprod(t, axis, false, true))),
        `cumprod ${shape}`,
      );
    }
  }
  /** @type {Array<[number[], number]>} */
  const cases = [
    [[0], 0],
    [[3, 0], 1],
    [[3, 0], 0],
  ];
  for (const [shape, axis] of cases) {
    assertSame(...Object.values(await onBoth([], shape, 'float32', (t) => tf.cumsum(t, axis))), `empty ${shape}`);
    assertSame(...Object.values(await onBoth([], shape, 'float32', (t) => tf.cumprod(t, axis))), `empty ${shape}`);
  }
  const ints = Int32Array.from([3, 7, 70000, -1, 65536, 65536]);
  assertSame(...Object.values(await onBoth(ints, [6], 'int32', (t) => tf.cumprod(t, 0))), 'int32 cumprod');
});

test('arg and scan kernels leave no tensor or WASM byte behind', async () => {
  const random = rng(203);
  await assertNoLeak(async () => {
    const x = tf.tensor(randomValues(3 * 17 * 5, random), [3, 17, 5]);
    const outs = [tf.argMax(x, 1), tf.argMin(x, -1), tf.cumsum(x, 1), tf.cumprod(x, 2, true, true)];
    await Promise.all(outs.map((o) => o.data()));
    tf.dispose([x, ...outs]);
  });
});

test.run();
