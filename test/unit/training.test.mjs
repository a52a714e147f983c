// @ts-check
// Training end to end: a tfjs-layers MLP reaches the same loss on 'simd' as on 'cpu', and long training
// leaves the number of tensors and the WASM bytes in use where they started.

import * as tf from '@tensorflow/tfjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import '../../dist/index.js';

/** The README's MLP on y = sin(x), seeded so that both backends start from the same weights. */
async function fitSinMlp(backend, epochs) {
  await tf.setBackend(backend);
  const n = 64;
  const x = tf.linspace(0, 2 * Math.PI, n).reshape([n, 1]);
  const y = tf.sin(x);
  const model = tf.sequential({
    layers: [
      tf.layers.dense({
        inputShape: [1],
        units: 20,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
      }),
      tf.layers.dense({ units: 20, activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
      tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
  const history = await model.fit(x, y, { epochs, batchSize: 16, shuffle: false, verbose: 0 });
  tf.dispose([x, y]);
  model.dispose();
  return /** @type {number[]} */ (history.history.loss);
}

test('a tfjs-layers MLP trains to the same loss on simd as on cpu (same seed, 1e-3 relative)', async () => {
  const epochs = 30;
  const cpuLoss = await fitSinMlp('cpu', epochs);
  const simdLoss = await fitSinMlp('simd', epochs);
  assert.ok(simdLoss[epochs - 1] < simdLoss[0] * 0.8, `loss went down: ${simdLoss[0]} -> ${simdLoss[epochs - 1]}`);
  for (let e = 0; e < epochs; e++) {
    const rel = Math.abs(simdLoss[e] - cpuLoss[e]) / Math.abs(cpuLoss[e]);
    assert.ok(rel < 1e-3, `epoch ${e}: simd loss ${simdLoss[e]} vs cpu ${cpuLoss[e]} (relative ${rel})`);
  }
});

test('1000 optimizer steps leave tensors and WASM bytes where they were after warm-up', async () => {
  await tf.setBackend('simd');
  const sizes = [8, 32, 32, 1];
  const params = sizes
    .slice(1)
    .flatMap((units, i) => [
      tf.variable(tf.randomNormal([sizes[i], units], 0, 0.3, 'float32', i + 1)),
      tf.variable(tf.zeros([units])),
    ]);
  const x = tf.randomUniform([32, 8], -1, 1, 'float32', 11);
  const y = tf.sum(tf.sin(x), 1, true);
  const predict = () => {
    let h = x;
    for (let i = 0; i < params.length; i += 2) {
      h = tf.add(tf.matMul(h, params[i]), params[i + 1]);
      if (i + 2 < params.length) h = tf.relu(h);
    }
    return h;
  };
  const optimizer = tf.train.adam(1e-3);
  const step = () => tf.dispose(optimizer.minimize(() => tf.losses.meanSquaredError(y, predict()), true));
  for (let i = 0; i < 20; i++) step(); // optimizer slots are created on the first steps
  const warm = /** @type {import('../../dist/index.js').SimdMemoryInfo} */ (tf.memory());
  for (let i = 0; i < 1000; i++) step();
  const after = /** @type {import('../../dist/index.js').SimdMemoryInfo} */ (tf.memory());
  assert.is(after.numTensors, warm.numTensors, 'tensors alive');
  assert.is(after.numBytesInWasm, warm.numBytesInWasm, 'bytes held by tensors in WASM memory');
  assert.is(after.wasmMemoryBytes, warm.wasmMemoryBytes, 'WASM linear memory size');
  optimizer.dispose();
  tf.dispose([...params, x, y]);
});

test.run();
