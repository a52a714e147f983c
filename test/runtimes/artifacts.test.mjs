// @ts-check
// VAE.save / VAE.load through tfjs's memory io handlers, as workers and browsers use them: no file system.

import * as tf from '@tensorflow/tfjs-core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import '../../dist/index.js';
import { VAE } from '../../dist/models/index.js';

/** Saves a tiny VAE into memory: the artifacts of each network, as a withSaveHandler receives them. */
async function savedTinyVae() {
  await tf.setBackend('simd');
  const vae = new VAE({ inputDim: 6, hiddenUnits: [4], latentDim: 2, decoder: 'gaussian', seed: 9 });
  const saved = {};
  const into = (name) =>
    tf.io.withSaveHandler(async (artifacts) => {
      saved[name] = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    });
  await vae.save({ encoder: into('encoder'), decoder: into('decoder') });
  return { vae, saved };
}

const fromMemory = (saved) => ({ encoder: tf.io.fromMemory(saved.encoder), decoder: tf.io.fromMemory(saved.decoder) });

test('load from memory handlers gives the same model as the one saved', async () => {
  const { vae, saved } = await savedTinyVae();
  assert.ok(saved.encoder.modelTopology && saved.decoder.modelTopology, 'each network has its topology');
  const loaded = await VAE.load(fromMemory(saved));
  const x = tf.tensor2d(
    Float32Array.from({ length: 18 }, (_, i) => Math.sin(i)),
    [3, 6],
  );
  const [a, b] = [vae.elbo(x, 5), loaded.elbo(x, 5)];
  assert.equal(Array.from(await b.data()), Array.from(await a.data()));
  assert.equal(loaded.config, vae.config);
  tf.dispose([x, a, b]);
  vae.dispose();
  loaded.dispose();
});

test('load rejects a missing network, another kind and mismatched networks, leaving no tensors', async () => {
  const { vae, saved } = await savedTinyVae();
  vae.dispose();
  const before = tf.memory().numTensors;
  const rejects = async (store, pattern) => {
    await VAE.load(store).then(
      () => assert.unreachable('loaded'),
      (e) => assert.match(e.message, pattern),
    );
  };
  await rejects({ encoder: tf.io.fromMemory(saved.encoder) }, /VAE\.load: .*no io handler for the network 'decoder'/);
  const otherKind = { ...saved.encoder, userDefinedMetadata: { tfjsBackendSimd: { kind: 'MLPRegressor' } } };
  await rejects(
    { ...fromMemory(saved), encoder: tf.io.fromMemory(otherKind) },
    /network 'encoder' is not part of a VAE \(kind: MLPRegressor\)/,
  );
  await rejects(
    { encoder: tf.io.fromMemory(saved.decoder), decoder: tf.io.fromMemory(saved.decoder) },
    /the encoder maps 2 to 12 columns, the config needs 6 to 4/,
  );
  assert.is(tf.memory().numTensors, before, 'nothing left by the failed loads');
});

test.run();
