// @ts-check
// bernoulliLogLikelihood: fused on 'simd' (forward and backward kernels), composite on 'cpu', against float64
// references on fresh random data; extreme logits; both wasm builds; and the log1p for u in [0, 1] the kernel
// (and the sigmoid cross-entropy) use, against float64 Math.log1p.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { instantiateSimdWasm, supportsBuild } from '../../dist/wasm/module.js';
import { BACKENDS, forward, gradients, operand } from '../helpers/prob_harness.mjs';
import { bernoulli64, bernoulliGrad64, bernoulliTerm64 } from '../helpers/prob_reference.mjs';
import { assertClose, onBackend, randomValues, rng, simd, tf } from '../helpers/setup.mjs';
import { size } from '../helpers/shapes.mjs';

const bernoulli = (options) => (x, logits) => simd.bernoulliLogLikelihood(x, logits, options);
const SUM = {};
const NONE = { reduction: 'none' };

// 0 rows, 1, 3, 17, 255 and 784 columns, rank 1 and rank 3.
const SHAPES = [[0, 17], [3, 0], [4, 1], [5, 3], [3, 17], [2, 255], [7, 784], [17], [784], [2, 3, 17]];

/** x half binary, half soft targets in [0, 1]; logits uniform in ±range. */
function randomXLogits(seed, shape, range = 8) {
  const random = rng(seed);
  const n = size(shape);
  const x = randomValues(n, random, 0, 1);
  for (let i = 0; i < n; i += 2) x[i] = x[i] < 0.5 ? 0 : 1;
  return [operand(x, shape), operand(randomValues(n, random, -range, range), shape)];
}

/**
 * Tolerances. Every term x·l − softplus(l) is <= 0 and is the sum of two terms <= 0, so no cancellation: the
 * float32 kernel is within a few ulp of each term (exp and log1p about 1 ulp each, then two roundings);
 * 5e-7 relative allows 4 ulp. The row sum is accumulated in float64, so a sum of 784 terms keeps that
 * relative bound (float32 lanes would give up to ~196 roundings more). The composite on 'cpu' sums in float32,
 * hence its looser bound. atol covers results that are 0 (empty rows).
 */
const TOL = { simd: { rtol: 5e-7, atol: 1e-30 }, cpu: { rtol: 1e-5, atol: 1e-30 } };

test('forward matches float64, summed and per element, on every shape (empty, 1 … 784 columns, ranks 1-3)', async () => {
  for (const [i, shape] of SHAPES.entries()) {
    const [x, logits] = randomXLogits(100 + i, shape);
    for (const [options, outShape] of [
      [SUM, shape.slice(0, -1)],
      [NONE, shape],
    ]) {
      const expected = bernoulli64(x, logits, options);
      for (const backend of BACKENDS) {
        const out = await forward(backend, bernoulli(options), [x, logits]);
        const what = `${backend} ${JSON.stringify(shape)} ${options.reduction ?? 'sum'}`;
        assert.equal(out.shape, outShape, what);
        assertClose(out.values, expected, { ...TOL[backend], what });
      }
    }
  }
});

