// @ts-check
// The fused Adam (simd.adam) against tfjs's own (tf.train.adam) on 'cpu': several steps on fresh random
// gradients, variables of sizes 0, 1, 3, 17, 255 and 1023. Tolerance: none. Both round every operation to
// float32 once, in the same order, without fused multiply-adds, and 'cpu' computes each op in float64 then
// rounds (exact for one +, −, ×, ÷ or √ of float32 values): the values must agree bit for bit.
import '@tensorflow/tfjs'; // registers the gradients optimizer.minimize needs
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertSameBitsEach } from '../helpers/float32.mjs';
import { onBackend, randomValues, rng, simd, tf } from '../helpers/setup.mjs';
import { size } from '../helpers/shapes.mjs';

const SHAPES = [[0], [1], [3], [17], [255], [31, 33]];
const STEPS = 4;

/** Initial values and per-step gradients of every variable, from one seed. */
function problem(seed) {
  const random = rng(seed);
  return {
    initial: SHAPES.map((shape) => randomValues(size(shape), random, -1, 1)),
    gradients: Array.from({ length: STEPS }, () => SHAPES.map((shape) => randomValues(size(shape), random, -2, 2))),
  };
}

let scope = 0;

/** Trains fresh variables with `optimizer` for `steps`; returns their values, the moments and the kernels run. */
async function train(
  backend,
  makeOptimizer,
  { initial, gradients },
  { asList = false, steps = gradients.length } = {},
) {
  return onBackend(backend, async () => {
    const prefix = `adam${scope++}`;
    const optimizer = makeOptimizer();
    const variables = SHAPES.map((shape, i) => tf.variable(tf.tensor(initial[i], shape), true, `${prefix}/w${i}`));
    const kernels = new Set();
    for (const stepGradients of gradients.slice(0, steps)) {
      const named = SHAPES.map((shape, i) => ({ name: variables[i].name, tensor: tf.tensor(stepGradients[i], shape) }));
      const grads = asList ? named : Object.fromEntries(named.map(({ name, tensor }) => [name, tensor]));
      const profile = await tf.profile(() => optimizer.applyGradients(grads));
      profile.kernels.forEach((k) => kernels.add(k.name));
      tf.dispose(named.map(({ tensor }) => tensor));
    }
    const weights = await optimizer.getWeights();
    const result = {
      values: await Promise.all(variables.map((v) => v.data())),
      moments: await Promise.all(weights.slice(1).map(({ tensor }) => tensor.data())),
      momentNames: weights.slice(1).map(({ name }) => name.slice(prefix.length)),
      iterations: optimizer.iterations,
      kernels: [...kernels].sort(),
    };
    optimizer.dispose();
    tf.dispose(variables);
    return result;
  });
}

const HYPERPARAMETERS = {
  'tf.train.adam defaults': [],
  'lr 0.05, β1 0.8, β2 0.99, ε 1e-4': [0.05, 0.8, 0.99, 1e-4],
};

for (const [label, args] of Object.entries(HYPERPARAMETERS)) {
  test(`${label}: simd.adam on 'simd' is tf.train.adam on 'cpu', bit for bit, over ${STEPS} steps`, async () => {
    const data = problem(label.length);
    const expected = await train('cpu', () => tf.train.adam(...args), data);
    const fused = await train('simd', () => simd.adam(...args), data);
    assertSameBitsEach(fused.values, expected.values, 'variable');
    assertSameBitsEach(fused.moments, expected.moments, 'moment');
    assert.equal(fused.momentNames, expected.momentNames);
    assert.is(fused.iterations, STEPS);
    assert.ok(fused.kernels.includes('AdamUpdate'), `kernels: ${fused.kernels}`);
    for (const composite of ['Add', 'RealDiv', 'Sqrt', 'Square']) {
      assert.not.ok(fused.kernels.includes(composite), `${composite} ran on 'simd': ${fused.kernels}`);
    }
    // The only element-wise kernels left: β1ᵗ and β2ᵗ advance by one scalar Multiply each, as in AdamOptimizer.
    assert.equal(fused.kernels, ['AdamUpdate', 'Multiply', 'ZerosLike']);
  });
}

test('gradients as a list of named tensors, as Optimizer.minimize may pass them', async () => {
  const data = problem(5);
  const expected = await train('cpu', () => tf.train.adam(0.01), data);
  assertSameBitsEach(
    (await train('simd', () => simd.adam(0.01), data, { asList: true })).values,
    expected.values,
    'variable',
  );
});

test("on 'cpu' it is tfjs's AdamOptimizer: same kernels, same values", async () => {
  const data = problem(6);
  const expected = await train('cpu', () => tf.train.adam(0.01), data);
  const fused = await train('cpu', () => simd.adam(0.01), data);
  assert.equal(fused.kernels, expected.kernels);
  assert.not.ok(fused.kernels.includes('AdamUpdate'));
  assertSameBitsEach(fused.values, expected.values, 'variable');
});

