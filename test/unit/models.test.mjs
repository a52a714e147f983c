// @ts-check
// The models: same training result on simd as on cpu, save/load round trips, clear errors.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import '../../dist/index.js';
import { AnomalyDetector, MLPRegressor, quantile, rocAuc, VAE } from '../../dist/models/index.js';
import { binarize, loadMnist, PIXELS, selectDigits } from '../../packages/cli/dist/data/mnist.js';
import { sinData } from '../../packages/cli/dist/data/sin.js';

const { train, test: testSet } = loadMnist();
const rows = (set, n) => tf.tensor2d(set.images.subarray(0, n * PIXELS), [n, PIXELS]);

async function elboAfterTraining(backend, decoder) {
  await tf.setBackend(backend);
  const data = decoder === 'bernoulli' ? binarize(train) : train;
  const x = rows(data, 200);
  const vae = new VAE({ inputDim: PIXELS, hiddenUnits: [64], latentDim: 8, decoder, seed: 3 });
  const history = await vae.fit(x, { epochs: 2, batchSize: 50 });
  const elbo = tf.mean(vae.elbo(x));
  const value = (await elbo.data())[0];
  tf.dispose([x, elbo]);
  vae.dispose();
  return { value, history };
}

for (const decoder of /** @type {import('../../dist/models/index.js').DecoderKind[]} */ (['bernoulli', 'gaussian'])) {
  test(`VAE (${decoder}): ELBO after a fixed number of steps on simd equals cpu within 1%`, async () => {
    const cpu = await elboAfterTraining('cpu', decoder);
    const simd = await elboAfterTraining('simd', decoder);
    assert.ok(Number.isFinite(simd.value), `finite ELBO ${simd.value}`);
    assert.ok(simd.history.elbo[1] > simd.history.elbo[0], `ELBO improves: ${simd.history.elbo}`);
    const rel = Math.abs(simd.value - cpu.value) / Math.abs(cpu.value);
    assert.ok(rel < 0.01, `simd ${simd.value} vs cpu ${cpu.value}`);
  });
}

