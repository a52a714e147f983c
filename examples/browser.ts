// The page script of browser.html: esbuild bundles it (with tfjs-core and the package) into browser.bundle.js.
import * as tf from '@tensorflow/tfjs-core';
import { detectWasmFeatures, gaussianLogLikelihood } from 'tfjs-backend-simd';

const output = document.getElementById('result')!;

async function main(): Promise<void> {
  await tf.setBackend('simd');
  const backend = tf.backend() as unknown as { build: string };
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
  const result = {
    backend: tf.getBackend(),
    build: backend.build,
    features: detectWasmFeatures(),
    matMul: Array.from(await product.data()),
    gaussianLogLikelihood: Array.from(await logDensity.data()),
  };
  tf.dispose([product, logDensity]);
  output.textContent = JSON.stringify(result, null, 2);
  document.body.dataset.status = 'done';
}

main().catch((e: Error) => {
  output.textContent = `failed: ${e.stack ?? e.message}`;
  document.body.dataset.status = 'error';
});
