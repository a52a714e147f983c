// @ts-check
// gaussianLogLikelihood: fused on 'simd', composite on 'cpu', both against a float64 reference.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BACKENDS, forward as forwardOn, gradients as gradientsOn, operand } from '../helpers/prob_harness.mjs';
import { gaussian64, numericGradient } from '../helpers/prob_reference.mjs';
import { assertClose, onBackend, randomValues, rng, simd, tf } from '../helpers/setup.mjs';
import { size } from '../helpers/shapes.mjs';

const gll = (options) => (x, mean, logVar) => simd.gaussianLogLikelihood(x, mean, logVar, options);
const forward = (backend, x, mean, logVar, options) => forwardOn(backend, gll(options), [x, mean, logVar]);
const gradients = (backend, x, mean, logVar, upstream, options) =>
  gradientsOn(backend, gll(options), [x, mean, logVar], upstream);

function randomCase(seed, xShape, meanShape, logVarShape) {
  const random = rng(seed);
  return {
    x: operand(randomValues(size(xShape), random, -3, 3), xShape),
    mean: operand(randomValues(size(meanShape), random, -3, 3), meanShape),
    logVar: operand(randomValues(size(logVarShape), random, -2, 2), logVarShape),
  };
}

const SHAPES = [
  // [x, mean, logVar]: per element, per feature, scalar, and broadcasts the kernel takes materialised.
  [
    [1, 1],
    [1, 1],
    [1, 1],
  ],
  [[3, 3], [3, 3], [3]],
  [[2, 17], [17], [2, 17]],
  [[4, 255], [1, 255], []],
  [[5, 6], [5, 1], [6]],
  [
    [2, 3, 5],
    [3, 5],
    [2, 1, 5],
  ],
  [[17], [17], [17]],
];

test('matches the float64 reference for every broadcast shape on simd and cpu', async () => {
  for (const [i, [xs, ms, ls]] of SHAPES.entries()) {
    const { x, mean, logVar } = randomCase(100 + i, xs, ms, ls);
    for (const options of [undefined, { reduction: 'none' }, { includeConstant: false }]) {
      const expected = gaussian64(x, mean, logVar, options);
      for (const backend of BACKENDS) {
        const out = await forward(backend, x, mean, logVar, options);
        const what = `${backend} x${JSON.stringify(xs)} mean${JSON.stringify(ms)} logVar${JSON.stringify(ls)} ${JSON.stringify(options)}`;
        assert.equal(out.shape, options?.reduction === 'none' ? xs : xs.slice(0, -1), what);
        assertClose(out.values, expected, { rtol: 1e-5, atol: 1e-4, what });
      }
    }
  }
});

test('784-dim density: exp(log p) underflows float32, the log-likelihood is exact and finite', async () => {
  const random = rng(784);
  const d = 784;
  const x = operand(randomValues(2 * d, random, 0, 1), [2, d]);
  const mean = operand(randomValues(2 * d, random, 0, 1), [2, d]);
  const logVar = operand(randomValues(2 * d, random, -3, -1), [2, d]);
  const expected = gaussian64(x, mean, logVar);
  for (const backend of BACKENDS) {
    const out = await forward(backend, x, mean, logVar);
    for (let i = 0; i < 2; i++) {
      assert.ok(Number.isFinite(out.values[i]), `${backend}: finite`);
      assert.is(Math.fround(Math.exp(out.values[i])), 0, 'the density itself is 0 in float32');
    }
    assertClose(out.values, expected, { rtol: 2e-6, atol: 0, what: backend });
  }
  // The naive form the question started from: log(1e-20 + prob) is log(1e-20) for every sample.
  await onBackend('simd', async () => {
    const naive = tf.tidy(() =>
      tf.log(
        tf.add(
          1e-20,
          tf.exp(
            simd.gaussianLogLikelihood(
              tf.tensor(x.values, x.shape),
              tf.tensor(mean.values, mean.shape),
              tf.tensor(logVar.values, logVar.shape),
            ),
          ),
        ),
      ),
    );
    assertClose(await naive.data(), [Math.log(1e-20), Math.log(1e-20)], { rtol: 1e-6, what: 'naive' });
    naive.dispose();
  });
});

