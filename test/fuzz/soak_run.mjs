// The soak: VAE training steps on 'simd' with tf.memory() sampled at fixed intervals. Shared by `npm run soak`
// (10,000 steps) and the unit test (1,000 steps).
import * as tf from '@tensorflow/tfjs-core';
import '../../dist/index.js';
import { VAE } from '../../dist/models/index.js';

/** A small VAE on seeded binary data: 16 inputs, 32 hidden units, 4 latent dimensions, 10 steps per epoch. */
export const SOAK_CONFIG = { inputDim: 16, hiddenUnits: [32], latentDim: 4, decoder: 'bernoulli', seed: 3 };
const ROWS = 200;
const BATCH = 20;

function memorySample(step) {
  const m = tf.memory();
  return { step, numTensors: m.numTensors, numBytes: m.numBytes, numBytesInWasm: m.numBytesInWasm, wasmMemoryBytes: m.wasmMemoryBytes };
}

/**
 * Trains for `steps` steps (a multiple of 10), sampling memory every `every` steps; returns the samples,
 * the ELBO of the first and last epochs, and the samples' growth after `warmUp` steps.
 */
export async function soak({ steps, every, warmUp = every, decoder = SOAK_CONFIG.decoder }) {
  await tf.setBackend('simd');
  const data = tf.tidy(() => tf.cast(tf.greater(tf.randomUniform([ROWS, SOAK_CONFIG.inputDim], 0, 1, 'float32', 5), 0.5), 'float32'));
  const vae = new VAE({ ...SOAK_CONFIG, decoder });
  const samples = [memorySample(0)];
  const history = await vae.fit(data, {
    epochs: steps / (ROWS / BATCH), batchSize: BATCH, learningRate: 1e-3,
    onBatchEnd: (step) => { if (step % every === 0) samples.push(memorySample(step)); },
  });
  vae.dispose();
  data.dispose();
  const settled = samples.filter((s) => s.step >= warmUp);
  const growth = {};
  for (const key of ['numTensors', 'numBytes', 'numBytesInWasm', 'wasmMemoryBytes']) {
    growth[key] = Math.max(...settled.map((s) => s[key])) - settled[0][key];
  }
  return { samples, growth, firstElbo: history.elbo[0], lastElbo: history.elbo[history.elbo.length - 1], after: memorySample(steps) };
}