test('gradients match float64 and the composite on cpu, for both reductions, without leaking tensors', async () => {
  for (const [i, shape] of [[1, 1], [3, 3], [4, 17], [2, 255], [3, 784], [17], [2, 3, 5], [0, 3]].entries()) {
    const [x, logits] = randomXLogits(200 + i, shape);
    for (const options of [SUM, NONE]) {
      const outSize = options === NONE ? size(shape) : size(shape.slice(0, -1));
      const upstream = randomValues(outSize, rng(300 + i), -2, 2);
      const [dx64, dLogits64] = bernoulliGrad64(x, logits, upstream, options);
      const what = `${JSON.stringify(shape)} ${options.reduction ?? 'sum'}`;
      const fused = await gradients('simd', bernoulli(options), [x, logits], upstream);
      const composite = await gradients('cpu', bernoulli(options), [x, logits], upstream);
      // dx = dy·l is one float32 product; dLogits = dy·(x − sigmoid(l)) cancels where x ≈ sigmoid(l), so its
      // error is a few ulp of dy (sigmoid from exp and one division), not of the result.
      for (const [name, got] of [
        ['simd', fused],
        ['cpu', composite],
      ]) {
        assertClose(got[0], dx64, { rtol: 1.2e-7, atol: 0, what: `${name} dx ${what}` });
        assertClose(got[1], dLogits64, { rtol: 1e-6, atol: 5e-7, what: `${name} dLogits ${what}` });
      }
      assertClose(fused[1], composite[1], { rtol: 1e-6, atol: 5e-7, what: `simd vs cpu dLogits ${what}` });
    }
  }
});

test('extreme logits (±80, ±Infinity, NaN) and NaN x give the limits, on both backends, values and gradients', async () => {
  const ls = [80, -80, Infinity, -Infinity, NaN, 0, -0, 1e30, -1e30];
  const xs = [0, 1, 0.5];
  const pairs = ls.flatMap((l) => xs.map((x) => [x, l]));
  pairs.push([NaN, 2], [NaN, -Infinity]);
  const shape = [pairs.length];
  const x = operand(
    Float32Array.from(pairs, ([xi]) => xi),
    shape,
  );
  const logits = operand(
    Float32Array.from(pairs, ([, l]) => l),
    shape,
  );
  const expected = Float64Array.from(pairs, ([xi, l]) => bernoulliTerm64(Math.fround(xi), Math.fround(l)));
  // Spot checks of the limits themselves: log p(1 | +∞) = 0, log p(0 | +∞) = −∞, log p(0 | −∞) = 0.
  assert.is(bernoulliTerm64(1, Infinity), 0);
  assert.is(bernoulliTerm64(0, Infinity), -Infinity);
  assert.is(bernoulliTerm64(0, -Infinity), 0);
  assert.is(bernoulliTerm64(1, -Infinity), -Infinity);
  const upstream = randomValues(pairs.length, rng(400), 0.5, 1.5);
  const [dx64, dLogits64] = bernoulliGrad64(x, logits, upstream, NONE);
  for (const backend of BACKENDS) {
    const out = await forward(backend, bernoulli(NONE), [x, logits]);
    assertClose(out.values, expected, { rtol: 5e-7, atol: 0, what: `${backend} values` });
    const [dx, dLogits] = await gradients(backend, bernoulli(NONE), [x, logits], upstream);
    assertClose(dx, dx64, { rtol: 1.2e-7, atol: 0, what: `${backend} dx` });
    assertClose(dLogits, dLogits64, { rtol: 1e-6, atol: 1e-7, what: `${backend} dLogits` });
    const sums = await forward(backend, bernoulli(SUM), [x, logits]);
    assert.ok(Number.isNaN(sums.values[0]), `${backend}: a NaN in the row makes its sum NaN`);
  }
});

test('bad shapes, ranks and options are errors that name the op, the argument and the shapes', () => {
  assert.throws(
    () => simd.bernoulliLogLikelihood(tf.zeros([2, 3]), tf.zeros([3])),
    /bernoulliLogLikelihood: x of shape \[2,3\] and logits of shape \[3\] must have the same shape/,
  );
  assert.throws(
    () => simd.bernoulliLogLikelihood(tf.zeros([2, 3]), tf.zeros([3, 2])),
    /bernoulliLogLikelihood: x of shape \[2,3\] and logits of shape \[3,2\]/,
  );
  assert.throws(
    () => simd.bernoulliLogLikelihood(tf.scalar(1), tf.scalar(0)),
    /bernoulliLogLikelihood: x must have rank >= 1, got shape \[\]/,
  );
  assert.throws(
    // @ts-expect-error: a reduction that does not exist, on purpose
    () => simd.bernoulliLogLikelihood([1], [0], { reduction: 'mean' }),
    /bernoulliLogLikelihood: options.reduction must be 'sum' or 'none', got 'mean'/,
  );
  assert.throws(
    () => simd.bernoulliLogLikelihood(tf.tensor(['a']), tf.zeros([1])),
    /bernoulliLogLikelihood: argument 'x' must be numeric/,
  );
});

