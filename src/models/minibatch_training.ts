// The training loop the models share: epochs over the rows in a seeded random order, one optimizer
// step per batch, nothing left allocated if a step or a callback throws.
import * as tf from '@tensorflow/tfjs-core';
import { permutation } from '../data/random.js';

export interface MinibatchTraining {
  epochs: number;
  batchSize: number;
  random: () => number;
  optimizer: tf.Optimizer;
  variables: tf.Variable[];
  /** The scalar to minimise on one batch of rows. */
  loss: (batch: tf.Tensor) => tf.Scalar;
  onBatchEnd?: (loss: number) => void | Promise<void>;
  /** Called with the epoch's mean batch loss, weighted by batch size. */
  onEpochEnd?: (epoch: number, meanLoss: number) => void | Promise<void>;
}

export async function trainInMinibatches(x: tf.Tensor, training: MinibatchTraining): Promise<void> {
  const { epochs, batchSize, random, optimizer, variables, loss, onBatchEnd, onEpochEnd } = training;
  const n = x.shape[0];
  const rowShape = x.shape.slice(1);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const shuffled = tf.tidy(() => tf.gather(x, tf.tensor1d(permutation(n, random), 'int32')));
    let sum = 0;
    try {
      for (let start = 0; start < n; start += batchSize) {
        const size = Math.min(batchSize, n - start);
        const stepLoss = optimizer.minimize(
          () => tf.tidy(() => loss(tf.slice(shuffled, [start, ...rowShape.map(() => 0)], [size, ...rowShape]))),
          true, variables)!;
        const value = (await stepLoss.data())[0];
        stepLoss.dispose();
        sum += value * size;
        await onBatchEnd?.(value);
      }
    } finally {
      shuffled.dispose();
    }
    await onEpochEnd?.(epoch, sum / n);
  }
}
