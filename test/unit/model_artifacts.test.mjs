// @ts-check
// Saved models are standard tfjs LayersModel artifacts: stock tf.loadLayersModel, on 'cpu', loads every
// network a model saves and reproduces what the model computes on 'simd'; Model.load rebuilds the model.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import '../../dist/index.js';
import { AnomalyDetector, MLPRegressor, VAE } from '../../dist/models/index.js';
import { assertClose } from '../helpers/setup.mjs';

/** A plain io handler over a saved network's folder, written here from tfjs's own helpers: no package code. */
const stockFolder = (dir) => ({
  load: async () => {
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    const shards = json.weightsManifest.flatMap((group) => group.paths).map((path) => readFileSync(join(dir, path)));
    const bytes = Buffer.concat(shards);
    return tf.io.getModelArtifactsForJSONSync(
      json,
      tf.io.getWeightSpecs(json.weightsManifest),
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    );
  },
});

/** Loads a saved network with stock tf.loadLayersModel on `backend` and runs it on `input` (plain arrays in and out). */
async function onCpu(dir, input, shape, backend = 'cpu') {
  await tf.setBackend(backend);
  const net = await tf.loadLayersModel(stockFolder(dir));
  const y = /** @type {tf.Tensor} */ (tf.tidy(() => net.predict(tf.tensor(input, shape))));
  const values = await y.data();
  tf.dispose(y);
  net.dispose();
  await tf.setBackend('simd');
  return values;
}

const TOLERANCE = { rtol: 2e-4, atol: 2e-4 };

