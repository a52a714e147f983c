// @ts-check
// Under a gradient tape, the fused Gaussian and KL forward kernels fill a buffer with what their backward
// kernels would otherwise recompute (exp(−v/2), exp(logVar)). Checked here: the forward values do not change
// (bit for bit), the gradients equal those of the backward kernel computing its own exp (bit for bit, both
// builds' numerics are the same function), including a variance floor, NaN and ±Infinity logVar, odd sizes
// and per-feature operands; and nothing stays allocated, with a tape or without one.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertSameBits } from '../helpers/float32.mjs';
import { onBackend, randomValues, rng, simd, tf } from '../helpers/setup.mjs';
import { size } from '../helpers/shapes.mjs';

const SIZES = [
  [1, 1],
  [2, 3],
  [3, 17],
  [2, 255],
  [4, 8],
];

function randomOperands(seed, shape, count) {
  const random = rng(seed);
  return Array.from({ length: count }, () => randomValues(size(shape), random, -3, 3));
}

/** logVar values with a NaN, ±Infinity and values past exp's range, for the edge lanes. */
function withSpecials(values) {
  const specials = [NaN, Infinity, -Infinity, 200, -200];
  const out = Float32Array.from(values);
  specials.forEach((v, i) => {
    if (i < out.length) out[(i * 7) % out.length] = v;
  });
  return out;
}

/** The shape of input `name` of the kernels `kernelName` runs while `fn` runs (null when absent). */
function inputShapesOf(kernelName, name, fn) {
  const engine = tf.engine();
  const runKernel = engine.runKernel;
  const shapes = [];
  // @ts-expect-error: a spy with runKernel's behaviour, not its generic signature
  engine.runKernel = function (kernel, inputs, attrs) {
    if (kernel === kernelName) shapes.push(inputs[name]?.shape ?? null);
    return runKernel.call(this, kernel, inputs, attrs);
  };
  try {
    return { result: fn(), shapes };
  } finally {
    engine.runKernel = runKernel;
  }
}

/**
 * Forward values without a tape, forward values under tf.grads, the op's gradients, and the shape of the
 * buffer (input `buffer` of kernel `kernelName`) without a tape and under it.
 */
function taped(op, inputs, seed, kernelName, buffer) {
  const { result: plain, shapes: plainBuffers } = inputShapesOf(kernelName, buffer, () => op(...inputs));
  const dy = tf.tensor(randomValues(plain.size, rng(seed), -1, 1), plain.shape);
  /** @type {tf.Tensor} */
  let underTape;
  const { result: grads, shapes: tapedBuffers } = inputShapesOf(kernelName, buffer, () =>
    tf.grads((...xs) => {
      const y = op(...xs);
      underTape = tf.keep(y.clone());
      return y;
    })(inputs, dy),
  );
  assert.equal(plainBuffers, [null], 'no buffer without a tape');
  return { plain, underTape, grads, dy, buffer: tapedBuffers[0] };
}