test('stock Adam on simd agrees with the fused one (the composite kernels are correctly rounded too)', async () => {
  const data = problem(7);
  const stock = await train('simd', () => tf.train.adam(0.02), data);
  const fused = await train('simd', () => simd.adam(0.02), data);
  assertSameBitsEach(fused.values, stock.values, 'variable');
  assertSameBitsEach(fused.moments, stock.moments, 'moment');
});

/** Two steps, getWeights, a new optimizer from getConfig with setWeights, the remaining steps. */
async function resumed(backend, optimizerClass, data) {
  return onBackend(backend, async () => {
    const first = new optimizerClass(0.03, 0.85, 0.995, 1e-5);
    const config = first.getConfig();
    const revived = optimizerClass.fromConfig(optimizerClass, config);
    const variables = SHAPES.map((shape, i) =>
      tf.variable(tf.tensor(data.initial[i], shape), true, `resume${scope++}`),
    );
    const step = (optimizer, s) =>
      tf.tidy(() =>
        optimizer.applyGradients(
          Object.fromEntries(SHAPES.map((shape, i) => [variables[i].name, tf.tensor(data.gradients[s][i], shape)])),
        ),
      );
    step(first, 0);
    step(first, 1);
    // Saved as a model file would hold them: copies of the iteration count and the moments.
    const saved = (await first.getWeights()).map(({ name, tensor }) => ({ name, tensor: tensor.clone() }));
    first.dispose();
    await revived.setWeights(saved);
    for (let s = 2; s < STEPS; s++) step(revived, s);
    const result = {
      config,
      revived,
      iterations: revived.iterations,
      values: await Promise.all(variables.map((v) => v.data())),
    };
    revived.dispose();
    tf.dispose(saved.map(({ tensor }) => tensor));
    tf.dispose(variables);
    return result;
  });
}

test("config and weights round trip: training resumes as tfjs's Adam resumes", async () => {
  const data = problem(8);
  // setWeights recomputes the β powers with tf.pow, so resuming is not bit for bit an uninterrupted run,
  // for tf.train.adam either: the reference resumes the same way.
  const expected = await resumed('cpu', tf.AdamOptimizer, data);
  const fused = await resumed('simd', simd.FusedAdamOptimizer, data);
  assert.equal(fused.config, { learningRate: 0.03, beta1: 0.85, beta2: 0.995, epsilon: 1e-5 });
  assert.is(simd.FusedAdamOptimizer.className, 'Adam');
  assert.instance(fused.revived, simd.FusedAdamOptimizer);
  assert.is(fused.iterations, STEPS);
  assertSameBitsEach(fused.values, expected.values, 'variable');
});

test('no tensor and no byte left behind over many steps', async () => {
  await onBackend('simd', async () => {
    const optimizer = simd.adam(0.01);
    const w = tf.variable(tf.randomNormal([37, 11], 0, 1, 'float32', 3), true, 'leak/w');
    const b = tf.variable(tf.zeros([11]), true, 'leak/b');
    const x = tf.randomNormal([8, 37], 0, 1, 'float32', 4);
    /** @returns {tf.Scalar} */
    const loss = () => tf.mean(tf.square(tf.add(tf.matMul(x, w), b)));
    optimizer.minimize(loss);
    const before = tf.memory();
    for (let i = 0; i < 60; i++) optimizer.minimize(loss);
    const after = tf.memory();
    assert.is(after.numTensors, before.numTensors);
    assert.is(after.numBytes, before.numBytes);
    optimizer.dispose();
    tf.dispose([w, b, x]);
  });
});

test('the kernel refuses operands it does not implement, before allocating', async () => {
  await onBackend('simd', async () => {
    const before = tf.memory().numTensors;
    const attrs = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7, negLearningRate: -0.01 };
    const f = tf.zeros([3]);
    const i = tf.zeros([3], 'int32');
    const g = tf.zeros([4]);
    const b = tf.scalar(0.9);
    const pair = tf.zeros([2]);
    const run = (inputs) =>
      tf
        .engine()
        .runKernel('AdamUpdate', { param: f, gradient: f, m: f, v: f, accBeta1: b, accBeta2: b, ...inputs }, attrs);
    assert.throws(() => run({ gradient: i }), /gradient.*float32/);
    assert.throws(() => run({ gradient: g }), /shape \[3\]/);
    assert.throws(() => run({ accBeta2: pair }), /accBeta2.*float32 scalar.*\[2\]/);
    assert.throws(() => run({ accBeta1: undefined }), /accBeta1.*none/);
    tf.dispose([f, i, g, b, pair]);
    assert.is(tf.memory().numTensors, before);
  });
});

test.run();
