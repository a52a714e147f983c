// @ts-check
// Every tfjs optimizer's float32 update runs only native kernels on 'simd' (checked with tf.profile
// against kernelCoverage().native), and three steps agree with 'cpu' (rtol 1e-5: a few float32 roundings,
// and the transcendentals of 'simd' differ from the cpu's float64 ones by a few ulp).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertClose, onBackend, randomValues, rng, simd, tf } from '../helpers/setup.mjs';

const OPTIMIZERS = {
  sgd: () => tf.train.sgd(0.1),
  momentum: () => tf.train.momentum(0.1, 0.9),
  nesterov: () => tf.train.momentum(0.1, 0.9, true),
  adam: () => tf.train.adam(0.01),
  adamax: () => tf.train.adamax(0.01),
  rmsprop: () => tf.train.rmsprop(0.01),
  centeredRmsprop: () => tf.train.rmsprop(0.01, 0.9, 0.1, 1e-7, true),
  adagrad: () => tf.train.adagrad(0.1),
  adadelta: () => tf.train.adadelta(0.1),
};

const random = rng(31);
const weights = randomValues(3 * 17, random, -1, 1);
const gradients = [0, 1, 2].map(() => randomValues(3 * 17, random, -1, 1));

/** Three steps of `make()` on `backend`; returns the final weights and every kernel the steps ran. */
async function train(backend, make) {
  return onBackend(backend, async () => {
    const before = tf.memory().numTensors;
    const optimizer = make();
    const initial = tf.tensor2d(weights, [3, 17]);
    const w = tf.variable(initial, true, 'w');
    initial.dispose();
    const kernels = new Set();
    for (const g of gradients) {
      const grad = tf.tensor2d(g, [3, 17]);
      const profile = await tf.profile(() => optimizer.applyGradients({ w: grad }));
      profile.kernels.forEach((k) => kernels.add(k.name));
      grad.dispose();
    }
    const values = await w.data();
    optimizer.dispose();
    w.dispose();
    // Some optimizers keep tensors after dispose() on every backend; 'simd' must keep no more.
    return { values, kernels: [...kernels].sort(), kept: tf.memory().numTensors - before };
  });
}

for (const [name, make] of Object.entries(OPTIMIZERS)) {
  test(`${name}: float32 steps run only native kernels and match cpu`, async () => {
    const { values, kernels, kept } = await train('simd', make);
    const { native } = simd.kernelCoverage();
    assert.ok(kernels.length > 0, 'the profile saw no kernel');
    assert.equal(
      kernels.filter((k) => !native.includes(k)),
      [],
      `fallback kernels in ${name}`,
    );
    const expected = await train('cpu', make);
    assertClose(values, expected.values, { rtol: 1e-5, atol: 1e-7, what: name });
    assert.is(kept, expected.kept, 'tensors left behind');
  });
}

test.run();