test('gaussianLogLikelihood: the kept weights change neither the values nor the gradients', async () => {
  await onBackend('simd', async () => {
    for (const [i, shape] of SIZES.entries()) {
      const cols = shape[shape.length - 1];
      /** @type {Array<{ reduction?: 'sum' | 'none', varianceFloor?: number }>} */
      const optionSets = [{}, { reduction: 'none' }, { varianceFloor: 0.5 }];
      for (const options of optionSets) {
        for (const specials of [false, true]) {
          const [xv, mv, lv] = randomOperands(10 + i, shape, 3);
          const x = tf.tensor(xv, shape);
          const mean = tf.tensor(mv, shape);
          const logVar = tf.tensor(specials ? withSpecials(lv) : lv, shape);
          const what = `shape ${shape} ${JSON.stringify(options)} specials ${specials}`;
          const before = tf.memory();
          const op = (a, b, c) => simd.gaussianLogLikelihood(a, b, c, options);
          const { plain, underTape, grads, dy, buffer } = taped(
            op,
            [x, mean, logVar],
            20 + i,
            'GaussianLogLikelihood',
            'weights',
          );
          assert.equal(buffer, shape, `${what}: weights kept per element`);
          assertSameBits(await underTape.data(), await plain.data(), `${what}: forward`);
          const attrs = {
            logVarFloor: options.varianceFloor == null ? -Infinity : Math.log(options.varianceFloor),
            constant: 0.5 * Math.log(2 * Math.PI),
            elementwise: options.reduction === 'none',
          };
          // The backward kernel alone, without the weights: it computes exp itself.
          const own = /** @type {tf.Tensor[]} */ (
            tf.engine().runKernel('GaussianLogLikelihoodGrad', { dy, x, mean, logVar }, attrs)
          );
          for (let k = 0; k < 3; k++)
            assertSameBits(await grads[k].data(), await own[k].data(), `${what}: gradient ${k}`);
          tf.dispose([plain, underTape, ...grads, dy, ...own]);
          assert.is(tf.memory().numTensors, before.numTensors, `${what}: tensors`);
          assert.is(tf.memory().numBytes, before.numBytes, `${what}: bytes`);
          tf.dispose([x, mean, logVar]);
        }
      }
      // Per-feature logVar and mean: nothing is kept (the backward kernel takes exp once per feature).
      const [xv, mv, lv] = randomOperands(40 + i, shape, 3);
      const x = tf.tensor(xv, shape);
      const mean = tf.tensor(mv.slice(0, cols), [cols]);
      const logVar = tf.tensor(withSpecials(lv.slice(0, cols)), [cols]);
      const { plain, underTape, grads, dy, buffer } = taped(
        simd.gaussianLogLikelihood,
        [x, mean, logVar],
        50 + i,
        'GaussianLogLikelihood',
        'weights',
      );
      assert.equal(buffer, shape[0] === 1 && shape.length === 1 ? shape : [0], `per-feature ${shape}: nothing kept`);
      assertSameBits(await underTape.data(), await plain.data(), `per-feature ${shape}: forward`);
      const attrs = { logVarFloor: -Infinity, constant: 0.5 * Math.log(2 * Math.PI), elementwise: false };
      const own = /** @type {tf.Tensor[]} */ (
        tf.engine().runKernel('GaussianLogLikelihoodGrad', { dy, x, mean, logVar }, attrs)
      );
      for (let k = 0; k < 3; k++)
        assertSameBits(await grads[k].data(), await own[k].data(), `per-feature ${shape}: gradient ${k}`);
      tf.dispose([plain, underTape, ...grads, dy, ...own, x, mean, logVar]);
    }
  });
});

test('klStandardNormal: the kept exp(logVar) changes neither the values nor the gradients', async () => {
  await onBackend('simd', async () => {
    for (const [i, shape] of SIZES.entries()) {
      const cols = shape[shape.length - 1];
      for (const [meanShape, logVarShape] of [
        [shape, shape],
        [[cols], shape],
        [shape, [cols]],
      ]) {
        for (const specials of [false, true]) {
          const [mv, lv] = randomOperands(60 + i, shape, 2);
          const mean = tf.tensor(mv.slice(0, size(meanShape)), meanShape);
          const lvs = lv.slice(0, size(logVarShape));
          const logVar = tf.tensor(specials ? withSpecials(lvs) : lvs, logVarShape);
          const what = `mean ${meanShape} logVar ${logVarShape} specials ${specials}`;
          const before = tf.memory();
          const { plain, underTape, grads, dy, buffer } = taped(
            simd.klStandardNormal,
            [mean, logVar],
            70 + i,
            'KlStandardNormal',
            'variance',
          );
          assert.equal(buffer, logVarShape === shape ? shape : [0], `${what}: exp(logVar) kept only per element`);
          assertSameBits(await underTape.data(), await plain.data(), `${what}: forward`);
          const own = /** @type {tf.Tensor[]} */ (
            tf.engine().runKernel('KlStandardNormalGrad', { dy, mean, logVar }, {})
          );
          for (let k = 0; k < 2; k++)
            assertSameBits(await grads[k].data(), await own[k].data(), `${what}: gradient ${k}`);
          tf.dispose([plain, underTape, ...grads, dy, ...own]);
          assert.is(tf.memory().numTensors, before.numTensors, `${what}: tensors`);
          assert.is(tf.memory().numBytes, before.numBytes, `${what}: bytes`);
          tf.dispose([mean, logVar]);
        }
      }
    }
  });
});

test('without a tape the forward kernels allocate their output only', async () => {
  await onBackend('simd', async () => {
    const x = tf.randomNormal([3, 17]);
    const before = tf.memory().numBytes;
    const lp = simd.gaussianLogLikelihood(x, x, x);
    const klv = simd.klStandardNormal(x, x);
    assert.is(tf.memory().numBytes - before, 4 * 3 + 4 * 3, 'two [3] outputs');
    tf.dispose([lp, klv, x]);
  });
});

test.run();