test('on simd a forward+backward computes with the two fused kernels only (Identity shares data); int32 x is cast', async () => {
  await onBackend('simd', async () => {
    const [x, logits] = randomXLogits(500, [4, 9]).map(({ values, shape }) => tf.tensor(values, shape));
    const dy = tf.ones([4]);
    const before = tf.memory().numTensors;
    const profile = await tf.profile(() =>
      tf.tidy(() => tf.grads((a, b) => simd.bernoulliLogLikelihood(a, b))([x, logits], dy)),
    );
    const grads = /** @type {tf.Tensor[]} */ (profile.result);
    const computing = profile.kernels.map((k) => k.name).filter((name) => name !== 'Identity');
    assert.equal(computing, ['BernoulliLogLikelihood', 'BernoulliLogLikelihoodGrad']);
    assert.is(grads.length, 2);
    tf.dispose(grads);
    assert.is(tf.memory().numTensors, before, 'no tensor left by the gradient computation');
    const xInt = tf.tensor([[0, 1, 1]], [1, 3], 'int32');
    const fromInt = simd.bernoulliLogLikelihood(xInt, [[0.5, -2, 3]]);
    const expected = bernoulli64(operand([0, 1, 1], [1, 3]), operand(Float32Array.from([0.5, -2, 3]), [1, 3]));
    assertClose(await fromInt.data(), expected, { rtol: 5e-7, what: 'int32 x' });
    tf.dispose([x, logits, dy, xInt, fromInt]);
  });
});

// ---------------------------------------------------------------------------------------------------
// Both wasm builds: the plain SIMD build (runtimes without relaxed SIMD) and relaxed SIMD's fused multiply-add.

const builds = ['simd', ...(supportsBuild('relaxed-simd') ? ['relaxed-simd'] : [])];

async function wasmOfBuild(build) {
  simd.setWasmBuild(build);
  try {
    return await instantiateSimdWasm();
  } finally {
    simd.setWasmBuild('auto');
  }
}

/**
 * The kernels of one build called directly: x = 0 makes log p = −log1p(e) per element, and the forward pass
 * writes e = exp(l) (l <= 0) verbatim into its kept buffer, so log1p is checked on exactly the u it was given.
 */
async function log1pOnBuild(build, ls) {
  const wasm = await wasmOfBuild(build);
  const n = ls.length;
  const [x, logits, out, kept] = [n, n, n, n].map(() => wasm.alloc(4 * n));
  wasm.f32(x, n).fill(0);
  wasm.f32(logits, n).set(ls);
  wasm.withScratch(wasm.kernels.prob_bernoulli_log_likelihood_f32_scratch_bytes(n), (scratch) =>
    wasm.kernels.prob_bernoulli_log_likelihood_f32(x, logits, out, 1, n, 1, kept, scratch),
  );
  return { u: Float32Array.from(wasm.f32(kept, n)), log1p: Float32Array.from(wasm.f32(out, n), (v) => -v) };
}

function ulpError(got, exact) {
  const rounded = Math.fround(exact);
  if (rounded === 0) return got === 0 ? 0 : Infinity;
  const ulp = 2 ** (Math.floor(Math.log2(Math.abs(rounded))) - 23);
  return Math.abs(got - exact) / ulp;
}

