// The training loop the models share: epochs over the rows in a seeded random order, one optimizer
// step per batch, nothing left allocated if a step or a callback throws. The step is compiled when the model
// compiles (see model_step.ts): one plan for the full batches, one for a last, smaller batch.
import * as tf from '@tensorflow/tfjs-core';
import { permutation } from '../data/random.js';
import { ModelStep } from './model_step.js';

export interface MinibatchTraining {
  epochs: number;
  batchSize: number;
  random: () => number;
  /**
   * One optimizer step on a batch (the same rows of each data tensor), returning the loss. Synchronous, and it
   * draws no random numbers: those come in as `noise`.
   */
  step: (batch: tf.Tensor[], noise: tf.Tensor | null) => tf.Scalar;
  /** The random numbers one step of `rows` rows needs, drawn before it. */
  noise?: (rows: number) => tf.Tensor;
  /** Whether to compile the step. */
  compile: boolean;
  onBatchEnd?: (loss: number) => void | Promise<void>;
  /** Called with the epoch's mean batch loss, weighted by batch size. */
  onEpochEnd?: (epoch: number, meanLoss: number) => void | Promise<void>;
}

/** The same steps as `optimizer.minimize(() => loss(...), true, variables)`: a MinibatchTraining step. */
export function minimizing(
  optimizer: tf.Optimizer,
  variables: tf.Variable[],
  loss: (batch: tf.Tensor[], noise: tf.Tensor | null) => tf.Scalar,
): MinibatchTraining['step'] {
  return (batch, noise) => optimizer.minimize(() => loss(batch, noise), true, variables)!;
}

export async function trainInMinibatches(data: tf.Tensor[], training: MinibatchTraining): Promise<void> {
  const { epochs, batchSize, random, noise, onBatchEnd, onEpochEnd } = training;
  const n = data[0].shape[0];
  // A step gathers its rows itself, from their indices: no shuffled copy of the data set per epoch, and no
  // slice at a changing offset, which a compiled step would have to leave outside.
  const step = new ModelStep((rows: tf.Tensor1D, draw: tf.Tensor | null) => {
    const batch = data.map((t) => tf.gather(t, rows));
    try {
      return training.step(batch, draw);
    } finally {
      tf.dispose(batch);
    }
  }, training.compile);
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      const order = permutation(n, random);
      let sum = 0;
      for (let start = 0; start < n; start += batchSize) {
        const size = Math.min(batchSize, n - start);
        const rows = tf.tensor1d(order.subarray(start, start + size), 'int32');
        const draw = noise?.(size) ?? null;
        let stepLoss: tf.Scalar;
        try {
          stepLoss = step.run(rows, draw);
        } finally {
          tf.dispose([rows, ...(draw != null ? [draw] : [])]);
        }
        // A read of 4 bytes (microseconds on 'simd'): the epoch's mean needs every batch's loss.
        const value = stepLoss.dataSync()[0];
        stepLoss.dispose();
        sum += value * size;
        await onBatchEnd?.(value);
      }
      await onEpochEnd?.(epoch, sum / n);
    }
  } finally {
    step.dispose();
  }
}
