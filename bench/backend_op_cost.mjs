// What the backend itself spends on one tiny op (after `npm run build`): the kernel function called directly
// (no engine) on [4] tensors, then disposeData of its output, 200,000 times; fastest of 7 rounds, per backend.
// `node bench/backend_op_cost.mjs`. The engine's own cost per op (~1.5 µs) comes on top for every backend.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';

await import(new URL('../dist/index.js', import.meta.url).href);
const N = 200000;
const out = [];
for (const name of ['simd', 'cpu', 'wasm']) {
  await tf.setBackend(name);
  const backend = tf.backend();
  const a = tf.tensor1d([1, 2, 3, 4]);
  const b = tf.tensor1d([1, 2, 3, 4]);
  const res = {};
  for (const [kernel, inputs] of [
    ['Add', { a, b }],
    ['Relu', { x: a }],
    ['Reshape', { x: a }],
  ]) {
    const f = tf.getKernel(kernel, name).kernelFunc;
    const attrs = kernel === 'Reshape' ? { shape: [2, 2] } : {};
    const once = () => {
      const o = f({ inputs, backend, attrs });
      backend.disposeData(o.dataId);
    };
    for (let i = 0; i < 20000; i++) once();
    let best = Infinity;
    for (let r = 0; r < 7; r++) {
      const t = performance.now();
      for (let i = 0; i < N / 7; i++) once();
      best = Math.min(best, ((performance.now() - t) * 1000) / (N / 7));
    }
    res[kernel] = best;
  }
  out.push(
    `${name}: ${Object.entries(res)
      .map(([k, v]) => `${k} ${(v * 1000).toFixed(0)} ns`)
      .join(', ')}`,
  );
}
console.log(out.join('\n'));
