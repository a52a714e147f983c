// tfjs-backend-simd in Bun: `bun examples/bun.ts` (Bun runs TypeScript as is).
import * as tf from '@tensorflow/tfjs-core';
import { detectWasmFeatures, gaussianLogLikelihood, type SimdBackend } from 'tfjs-backend-simd';

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
    runtime: `bun ${process.versions.bun}`,
    backend: tf.getBackend(),
    build: (tf.backend() as SimdBackend).build,
    features: detectWasmFeatures(),
    matMul: Array.from(await product.data()),
    gaussianLogLikelihood: Array.from(await logDensity.data()),
  }),
);
