// tfjs-backend-simd in Node: `node examples/node.mjs`.
import * as tf from '@tensorflow/tfjs-core';
import { detectWasmFeatures, gaussianLogLikelihood } from 'tfjs-backend-simd';

await tf.setBackend('simd');
const product = tf.matMul(
  [
    [1, 2],
    [3, 4],
  ],
  [
    [5, 6],
    [7, 8],
  ],
);
const logDensity = gaussianLogLikelihood([[0.5, -1]], [[0, 0]], [[0, 0]]);
console.log(
  JSON.stringify({
    runtime: `node ${process.versions.node}`,
    backend: tf.getBackend(),
    build: /** @type {{ build: string }} */ (/** @type {unknown} */ (tf.backend())).build,
    features: detectWasmFeatures(),
    matMul: Array.from(await product.data()),
    gaussianLogLikelihood: Array.from(await logDensity.data()),
  }),
);