test('VAE: save then load reproduces the ELBO; bad files give clear errors', async () => {
  await tf.setBackend('simd');
  const dir = await mkdtemp(join(tmpdir(), 'vae-'));
  try {
    const x = rows(binarize(testSet), 20);
    const vae = new VAE({ inputDim: PIXELS, hiddenUnits: [32], latentDim: 4, decoder: 'bernoulli', seed: 5 });
    await vae.fit(x, { epochs: 1, batchSize: 10 });
    await vae.save(dir);
    const loaded = await VAE.load(dir);
    const [a, b] = [vae.elbo(x, 9), loaded.elbo(x, 9)];
    assert.equal(Array.from(await a.data()), Array.from(await b.data()));
    tf.dispose([a, b, x]);
    loaded.dispose();
    vae.dispose();

    await rejects(
      () => VAE.load(join(dir, 'missing')),
      /VAE\.load: .*missing.*network 'encoder': .*cannot read model\.json/,
    );
    const bin = await readFile(join(dir, 'decoder/weights.bin'));
    await writeFile(join(dir, 'decoder/weights.bin'), bin.subarray(0, 100));
    await rejects(() => VAE.load(dir), /network 'decoder': .*weights\.bin has 100 bytes, the manifest describes \d+/);
    await writeFile(join(dir, 'encoder/model.json'), '{ not json');
    await rejects(() => VAE.load(dir), /network 'encoder': .*cannot read model\.json/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

async function rejects(fn, pattern) {
  try {
    await fn();
  } catch (e) {
    assert.match(e.message, pattern);
    return;
  }
  assert.unreachable(`expected an error matching ${pattern}`);
}

test('VAE: IWAE bound is at least the ELBO on average and K = 1 is an ELBO', async () => {
  await tf.setBackend('simd');
  const x = rows(binarize(testSet), 30);
  const vae = new VAE({ inputDim: PIXELS, hiddenUnits: [32], latentDim: 4, decoder: 'bernoulli', seed: 2 });
  await vae.fit(x, { epochs: 2, batchSize: 10 });
  const mean = async (t) => {
    const m = tf.mean(t);
    const v = (await m.data())[0];
    tf.dispose([m, t]);
    return v;
  };
  const elbo = await mean(vae.elbo(x));
  const iwae = await mean(vae.logLikelihood(x, { samples: 50 }));
  assert.ok(iwae >= elbo - 0.5, `IWAE ${iwae} >= ELBO ${elbo}`);
  assert.throws(() => vae.logLikelihood(x, { samples: 0 }), /samples must be an integer >= 1/);
  assert.throws(() => vae.elbo(tf.zeros([2, 5])), /VAE\.elbo: x must have shape \[n, 784\], got \[2,5\]/);
  tf.dispose(x);
  vae.dispose();
});

test('MLPRegressor: the deep net fits sin x on [0, 10π] to MSE < 0.05 on simd', async () => {
  await tf.setBackend('simd');
  const { x, y } = sinData(1000);
  const xs = tf.tensor2d(x, [1000, 1]);
  const ys = tf.tensor1d(y);
  const model = new MLPRegressor({ hiddenUnits: [20, 20], activation: 'relu', seed: 0 });
  const losses = await model.fit(xs, ys, { epochs: 100 });
  assert.ok(losses.at(-1) < 0.05, `final MSE ${losses.at(-1)}`);
  const prediction = model.predict(xs);
  const mse = tf.losses.meanSquaredError(tf.reshape(ys, [-1, 1]), prediction);
  assert.ok((await mse.data())[0] < 0.05);
  tf.dispose([xs, ys, prediction, mse]);
  model.dispose();
});

test('AnomalyDetector: flags other digits above the normal one, with the PyOD contract', async () => {
  await tf.setBackend('simd');
  const normal = selectDigits(train, (d) => d === 1);
  const x = tf.tensor2d(normal.images, [normal.count, PIXELS]);
  const detector = new AnomalyDetector({
    model: 'autoencoder',
    hiddenUnits: [64],
    latentDim: 8,
    contamination: 0.05,
    seed: 1,
  });
  await detector.fit(x, { epochs: 5 });
  const xTest = tf.tensor2d(testSet.images, [testSet.count, PIXELS]);
  const scores = await detector.decisionFunction(xTest).data();
  const labels = Array.from(testSet.labels, (d) => (d === 1 ? 0 : 1));
  const auc = rocAuc(scores, labels);
  assert.ok(auc > 0.9, `ROC AUC ${auc}`);
  const trainScores = await detector.decisionFunction(x).data();
  assert.ok(Math.abs(detector.threshold - quantile(trainScores, 0.95)) < 1e-6 * Math.abs(detector.threshold));
  const flagged = Array.from(await detector.predict(x).data());
  const share = flagged.reduce((s, f) => s + f, 0) / flagged.length;
  assert.ok(share > 0.03 && share < 0.07, `share of training rows flagged ${share}`);
  assert.throws(() => new AnomalyDetector({ contamination: 0.7 }), /contamination must be in \(0, 0\.5\)/);
  // @ts-expect-error: a model that does not exist, on purpose
  assert.throws(() => new AnomalyDetector({ model: 'svm' }), /model must be 'autoencoder' or 'vae'/);
  tf.dispose([x, xTest]);
  detector.dispose();
});

// A Bernoulli VAE on grey levels beats the mean-image baseline; a Gaussian one on the same pixels does not (its
// variance collapses on the constant background), which is why the CLI's detect defaults to Bernoulli.
test('AnomalyDetector (vae, Bernoulli decoder): digit 0 against the others above the mean-image baseline', async () => {
  await tf.setBackend('simd');
  const normal = selectDigits(train, (d) => d === 0);
  const x = tf.tensor2d(normal.images, [normal.count, PIXELS]);
  const xTest = tf.tensor2d(testSet.images, [testSet.count, PIXELS]);
  const labels = Array.from(testSet.labels, (d) => (d === 0 ? 0 : 1));
  const baseline = await tf.tidy(() => tf.sum(tf.squaredDifference(xTest, tf.mean(x, 0)), 1)).data();
  const detector = new AnomalyDetector({ model: 'vae', vaeDecoder: 'bernoulli', seed: 1 });
  await detector.fit(x, { epochs: 15 });
  const auc = rocAuc(await detector.decisionFunction(xTest).data(), labels);
  const baselineAuc = rocAuc(baseline, labels);
  assert.ok(auc > baselineAuc, `ROC AUC ${auc} vs baseline ${baselineAuc}`);
  assert.throws(
    // @ts-expect-error: a decoder that does not exist, on purpose
    () => new AnomalyDetector({ model: 'vae', vaeDecoder: 'poisson' }),
    /vaeDecoder must be 'gaussian' or 'bernoulli', got 'poisson'/,
  );
  tf.dispose([x, xTest]);
  detector.dispose();
});

test('rocAuc and quantile against hand-computed values', () => {
  assert.is(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]), 0.75);
  assert.is(rocAuc([1, 1, 1, 1], [0, 1, 0, 1]), 0.5);
  assert.is(quantile([1, 2, 3, 4, 5], 0.5), 3);
  assert.is(quantile([1, 2, 3, 4], 0.9), 3.7);
  assert.throws(() => rocAuc([1, 2], [1, 1]), /at least one positive and one negative/);
});

test.run();
