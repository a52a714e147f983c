// @ts-check
// Softmax and the vectorised exp behind it, against cpu and float64 references; gradients of the family.
import '@tensorflow/tfjs'; // registers the gradients, as applications that train do
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ulps } from '../helpers/float32.mjs';
import { assertNear, assertNoLeak, onBoth, wasmExp } from '../helpers/reduce_harness.mjs';
import { assertClose, onBackend, randomValues, rng, tf } from '../helpers/setup.mjs';
import { size } from '../helpers/shapes.mjs';

test('exp is within 1 ulp of the rounded exact exp over the whole float32 range', async () => {
  const random = rng(301);
  // Normal results, subnormal results (below -87.3), and lengths that end in a scalar tail.
  const x = randomValues(200_003, random, -104, 89);
  const got = await wasmExp(x);
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, ulps(got[i], Math.fround(Math.exp(x[i]))));
  assert.ok(worst <= 1, `worst ${worst} ulp`);
});

test('exp of special values: NaN, infinities, 0, overflow and underflow', async () => {
  const x = [NaN, Infinity, -Infinity, 0, -0, 89, 88.72, 1e30, -1e30, -103.97, -110, 1];
  const got = await wasmExp(Float32Array.from(x));
  const expected = x.map((v) => Math.fround(Math.exp(Math.fround(v))));
  for (let i = 0; i < x.length; i++) {
    const ok = Number.isNaN(expected[i]) ? Number.isNaN(got[i]) : ulps(got[i], expected[i]) <= 1;
    assert.ok(ok, `exp(${x[i]}) = ${got[i]}, expected ${expected[i]}`);
  }
  assert.is(got[3], 1);
});

/** Softmax of each row in float64 from the float32 inputs. */
function softmaxReference(values, n) {
  const out = new Float64Array(values.length);
  for (let r = 0; r < values.length; r += n) {
    const row = Array.from(values.subarray(r, r + n));
    const m = Math.max(...row);
    const e = row.map((v) => Math.exp(v - m));
    const s = e.reduce((a, b) => a + b, 0);
    e.forEach((v, j) => {
      out[r + j] = v / s;
    });
  }
  return out;
}

// Against cpu: |simd - cpu| <= 2e-6 |cpu| + 1e-12 (a few float32 roundings: exp, sum, division).
// Against float64: |simd - exact| <= 2e-6 |exact| + 1e-12.
test('Softmax along the last axis of rank 1–4 shapes equals cpu and the float64 softmax', async () => {
  const random = rng(302);
  const shapes = [[1], [3], [17], [255], [4096], [3, 1], [3, 17], [17, 255], [255, 3], [2, 3, 17], [2, 3, 5, 7]];
  for (const shape of shapes) {
    for (const scale of [1, 30]) {
      const x = randomValues(size(shape), random, -scale, scale);
      const r = await onBoth(x, shape, 'float32', (t) => tf.softmax(t));
      assertNear(r.cpu, r.simd, { rtol: 2e-6, atol: 1e-12 }, `softmax ${shape} scale ${scale}`);
      assertClose(r.simd.values, softmaxReference(x, shape[shape.length - 1]), {
        rtol: 2e-6,
        atol: 1e-12,
        what: `softmax f64 ${shape}`,
      });
    }
  }
});

test('Softmax is stable for large logits and propagates NaN/Infinity as cpu', async () => {
  const rows = [
    [1000, 999, 998, -1000],
    [-1e30, -1e30, -1e30],
    [88, 89, 90, 100, 0, -50, 3, 4, 5],
    [1, NaN, 2, 3, 4, 5],
    [1, Infinity, 2],
    [-Infinity, -Infinity, -Infinity, -Infinity, -Infinity],
    [-Infinity, 0, 1, 2, 3],
  ];
  for (const row of rows) {
    const r = await onBoth(Float32Array.from(row), [1, row.length], 'float32', (t) => tf.softmax(t));
    assertNear(r.cpu, r.simd, { rtol: 2e-6, atol: 1e-12 }, `softmax ${row}`);
  }
  const empty = await onBoth([], [2, 0], 'float32', (t) => tf.softmax(t));
  assertNear(empty.cpu, empty.simd, { rtol: 0, atol: 0 }, 'empty');
  const logSoftmax = await onBoth(Float32Array.from([1, 2, 3, -4, 5, 6]), [2, 3], 'float32', (t) => tf.logSoftmax(t));
  assertNear(logSoftmax.cpu, logSoftmax.simd, { rtol: 1e-6, atol: 1e-6 }, 'logSoftmax');
});

test("Softmax on another axis fails with cpu's error", async () => {
  await onBackend('simd', async () => {
    const x = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    assert.throws(() => tf.softmax(x, 0), /non-last dimension/);
    x.dispose();
  });
});

test("gradients through the reductions equal cpu's", async () => {
  const random = rng(303);
  const shape = [3, 17, 5];
  const x = randomValues(size(shape), random, 0.5, 1.5);
  const w = randomValues(size(shape), random, -1, 1);
  const losses = {
    sum: (t) => tf.sum(tf.mul(tf.sum(t, [0, 2], true), 1.5)),
    mean: (t) => tf.sum(tf.mean(t, 1)),
    max: (t) => tf.sum(tf.max(t, [1, 2])),
    min: (t) => tf.sum(tf.min(t, 0)),
    prod: (t) => tf.sum(tf.prod(t, 2)),
    softmax: (t) => tf.sum(tf.mul(tf.softmax(t), tf.tensor(w, shape))),
    logSoftmax: (t) => tf.sum(tf.mul(tf.logSoftmax(t), tf.tensor(w, shape))),
    // Last axis only: tfjs-core's Cumsum gradient transposes wrongly for other axes (on every backend).
    cumsum: (t) => tf.sum(tf.mul(tf.cumsum(t, 2, false, true), tf.tensor(w, shape))),
  };
  for (const [name, loss] of Object.entries(losses)) {
    const r = await onBoth(x, shape, 'float32', (t) => tf.grad(loss)(t));
    assertNear(r.cpu, r.simd, { rtol: 1e-5, atol: 1e-6 }, `grad ${name}`);
  }
});

test('Softmax leaves no tensor or WASM byte behind', async () => {
  await assertNoLeak(async () => {
    const x = tf.tensor2d(randomValues(3 * 17, rng(304)), [3, 17]);
    const y = tf.softmax(x);
    await y.data();
    tf.dispose([x, y]);
  });
});

test.run();