function withFolder(use) {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'artifacts-'));
    try {
      await use(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

/** @returns {tf.Tensor2D} */
const rows = (n, features, seed) => tf.randomUniform([n, features], 0, 1, 'float32', seed);

for (const decoder of /** @type {import('../../dist/models/index.js').DecoderKind[]} */ (['bernoulli', 'gaussian'])) {
  test(
    `VAE (${decoder}): stock loader on cpu reproduces the encoder and decoder; VAE.load the ELBO`,
    withFolder(async (dir) => {
      await tf.setBackend('simd');
      const x = rows(17, 12, 1);
      const vae = new VAE({ inputDim: 12, hiddenUnits: [9, 7], latentDim: 3, decoder, seed: 4 });
      await vae.fit(x, { epochs: 2, batchSize: 5 });
      await vae.save(`file://${dir}`);
      assert.equal(readdirSync(dir).sort(), ['decoder', 'encoder']);
      const { mean, logVar } = vae.encode(x);
      const z = tf.randomNormal([17, 3], 0, 1, 'float32', 2);
      const decoded = /** @type {tf.Tensor} */ (vae.networks.decoder.predict(z));
      assertClose(
        await onCpu(join(dir, 'encoder'), await x.data(), [17, 12]),
        await tf.concat([mean, logVar], 1).data(),
        { ...TOLERANCE, what: 'encoder' },
      );
      assertClose(await onCpu(join(dir, 'decoder'), await z.data(), [17, 3]), await decoded.data(), {
        ...TOLERANCE,
        what: 'decoder',
      });
      const loaded = await VAE.load(dir);
      assert.equal(loaded.config, vae.config);
      assert.equal(Array.from(await loaded.elbo(x, 3).data()), Array.from(await vae.elbo(x, 3).data()));
      tf.dispose([x, mean, logVar, z, decoded]);
      vae.dispose();
      loaded.dispose();
    }),
  );
}

test(
  'MLPRegressor: stock loader on cpu reproduces predict on standardized inputs; load restores both',
  withFolder(async (dir) => {
    await tf.setBackend('simd');
    const x = tf.mul(rows(31, 3, 5), 40);
    const y = tf.sum(tf.sin(x), 1);
    const model = new MLPRegressor({ hiddenUnits: [16, 8], seed: 2 });
    await model.fit(x, y, { epochs: 3 });
    await model.save(dir);
    const expected = await model.predict(x).data();
    const { inputMean, inputStd } = JSON.parse(readFileSync(join(dir, 'regressor/model.json'), 'utf8'))
      .userDefinedMetadata.tfjsBackendSimd;
    const standardized = tf.div(tf.sub(x, inputMean), inputStd);
    assertClose(await onCpu(join(dir, 'regressor'), await standardized.data(), [31, 3]), expected, {
      ...TOLERANCE,
      what: 'regressor',
    });
    const loaded = await MLPRegressor.load(dir);
    assert.equal(Array.from(await loaded.predict(x).data()), Array.from(expected));
    tf.dispose([x, y, standardized]);
    model.dispose();
    loaded.dispose();
  }),
);

/** @type {Array<[import('../../dist/models/index.js').DetectorModel, () => tf.Tensor2D | tf.Tensor4D, number[]]>} */
const detectors = [
  ['autoencoder', () => rows(40, 10, 6), [40, 10]],
  ['conv-autoencoder', () => rows(12, 7 * 5 * 2, 7).as4D(12, 7, 5, 2), [12, 7, 5, 2]],
];

for (const [model, data, shape] of detectors) {
  test(
    `AnomalyDetector (${model}): stock loader on cpu reproduces the scores; load restores the threshold`,
    withFolder(async (dir) => {
      await tf.setBackend('simd');
      const x = data();
      const detector = new AnomalyDetector({ model, hiddenUnits: [8], latentDim: 3, seed: 1 });
      await detector.fit(x, { epochs: 2 });
      await detector.save(dir);
      const scores = await detector.decisionFunction(x).data();
      const reconstruction = await onCpu(join(dir, 'autoencoder'), await x.data(), shape);
      const pixels = reconstruction.length / shape[0];
      const xs = await x.data();
      const stockScores = Array.from({ length: shape[0] }, (_, i) => {
        let sum = 0;
        for (let p = i * pixels; p < (i + 1) * pixels; p++) sum += (reconstruction[p] - xs[p]) ** 2;
        return sum;
      });
      assertClose(stockScores, scores, { ...TOLERANCE, what: `${model} scores` });
      const loaded = await AnomalyDetector.load(dir);
      assert.is(loaded.threshold, detector.threshold);
      assert.equal(loaded.config, detector.config);
      assert.equal(Array.from(await loaded.predict(x).data()), Array.from(await detector.predict(x).data()));
      tf.dispose(x);
      detector.dispose();
      loaded.dispose();
    }),
  );
}

test(
  'AnomalyDetector (vae): stock loader on cpu reproduces its encoder; load restores the scores',
  withFolder(async (dir) => {
    await tf.setBackend('simd');
    const x = rows(30, 8, 8);
    const detector = new AnomalyDetector({
      model: 'vae',
      hiddenUnits: [6],
      latentDim: 2,
      vaeDecoder: 'bernoulli',
      seed: 3,
    });
    await detector.fit(x, { epochs: 2 });
    await detector.save(dir);
    assert.equal(readdirSync(dir).sort(), ['decoder', 'encoder']);
    const encoder = JSON.parse(readFileSync(join(dir, 'encoder/model.json'), 'utf8'));
    assert.is(encoder.modelTopology.class_name, 'Sequential');
    const stock = await onCpu(join(dir, 'encoder'), await x.data(), [30, 8]);
    assert.is(stock.length, 30 * 4);
    assertClose(stock, await onCpu(join(dir, 'encoder'), await x.data(), [30, 8], 'simd'), {
      ...TOLERANCE,
      what: 'encoder, cpu vs simd',
    });
    const loaded = await AnomalyDetector.load(dir);
    assert.equal(
      Array.from(await loaded.decisionFunction(x).data()),
      Array.from(await detector.decisionFunction(x).data()),
    );
    assert.is(loaded.threshold, detector.threshold);
    tf.dispose(x);
    detector.dispose();
    loaded.dispose();
  }),
);

test('save through memory handlers; unsaved and unknown destinations fail clearly', async () => {
  await tf.setBackend('simd');
  const x = rows(20, 4, 9);
  const detector = new AnomalyDetector({ hiddenUnits: [3], latentDim: 2 });
  await detector.save('/nonexistent-dir-for-test').then(
    () => assert.unreachable('saved'),
    (e) => assert.match(e.message, /call fit first/),
  );
  await detector.fit(x, { epochs: 1 });
  const saved = {};
  await detector.save({
    autoencoder: tf.io.withSaveHandler(async (artifacts) => {
      saved.autoencoder = artifacts;
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  });
  const loaded = await AnomalyDetector.load({ autoencoder: tf.io.fromMemory(saved.autoencoder) });
  assert.equal(
    Array.from(await loaded.decisionFunction(x).data()),
    Array.from(await detector.decisionFunction(x).data()),
  );
  await detector.save('nosuchscheme://x').then(
    () => assert.unreachable('saved'),
    (e) => assert.match(e.message, /no tfjs io handler can save 'nosuchscheme:\/\/x\/autoencoder'/),
  );
  tf.dispose(x);
  detector.dispose();
  loaded.dispose();
});

test.run();
