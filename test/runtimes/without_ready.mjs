// A script written for 'cpu' that never awaits tf.ready(): in server runtimes the 'simd' backend starts
// synchronously, so it runs unchanged. tfjs-backend-cpu imported, as `@tensorflow/tfjs` imports it (Deno and
// Bun have no synchronous require to load it on demand). Prints one JSON line.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '../../dist/index.js';

const x = tf.tensor2d([1, 2, 3, 4], [2, 2]);
const product = tf.matMul(x, x);
const threads = /** @type {import('../../dist/index.js').SimdBackend} */ (tf.backend()).threadCount;
console.log(JSON.stringify({ backend: tf.getBackend(), product: Array.from(product.dataSync()), threads }));
