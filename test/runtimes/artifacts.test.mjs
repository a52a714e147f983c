// VAE.fromArtifacts: the in-memory twin of VAE.load, used where there is no file system (workers, browsers).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '../../dist/index.js';
import { VAE } from '../../dist/models/index.js';

async function savedTinyVae() {
  await tf.setBackend('simd');
  const dir = await mkdtemp(join(tmpdir(), 'vae-artifacts-'));
  const vae = new VAE({ inputDim: 6, hiddenUnits: [4], latentDim: 2, decoder: 'gaussian', seed: 9 });
  await vae.save(dir);
  const modelJson = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
  const weights = await readFile(join(dir, 'weights.bin'));
  return { dir, vae, modelJson, weights };
}

test('fromArtifacts gives the same model as load, from an ArrayBuffer or a Uint8Array', async () => {
  const { dir, vae, modelJson, weights } = await savedTinyVae();
  const loaded = await VAE.load(dir);
  const fromBytes = VAE.fromArtifacts(modelJson, weights);
  const fromBuffer = VAE.fromArtifacts(modelJson, weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength));
  const x = tf.tensor2d(Float32Array.from({ length: 18 }, (_, i) => Math.sin(i)), [3, 6]);
  const expected = await vae.elbo(x, 5).data();
  for (const model of [loaded, fromBytes, fromBuffer]) {
    assert.equal(Array.from(await model.elbo(x, 5).data()), Array.from(expected));
    assert.equal(model.config, vae.config);
  }
  tf.dispose(x);
  for (const model of [vae, loaded, fromBytes, fromBuffer]) model.dispose();
  await rm(dir, { recursive: true });
});

test('fromArtifacts rejects a wrong kind, a short weights buffer and an unknown dtype, leaving no tensors', async () => {
  const { dir, vae, modelJson, weights } = await savedTinyVae();
  vae.dispose();
  // Constructing a VAE leaves its initial values behind (dense_stack.ts does not dispose them): count
  // that once as the baseline, then a failed fromArtifacts must leave nothing more.
  const beforeBaseline = tf.memory().numTensors;
  new VAE(modelJson.userDefinedMetadata.config).dispose();
  const constructionLeak = tf.memory().numTensors - beforeBaseline;
  const before = tf.memory().numTensors;
  const otherKind = { ...modelJson, userDefinedMetadata: { ...modelJson.userDefinedMetadata, kind: 'MLPRegressor' } };
  assert.throws(() => VAE.fromArtifacts(otherKind, weights), /does not describe a VAE/);
  assert.throws(() => VAE.fromArtifacts(modelJson, weights.subarray(4)), /has \d+ bytes, the manifest describes \d+/);
  const manifest = modelJson.weightsManifest[0];
  const badDtype = { ...modelJson, weightsManifest: [{ ...manifest, weights: [{ ...manifest.weights[0], dtype: 'float16' }, ...manifest.weights.slice(1)] }] };
  assert.throws(() => VAE.fromArtifacts(badDtype, weights), /unsupported dtype 'float16'/);
  assert.throws(() => VAE.fromArtifacts(null, weights), /does not describe a VAE/);
  const renamed = { ...modelJson, weightsManifest: [{ ...manifest, weights: [{ ...manifest.weights[0], name: 'encoder/dense_9/kernel' }, ...manifest.weights.slice(1)] }] };
  assert.throws(() => VAE.fromArtifacts(renamed, weights), /has no weight named 'encoder\/dense_0\/kernel'/);
  // Only the 'renamed' case gets as far as constructing the VAE.
  assert.is(tf.memory().numTensors, before + constructionLeak);
  await rm(dir, { recursive: true });
});

test.run();
