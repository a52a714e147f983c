// @ts-check
// AnomalyDetector({ model: 'conv-autoencoder' }) on MNIST images [n, 28, 28, 1]: the PyOD contract (fit,
// decisionFunction, predict, threshold), rank checks, equal training on 'simd' and 'cpu', no leaked tensors.

import * as tf from '@tensorflow/tfjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import '../../dist/index.js';
import { AnomalyDetector, quantile, rocAuc } from '../../dist/models/index.js';
import { loadMnist, PIXELS, selectDigits } from '../../packages/cli/dist/data/mnist.js';

const { train, test: testSet } = loadMnist();
function images(set, count = set.count) {
  const n = Math.min(count, set.count);
  return tf.tensor4d(set.images.subarray(0, n * PIXELS), [n, 28, 28, 1]);
}

async function assertRejects(promise, pattern) {
  try {
    await promise;
  } catch (error) {
    assert.match(error.message, pattern);
    return;
  }
  assert.unreachable(`expected a rejection matching ${pattern}`);
}

test('conv-autoencoder detector: other digits score above the normal one; threshold and predict as PyOD', async () => {
  await tf.setBackend('simd');
  const before = tf.memory().numTensors;
  const x = images(
    selectDigits(train, (d) => d === 1),
    600,
  );
  const detector = new AnomalyDetector({ model: 'conv-autoencoder', latentDim: 8, contamination: 0.05, seed: 1 });
  await detector.fit(x, { epochs: 4 });
  const xTest = images(testSet, 2000);
  const values = async (t) => {
    const data = await t.data();
    t.dispose();
    return data;
  };
  const scores = await values(detector.decisionFunction(xTest));
  const labels = Array.from(testSet.labels.subarray(0, 2000), (d) => (d === 1 ? 0 : 1));
  const auc = rocAuc(scores, labels);
  assert.ok(auc > 0.9, `ROC AUC ${auc}`);
  const trainScores = await values(detector.decisionFunction(x));
  assert.ok(Math.abs(detector.threshold - quantile(trainScores, 0.95)) < 1e-6 * Math.abs(detector.threshold));
  const flagged = await values(detector.predict(x));
  const share = flagged.reduce((s, f) => s + f, 0) / flagged.length;
  assert.ok(share > 0.03 && share < 0.07, `share of training images flagged ${share}`);
  tf.dispose([x, xTest]);
  detector.dispose();
  assert.is(tf.memory().numTensors, before);
});

test('conv-autoencoder detector: rows are refused, and the dense models refuse images', async () => {
  const rows = /** @type {tf.Tensor2D} */ (tf.zeros([4, PIXELS]));
  const pictures = /** @type {tf.Tensor4D} */ (tf.zeros([4, 28, 28, 1]));
  const conv = new AnomalyDetector({ model: 'conv-autoencoder' });
  await assertRejects(conv.fit(rows), /x must have shape \[n > 0, height, width, channels\]/);
  const dense = new AnomalyDetector({ model: 'autoencoder' });
  await assertRejects(dense.fit(pictures), /x must have shape \[n > 0, features\]/);
  // @ts-expect-error: a model that does not exist, on purpose
  assert.throws(() => new AnomalyDetector({ model: 'conv' }), /'conv-autoencoder' \(images\)/);
  tf.dispose([rows, pictures]);
});

test('conv-autoencoder: same scores on simd and cpu before and after eight Adam steps (1e-3 relative)', async () => {
  // Steps of one image: tfjs-backend-cpu's ResizeNearestNeighborGrad (the upsampling's gradient) reads dy with
  // the wrong batch stride beyond the first image, so only single-image batches train the same on 'cpu'.
  const scoresOn = async (backend) => {
    await tf.setBackend(backend);
    const x = images(
      selectDigits(train, (d) => d === 7),
      8,
    );
    const detector = new AnomalyDetector({ model: 'conv-autoencoder', latentDim: 4, seed: 2 });
    await detector.fit(x, { epochs: 0 });
    const initial = await detector.decisionFunction(x).data();
    await detector.fit(x, { epochs: 1, batchSize: 1 });
    const trained = await detector.decisionFunction(x).data();
    detector.dispose();
    x.dispose();
    return { initial, trained };
  };
  const cpu = await scoresOn('cpu');
  const simd = await scoresOn('simd');
  for (let i = 0; i < cpu.initial.length; i++) {
    assert.ok(
      Math.abs(simd.initial[i] - cpu.initial[i]) <= 1e-4 * Math.abs(cpu.initial[i]),
      `image ${i}: ${simd.initial[i]} vs ${cpu.initial[i]}`,
    );
    assert.ok(
      Math.abs(simd.trained[i] - cpu.trained[i]) <= 1e-3 * Math.abs(cpu.trained[i]),
      `image ${i}: ${simd.trained[i]} vs ${cpu.trained[i]}`,
    );
    assert.ok(
      Math.abs(simd.trained[i] - simd.initial[i]) > 1e-3 * simd.initial[i],
      `image ${i}: training changed the score`,
    );
  }
});

test.run();
