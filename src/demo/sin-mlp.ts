// The default job until the models land: fit y = sin(x) with a small MLP on 'simd' and print the loss.
// The union package registers gradients and chained ops; tfjs-core's Node build alone does not.
import * as tf from '@tensorflow/tfjs';
import '../index.js';

async function main(): Promise<void> {
  await tf.setBackend('simd');
  const n = 1000;
  const x = tf.reshape(tf.linspace(0, 10 * Math.PI, n), [n, 1]);
  const y = tf.sin(x);
  const xScaled = tf.div(x, 10 * Math.PI);
  const sizes = [1, 20, 20, 1];
  const weights = sizes.slice(1).map((out, i) => ({
    w: tf.variable(tf.randomNormal([sizes[i], out], 0, Math.sqrt(2 / sizes[i]), 'float32', 42 + i)),
    b: tf.variable(tf.zeros([out])),
  }));
  const predict = (input: tf.Tensor2D): tf.Tensor2D => weights.reduce((h, { w, b }, i) => {
    const z = tf.add(tf.matMul(h, w), b) as tf.Tensor2D;
    return i < weights.length - 1 ? tf.relu(z) : z;
  }, input);
  const optimizer = tf.train.adam(0.01);
  console.log(`backend ${tf.getBackend()} (${(tf.backend() as unknown as { build: string }).build}): fitting sin(x) on [0, 10π]`);
  for (let epoch = 1; epoch <= 1000; epoch++) {
    const loss = optimizer.minimize(() => tf.losses.meanSquaredError(y, predict(xScaled as tf.Tensor2D)), true);
    if (epoch % 100 === 0) console.log(`epoch ${epoch}: mse ${(await loss!.data())[0].toFixed(5)}`);
    loss?.dispose();
  }
  console.log(`tensors alive: ${tf.memory().numTensors}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
