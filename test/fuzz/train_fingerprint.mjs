// @ts-check
// Trains a small VAE with a fixed seed and prints a fingerprint of everything it produced: the ELBO of every
// step and a SHA-256 of the final weights' bytes. Two runs of the same build must print the same line.
//   node test/fuzz/train_fingerprint.mjs [relaxed-simd|simd] [steps]
import { createHash } from 'node:crypto';
import * as tf from '@tensorflow/tfjs-core';
import * as simd from '../../dist/index.js';
import { VAE } from '../../dist/models/index.js';

const [build = 'simd', steps = '100'] = process.argv.slice(2);
simd.setWasmBuild(/** @type {simd.WasmBuild} */ (build));
await tf.setBackend('simd');
const x = tf.tidy(
  () =>
    /** @type {tf.Tensor2D} */ (tf.cast(tf.greater(tf.randomUniform([100, 12], 0, 1, 'float32', 9), 0.5), 'float32')),
);
const vae = new VAE({ inputDim: 12, hiddenUnits: [16], latentDim: 3, decoder: 'gaussian', seed: 4 });
const elbos = [];
await vae.fit(x, {
  epochs: Number(steps) / 10,
  batchSize: 10,
  onBatchEnd: (_, { elbo }) => {
    elbos.push(elbo);
  },
});
const hash = createHash('sha256');
for (const v of vae.variables) hash.update(new Uint8Array((await v.data()).buffer));
hash.update(new Uint8Array(new Float64Array(elbos).buffer));
console.log(
  JSON.stringify({
    build: /** @type {simd.SimdBackend} */ (tf.backend()).build,
    steps: elbos.length,
    lastElbo: elbos[elbos.length - 1],
    sha256: hash.digest('hex'),
  }),
);