test('logVar in [-80, 80] and |x| up to 1e6 stay finite where the true value is', async () => {
  const random = rng(80);
  const n = 4 * 33;
  const xs = new Float32Array(n);
  const ms = new Float32Array(n);
  const ls = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    ls[i] = -80 + 160 * random();
    xs[i] = (2 * random() - 1) * 1e6;
    // |x - mean| up to 1e3 standard deviations (capped at 2e6): z² ≤ 1e6, the sum is finite.
    const offset = Math.min((2 * random() - 1) * 1e3 * Math.exp(ls[i] / 2), 1e6);
    ms[i] = xs[i] + offset;
  }
  const x = operand(xs, [4, 33]);
  const mean = operand(ms, [4, 33]);
  const logVar = operand(ls, [4, 33]);
  for (const options of [undefined, { reduction: 'none' }]) {
    const expected = gaussian64(x, mean, logVar, options);
    for (const backend of BACKENDS) {
      const out = await forward(backend, x, mean, logVar, options);
      assert.ok(out.values.every(Number.isFinite), `${backend}: all finite`);
      assertClose(out.values, expected, { rtol: 1e-5, atol: 1e-3, what: `${backend} ${JSON.stringify(options)}` });
    }
    // Extreme but finite per element, including the biggest and smallest variances.
    const grads = await gradients('simd', x, mean, logVar, new Float32Array(expected.length).fill(1), options);
    grads.forEach((g, i) => assert.ok(g.every(Number.isFinite), `gradient ${i} finite`));
  }
});

test('NaN in gives NaN out, only where it flows', async () => {
  const { x, mean, logVar } = randomCase(5, [3, 9], [3, 9], [9]);
  x.values[2] = NaN; // row 0
  mean.values[9 + 8] = NaN; // row 1, the scalar tail
  for (const backend of BACKENDS) {
    const out = await forward(backend, x, mean, logVar);
    assert.ok(Number.isNaN(out.values[0]) && Number.isNaN(out.values[1]), `${backend}: NaN rows`);
    assert.ok(Number.isFinite(out.values[2]), `${backend}: clean row`);
    const logVarNaN = { ...logVar, values: Float32Array.from(logVar.values) };
    logVarNaN.values[4] = NaN; // per feature: every row
    const out2 = await forward(
      backend,
      { ...x, values: randomValues(27, rng(6)) },
      { ...mean, values: randomValues(27, rng(7)) },
      logVarNaN,
    );
    assert.ok(out2.values.every(Number.isNaN), `${backend}: NaN logVar poisons every row`);
  }
});

test('gradients: simd equals cpu, and both match float64 central differences', async () => {
  const cases = [
    [
      [3, 5],
      [3, 5],
      [3, 5],
    ],
    [[2, 17], [17], [17]],
    [[4, 3], [], [1, 3]],
    [[2, 2, 5], [2, 1, 5], [5]],
  ];
  for (const [i, [xs, ms, ls]] of cases.entries()) {
    const { x, mean, logVar } = randomCase(200 + i, xs, ms, ls);
    for (const options of [undefined, { reduction: 'none' }, { varianceFloor: 0.5 }]) {
      const outSize = options?.reduction === 'none' ? size(xs) : size(xs.slice(0, -1));
      const upstream = randomValues(outSize, rng(300 + i), -1, 1);
      const what = `x${JSON.stringify(xs)} mean${JSON.stringify(ms)} logVar${JSON.stringify(ls)} ${JSON.stringify(options)}`;
      const fused = await gradients('simd', x, mean, logVar, upstream, options);
      const composite = await gradients('cpu', x, mean, logVar, upstream, options);
      const f = (a, b, c) => gaussian64(a, b, c, options);
      for (let k = 0; k < 3; k++) {
        assertClose(fused[k], composite[k], { rtol: 1e-4, atol: 1e-4, what: `simd vs cpu, input ${k}, ${what}` });
        const numeric = numericGradient(f, [x, mean, logVar], k, upstream);
        assertClose(fused[k], numeric, {
          rtol: 1e-3,
          atol: 1e-3,
          what: `simd vs finite differences, input ${k}, ${what}`,
        });
      }
    }
  }
});

