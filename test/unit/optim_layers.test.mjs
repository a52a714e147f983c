// @ts-check
// A tfjs-layers model compiled with simd.adam: on 'simd' it trains exactly as with tf.train.adam there (same
// gradients, same update bit for bit), and it trains as on 'cpu' (where simd.adam is tfjs's AdamOptimizer)
// within rtol 1e-4 (the matmuls of the two backends sum in different orders, and the differences carry over
// ten steps), and model.save keeps the optimizer as tfjs's 'Adam'.

import * as tfl from '@tensorflow/tfjs-layers';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertClose, onBackend, simd, tf } from '../helpers/setup.mjs';

const STEPS = 10;

/** A 1-16-16-1 relu MLP with seeded weights, trained on sin over [-π, π); returns losses and final weights. */
async function trainSin(backend, makeOptimizer) {
  return onBackend(backend, async () => {
    const model = tfl.sequential();
    model.add(
      tfl.layers.dense({
        units: 16,
        activation: 'relu',
        inputShape: [1],
        kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }),
      }),
    );
    model.add(
      tfl.layers.dense({
        units: 16,
        activation: 'relu',
        kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }),
      }),
    );
    model.add(tfl.layers.dense({ units: 1, kernelInitializer: tfl.initializers.glorotUniform({ seed: 3 }) }));
    const optimizer = makeOptimizer();
    model.compile({ optimizer, loss: 'meanSquaredError' });
    const x = tf.randomUniform([32, 1], -Math.PI, Math.PI, 'float32', 5);
    const y = tf.sin(x);
    const losses = [];
    const before = tf.memory().numTensors;
    for (let i = 0; i < STEPS; i++) losses.push(await model.trainOnBatch(x, y));
    const leaked = tf.memory().numTensors - before;
    const weights = await Promise.all(model.getWeights().map((w) => w.data()));
    let artifacts;
    await model.save(
      tf.io.withSaveHandler(async (a) => {
        artifacts = a;
        return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(a) };
      }),
      { includeOptimizer: true },
    );
    model.dispose();
    optimizer.dispose();
    tf.dispose([x, y]);
    return { losses, weights: weights.flatMap((w) => [...w]), leaked, artifacts };
  });
}

test("tfjs-layers: simd.adam on 'simd' trains exactly as tf.train.adam there, and as on 'cpu'", async () => {
  const fused = await trainSin('simd', () => simd.adam(0.01));
  const stock = await trainSin('simd', () => tf.train.adam(0.01));
  const cpu = await trainSin('cpu', () => simd.adam(0.01));
  assert.equal(fused.losses, stock.losses);
  assert.equal(fused.weights, stock.weights);
  assertClose(fused.weights, cpu.weights, { rtol: 1e-4, atol: 1e-6, what: 'weights vs cpu' });
  assertClose(fused.losses, cpu.losses, { rtol: 1e-4, atol: 1e-7, what: 'losses vs cpu' });
  assert.ok(fused.losses[STEPS - 1] < fused.losses[0], 'the loss went down');
  assert.is(fused.leaked, stock.leaked, 'tensors kept per step beyond the stock optimizer');
});

test('model.save with includeOptimizer stores an Adam that stock tfjs reads back', async () => {
  const { artifacts } = await trainSin('simd', () => simd.adam(0.01));
  const { optimizer_config: config } = artifacts.trainingConfig;
  assert.is(config.class_name, 'Adam');
  assert.is(config.config.learningRate, 0.01);
  const optimizerWeights = artifacts.weightSpecs.filter((spec) => spec.group === 'optimizer');
  // iterations, then one first and one second moment per weight (3 kernels, 3 biases).
  assert.is(optimizerWeights.length, 1 + 2 * 6);
  await onBackend('simd', async () => {
    const model = await tfl.loadLayersModel(tf.io.fromMemory(artifacts));
    assert.is(model.optimizer.getClassName(), 'Adam');
    model.dispose();
  });
});

test.run();
