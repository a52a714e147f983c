// @ts-check
// The soak: VAE training steps on 'simd' with tf.memory() sampled at fixed intervals. Shared by `npm run soak`
// (10,000 steps) and the unit test (1,000 steps).
import * as tf from '@tensorflow/tfjs-core';
import '../../dist/index.js';
import { VAE } from '../../dist/models/index.js';

/** A small VAE on seeded binary data: 16 inputs, 32 hidden units, 4 latent dimensions, 10 steps per epoch. */
/** @type {import('../../dist/models/index.js').VAEConfig} */
export const SOAK_CONFIG = { inputDim: 16, hiddenUnits: [32], latentDim: 4, decoder: 'bernoulli', seed: 3 };
const ROWS = 200;
const BATCH = 20;

/** How much each memory figure rose over the samples taken from step `warmUp` on. */
function growthAfter(samples, warmUp) {
  const settled = samples.filter((s) => s.step >= warmUp);
  const growth = {};
  for (const key of ['numTensors', 'numBytes', 'numBytesInWasm', 'wasmMemoryBytes']) {
    growth[key] = Math.max(...settled.map((s) => s[key])) - settled[0][key];
  }
  return growth;
}

function memorySample(step) {
  const m = /** @type {import('../../dist/index.js').SimdMemoryInfo} */ (tf.memory());
  return {
    step,
    numTensors: m.numTensors,
    numBytes: m.numBytes,
    numBytesInWasm: m.numBytesInWasm,
    wasmMemoryBytes: m.wasmMemoryBytes,
  };
}

/**
 * @typedef {{ steps: number, every: number, warmUp?: number,
 *   decoder?: import('../../dist/models/index.js').DecoderKind }} SoakOptions
 */

/**
 * Trains for `steps` steps (a multiple of 10), sampling memory every `every` steps; returns the samples,
 * the ELBO of the first and last epochs, and the samples' growth after `warmUp` steps.
 * @param {SoakOptions} options
 */
export async function soak({ steps, every, warmUp = every, decoder = SOAK_CONFIG.decoder }) {
  await tf.setBackend('simd');
  const data = tf.tidy(
    () =>
      /** @type {tf.Tensor2D} */ (
        tf.cast(tf.greater(tf.randomUniform([ROWS, SOAK_CONFIG.inputDim], 0, 1, 'float32', 5), 0.5), 'float32')
      ),
  );
  const vae = new VAE({ ...SOAK_CONFIG, decoder });
  const samples = [memorySample(0)];
  const history = await vae.fit(data, {
    epochs: steps / (ROWS / BATCH),
    batchSize: BATCH,
    learningRate: 1e-3,
    onBatchEnd: (step) => {
      if (step % every === 0) samples.push(memorySample(step));
    },
  });
  vae.dispose();
  data.dispose();
  const growth = growthAfter(samples, warmUp);
  return {
    samples,
    growth,
    firstElbo: history.elbo[0],
    lastElbo: history.elbo[history.elbo.length - 1],
    after: memorySample(steps),
  };
}

/**
 * The same small VAE trained by a compiled step (simd.compile) for `steps` replays, the noise drawn outside the
 * step each time; memory sampled every `every` steps. Returns what soak returns, with the loss for ELBO.
 * @param {SoakOptions} options
 */
export async function soakCompiled({ steps, every, warmUp = every, decoder = SOAK_CONFIG.decoder }) {
  await tf.setBackend('simd');
  const simd = await import('../../dist/index.js');
  const { vaeNegElbo } = await import('../../bench/workloads.mjs');
  const data = tf.tidy(() =>
    tf.cast(tf.greater(tf.randomUniform([BATCH, SOAK_CONFIG.inputDim], 0, 1, 'float32', 5), 0.5), 'float32'),
  );
  const vae = new VAE({ ...SOAK_CONFIG, decoder });
  const optimizer = simd.adam(1e-3);
  const step = simd.compile((x, eps) =>
    optimizer.minimize(() => vaeNegElbo(tf, simd, vae, x, eps), true, vae.variables),
  );
  const samples = [memorySample(0)];
  const losses = [];
  for (let i = 1; i <= steps; i++) {
    const eps = tf.randomNormal([BATCH, SOAK_CONFIG.latentDim], 0, 1, 'float32', i);
    const loss = step(data, eps);
    if (i === 1 || i === steps) losses.push(-loss.dataSync()[0]);
    tf.dispose([loss, eps]);
    if (i % every === 0) samples.push(memorySample(i));
  }
  const { replays } = step.stats;
  step.dispose();
  optimizer.dispose();
  vae.dispose();
  data.dispose();
  const growth = growthAfter(samples, warmUp);
  return { samples, growth, firstElbo: losses[0], lastElbo: losses[1], replays, after: memorySample(steps) };
}