test('varianceFloor clamps the variance and zeroes the logVar gradient only below the floor', async () => {
  const x = operand(new Float32Array([0.5, -1, 2, 0.1]), [4]);
  const mean = operand(new Float32Array([0, 0, 0, 0]), [4]);
  const logVar = operand(new Float32Array([-10, Math.log(0.2), 1, -3]), [4]);
  const options = { varianceFloor: 0.1, reduction: 'none' };
  const expected = gaussian64(x, mean, logVar, options);
  for (const backend of BACKENDS) {
    const out = await forward(backend, x, mean, logVar, options);
    assertClose(out.values, expected, { rtol: 1e-6, what: backend });
    const [, , dLogVar] = await gradients(backend, x, mean, logVar, new Float32Array(4).fill(1), options);
    assert.is(dLogVar[0], 0, `${backend}: clamped`);
    assert.is(dLogVar[3], 0, `${backend}: clamped`);
    assert.ok(dLogVar[1] !== 0 && dLogVar[2] !== 0, `${backend}: above the floor keeps its gradient`);
  }
});

test('zero-size batches and zero features', async () => {
  for (const backend of BACKENDS) {
    const empty = await forward(
      backend,
      operand(new Float32Array(0), [0, 5]),
      operand(new Float32Array(5), [5]),
      operand(new Float32Array(0), [0, 5]),
    );
    assert.equal(empty.shape, [0]);
    const noFeatures = await forward(
      backend,
      operand(new Float32Array(0), [3, 0]),
      operand(new Float32Array(0), [3, 0]),
      operand(new Float32Array(0), [0]),
    );
    assert.equal(noFeatures.shape, [3]);
    assertClose(noFeatures.values, [0, 0, 0], { what: `${backend} sum over no features` });
    const grads = await gradients(
      backend,
      operand(new Float32Array(0), [0, 5]),
      operand(new Float32Array(5), [5]),
      operand(new Float32Array(5), [5]),
      new Float32Array(0),
    );
    assertClose(grads[1], new Float32Array(5), { what: `${backend} per-feature gradient of an empty batch` });
  }
});

test('bad shapes and options give errors naming the op, the argument and the shapes', async () => {
  await onBackend('simd', () => {
    const x = tf.zeros([2, 3]);
    assert.throws(
      () => simd.gaussianLogLikelihood(x, tf.zeros([4]), tf.zeros([3])),
      /gaussianLogLikelihood: mean of shape \[4\] and x of shape \[2,3\]/,
    );
    assert.throws(
      () => simd.gaussianLogLikelihood(x, tf.zeros([3]), tf.zeros([5, 2, 3])),
      /gaussianLogLikelihood: logVar of shape \[5,2,3\] must broadcast to x's shape \[2,3\]/,
    );
    assert.throws(() => simd.gaussianLogLikelihood(tf.scalar(1), 0, 0), /gaussianLogLikelihood: x must have rank >= 1/);
    // @ts-expect-error: a reduction that does not exist, on purpose
    assert.throws(() => simd.gaussianLogLikelihood(x, 0, 0, { reduction: 'mean' }), /options.reduction/);
    assert.throws(() => simd.gaussianLogLikelihood(x, 0, 0, { varianceFloor: -1 }), /options.varianceFloor/);
    tf.disposeVariables();
  });
});

test('takes arrays and int32 tensors (cast to float32)', async () => {
  for (const backend of BACKENDS) {
    await onBackend(backend, async () => {
      const out = simd.gaussianLogLikelihood(tf.tensor2d([[1, 2]], [1, 2], 'int32'), [0, 0], 0);
      assertClose(await out.data(), [-2.5 - Math.log(2 * Math.PI)], { rtol: 1e-6, what: backend });
      out.dispose();
    });
  }
});

test.run();
