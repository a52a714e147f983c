// @ts-check
// The ops inside training: tf.grad, tf.variableGrads, optimizer.minimize and a tfjs-layers custom loss,
// with the fused kernels on 'simd' following the same trajectory as the composite ops on 'cpu'.
import * as tfjs from '@tensorflow/tfjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertClose, onBackend, randomValues, rng, simd, tf } from '../helpers/setup.mjs';

const B = 8;
const D = 13;

/** A VAE-style objective: Gaussian negative log-likelihood of a reconstruction plus KL of a latent. */
async function trainGaussian(backend) {
  return onBackend(backend, async () => {
    const random = rng(42);
    const x = tf.tensor2d(randomValues(B * D, random, 0, 1), [B, D]);
    const eps = 3;
    const mean = tf.variable(tf.tensor2d(randomValues(B * D, random, -1, 1), [B, D]));
    const logVar = tf.variable(tf.tensor1d(randomValues(D, random, -1, 1)));
    const latentMean = tf.variable(tf.tensor2d(randomValues(B * D, random, -1, 1), [B, D]));
    const latentLogVar = tf.variable(tf.tensor2d(randomValues(B * D, random, -1, 1), [B, D]));
    /** @returns {tf.Scalar} */
    const objective = () =>
      tf.add(
        tf.neg(
          tf.mean(
            simd.gaussianLogLikelihood(
              x,
              tf.add(mean, tf.mul(0.1, simd.reparameterize(latentMean, latentLogVar, eps))),
              logVar,
            ),
          ),
        ),
        tf.mean(simd.klStandardNormal(latentMean, latentLogVar)),
      );
    const { value, grads } = tf.variableGrads(objective);
    assert.equal(Object.keys(grads).length, 4);
    const firstGrads = await Promise.all(Object.values(grads).map((g) => g.data()));
    tf.dispose([value, ...Object.values(grads)]);
    const optimizer = tf.train.adam(0.05);
    const losses = [];
    let afterFirstStep = 0;
    for (let step = 0; step < 30; step++) {
      if (step === 1) afterFirstStep = tf.memory().numTensors;
      const loss = optimizer.minimize(objective, true);
      losses.push((await loss.data())[0]);
      loss.dispose();
    }
    assert.is(tf.memory().numTensors, afterFirstStep, `${backend}: no leak per step`);
    const result = { losses, firstGrads, logVar: await logVar.data() };
    optimizer.dispose();
    tf.dispose([x, mean, logVar, latentMean, latentLogVar]);
    return result;
  });
}

test('variableGrads and optimizer.minimize: simd follows cpu, and the loss goes down', async () => {
  const fused = await trainGaussian('simd');
  const composite = await trainGaussian('cpu');
  fused.firstGrads.forEach((g, i) =>
    assertClose(g, composite.firstGrads[i], { rtol: 1e-4, atol: 1e-5, what: `grad ${i}` }),
  );
  assert.ok(fused.losses[29] < fused.losses[0] - 1, `loss ${fused.losses[0]} -> ${fused.losses[29]}`);
  assertClose(fused.losses, composite.losses, { rtol: 1e-3, atol: 1e-3, what: 'loss trajectory' });
  assertClose(fused.logVar, composite.logVar, { rtol: 1e-3, atol: 1e-3, what: 'trained logVar' });
});

test('tf.grad of every op composes with stock ops around it', async () => {
  const random = rng(3);
  const values = randomValues(3 * 5, random, -2, 2);
  const results = {};
  for (const backend of ['cpu', 'simd']) {
    results[backend] = await onBackend(backend, async () => {
      const labels = tf.sigmoid(tf.tensor2d(values, [3, 5]));
      const f = (x) =>
        tf.sum(
          tf.stack([
            tf.sum(simd.sigmoidCrossEntropyWithLogits(labels, tf.mul(x, 2))),
            tf.sum(simd.softmaxCrossEntropyWithLogits(labels, tf.square(x))),
            simd.meanPairwiseSquaredError(labels, tf.tanh(x)),
            tf.sum(simd.klStandardNormal(x, tf.mul(x, 0.5))),
          ]),
        );
      const g = tf.grad(f)(tf.tensor2d(values, [3, 5]));
      const out = await g.data();
      tf.dispose([labels, g]);
      return out;
    });
  }
  assertClose(results.simd, results.cpu, { rtol: 1e-4, atol: 1e-5, what: 'composed gradient' });
});

test('works as a tfjs-layers custom loss', async () => {
  await onBackend('simd', async () => {
    const random = rng(5);
    const xs = tf.tensor2d(randomValues(32 * 4, random, -1, 1), [32, 4]);
    const ys = tf.cast(tf.greater(tf.sum(xs, 1, true), 0), 'float32');
    const model = tfjs.sequential({ layers: [tfjs.layers.dense({ inputShape: [4], units: 1 })] });
    model.compile({
      optimizer: tfjs.train.sgd(0.5),
      loss: (yTrue, yPred) => tf.mean(simd.sigmoidCrossEntropyWithLogits(yTrue, yPred)),
    });
    const history = await model.fit(xs, ys, { epochs: 5, batchSize: 32, verbose: 0 });
    const loss = history.history.loss;
    assert.ok(loss[4] < loss[0], `loss ${loss[0]} -> ${loss[4]}`);
    model.dispose();
    tf.dispose([xs, ys]);
  });
});

test.run();