for (const build of builds) {
  test(`log1p for u in [0, 1] on the '${build}' build: within 1 ulp of float64, dense and at the edges`, async () => {
    const random = rng(600);
    const ls = new Float32Array(400_000);
    for (let i = 0; i < 300_000; i++) ls[i] = -17 * random(); // u from 4e-8 to 1, every binade densely
    for (let i = 300_000; i < 400_000; i++) ls[i] = -104 * random(); // down to 0 through the subnormal u
    const edges = [0, -0, -Math.LN2, -Math.log(1.5), -1e-7, -1e-30, -87.3, -88, -103.9, -104, -Infinity];
    const all = Float32Array.from([...ls, ...edges]);
    const { u, log1p } = await log1pOnBuild(build, all);
    let worst = 0;
    let worstAt = 0;
    for (let i = 0; i < all.length; i++) {
      assert.ok(u[i] >= 0 && u[i] <= 1, `u = ${u[i]} in [0, 1]`);
      const error = ulpError(log1p[i], Math.log1p(u[i]));
      if (error > worst) {
        worst = error;
        worstAt = u[i];
      }
    }
    assert.ok(worst <= 1, `worst ${worst.toFixed(3)} ulp at u = ${worstAt}`);
    const special = await log1pOnBuild(build, Float32Array.from([NaN, -Infinity, 0]));
    assert.ok(Number.isNaN(special.log1p[0]), 'NaN in, NaN out');
    assert.is(special.log1p[1], 0, 'u = 0 gives 0');
    assert.is(special.log1p[2], Math.fround(Math.LN2), 'u = 1 gives ln 2');
  });

  test(`the '${build}' build: row sums, per-element values and both gradients against float64`, async () => {
    const wasm = await wasmOfBuild(build);
    const [rows, cols] = [6, 787]; // a tail of 3 after the vectors
    const n = rows * cols;
    const [x, logits] = randomXLogits(700, [rows, cols], 12);
    const dyRows = randomValues(rows, rng(701), -2, 2);
    const [px, pl, sums, values, kept, dy, dx, dl, dx2, dl2] = [n, n, rows, n, n, rows, n, n, n, n].map((size) =>
      wasm.alloc(4 * size),
    );
    wasm.f32(px, n).set(x.values);
    wasm.f32(pl, n).set(logits.values);
    wasm.f32(dy, rows).set(dyRows);
    const k = wasm.kernels;
    wasm.withScratch(k.prob_bernoulli_log_likelihood_f32_scratch_bytes(cols), (scratch) => {
      k.prob_bernoulli_log_likelihood_f32(px, pl, sums, rows, cols, 0, kept, scratch);
      k.prob_bernoulli_log_likelihood_f32(px, pl, values, rows, cols, 1, 0, scratch);
    });
    k.prob_bernoulli_log_likelihood_grad_f32(px, pl, dy, 0, dx, dl, rows, cols, kept);
    k.prob_bernoulli_log_likelihood_grad_f32(px, pl, dy, 0, dx2, dl2, rows, cols, 0);
    assertClose(wasm.f32(sums, rows), bernoulli64(x, logits), { rtol: 5e-7, what: `${build} sums` });
    assertClose(wasm.f32(values, n), bernoulli64(x, logits, NONE), {
      rtol: 5e-7,
      atol: 1e-30,
      what: `${build} values`,
    });
    const [dx64, dl64] = bernoulliGrad64(x, logits, dyRows);
    assertClose(wasm.f32(dx, n), dx64, { rtol: 1.2e-7, atol: 0, what: `${build} dx` });
    assertClose(wasm.f32(dl, n), dl64, { rtol: 1e-6, atol: 5e-7, what: `${build} dLogits (kept exp)` });
    // Recomputing exp(−|l|) in the backward kernel gives the same bits as reading the kept one.
    assert.equal(Array.from(wasm.f32(dl2, n)), Array.from(wasm.f32(dl, n)), `${build}: kept and recomputed agree`);
    assert.equal(Array.from(wasm.f32(dx2, n)), Array.from(wasm.f32(dx, n)));
  });
}

test.run();
