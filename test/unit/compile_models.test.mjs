// @ts-check
// compile() on real models, threads off (setThreadCount(1)) and on (2): N compiled steps give bit for bit the
// weights and losses of N eager steps for the package's VAE (both decoders), tfjs-layers GRU and LSTM models
// (compileTrainStep against model.trainOnBatch) and the package's conv autoencoder; compiled inference equals
// model.predict.
import '@tensorflow/tfjs';
import * as tfl from '@tensorflow/tfjs-layers';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { vaeNegElbo } from '../../bench/workloads.mjs';
import { ConvAutoencoder } from '../../dist/models/conv_autoencoder.js';
import { VAE } from '../../dist/models/index.js';
import { assertSameBitsEach } from '../helpers/float32.mjs';
import { onBackend, simd, simdBackend, tf, valuesOf } from '../helpers/setup.mjs';
import { jobsSinceReset, useThreadedSimd, withThreads } from '../helpers/threads.mjs';

const STEPS = 6; // recordings on calls 1-3 (Adam makes its slots on the first), replays on 4-6
const THREADS = [1, 2];

test.before(async () => {
  await useThreadedSimd();
  await onBackend('simd', () =>
    assert.ok(simdBackend().threadPool != null, 'Node has shared memory: the threaded build runs'),
  );
});

/** Trains twin models, one eagerly and one compiled, on the same batches; asserts equal losses and weights. */
async function assertTwinsTrainAlike({ make, eagerStep, compiledStep, variablesOf, batches }) {
  const [eager, compiled] = [make(), make()];
  const eagerRun = eagerStep(eager);
  const compiledRun = compiledStep(compiled);
  const losses = { eager: [], compiled: [] };
  const pool = simdBackend().threadPool;
  let replayJobs = 0;
  for (const batch of batches) {
    losses.eager.push(await eagerRun(...batch));
    // The pool benches a worker that arrives late (a loaded machine): start each step with it enlisted.
    pool?.resetWorkerHealth();
    const loss = compiledRun(...batch);
    if (compiledRun.stats.replays > 0 && pool != null) replayJobs += jobsSinceReset(pool);
    losses.compiled.push(loss.dataSync()[0]);
    loss.dispose();
  }
  assert.is(compiledRun.stats.replays, STEPS - 3, JSON.stringify(compiledRun.stats));
  assertSameBitsEach([Float32Array.from(losses.compiled)], [Float32Array.from(losses.eager)], 'loss');
  assertSameBitsEach(valuesOf(variablesOf(compiled)), valuesOf(variablesOf(eager)), 'weight');
  compiledRun.dispose();
  return Object.assign([eager, compiled], { replayJobs });
}

for (const threads of THREADS) {
  for (const decoder of /** @type {import('../../dist/models/index.js').DecoderKind[]} */ (['gaussian', 'bernoulli'])) {
    test(`VAE (${decoder} decoder), ${threads} thread(s): ${STEPS} compiled Adam steps equal eager, bit for bit`, async () => {
      await withThreads(threads, async () => {
        const size = { inputDim: 784, hiddenUnits: [128], latentDim: 8 };
        const x = tf.randomUniform([64, 784], 0, 1, 'float32', 1);
        const batches = Array.from({ length: STEPS }, (_, i) => [x, tf.randomNormal([64, 8], 0, 1, 'float32', 10 + i)]);
        const optimizers = [];
        const step = (vae) => {
          const optimizer = simd.adam(1e-3);
          optimizers.push(optimizer);
          return (xb, eps) => optimizer.minimize(() => vaeNegElbo(tf, simd, vae, xb, eps), true, vae.variables);
        };
        const models = await assertTwinsTrainAlike({
          make: () => new VAE({ ...size, decoder, seed: 3 }),
          eagerStep: (vae) => {
            const run = step(vae);
            return (...b) => {
              const loss = run(...b);
              const value = loss.dataSync()[0];
              loss.dispose();
              return value;
            };
          },
          compiledStep: (vae) => simd.compile(step(vae)),
          variablesOf: (vae) => vae.variables,
          batches,
        });
        if (threads > 1) assert.ok(models.replayJobs > 0, 'replayed products were split over the worker threads');
        else assert.is(models.replayJobs, 0, 'one thread: no jobs posted');
        models.forEach((m) => m.dispose());
        optimizers.forEach((o) => o.dispose());
        tf.dispose([x, ...batches.map((b) => b[1])]);
      });
    });
  }

  /** @type {Array<[string, (args: object) => tfl.layers.Layer]>} */
  const recurrent = [
    ['GRU', tfl.layers.gru],
    ['LSTM', tfl.layers.lstm],
  ];
  for (const [kind, layer] of recurrent) {
    test(`tfjs-layers ${kind} model, ${threads} thread(s): compileTrainStep equals model.trainOnBatch, bit for bit`, async () => {
      await withThreads(threads, async () => {
        const build = () => {
          const model = tfl.sequential();
          model.add(layer({ units: 9, inputShape: [7, 3], returnSequences: false }));
          model.add(tfl.layers.dense({ units: 2 }));
          return model;
        };
        const reference = build();
        const initial = reference.getWeights();
        const make = () => {
          const model = build();
          model.setWeights(initial);
          return model;
        };
        const batches = Array.from({ length: STEPS }, (_, i) => [
          tf.randomUniform([5, 7, 3], -1, 1, 'float32', 20 + i),
          tf.randomUniform([5, 2], -1, 1, 'float32', 40 + i),
        ]);
        const models = await assertTwinsTrainAlike({
          make,
          eagerStep: (model) => {
            model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
            return (x, y) => model.trainOnBatch(x, y);
          },
          compiledStep: (model) =>
            simd.compileTrainStep(model, { optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' }),
          variablesOf: (model) => model.getWeights(),
          batches,
        });
        // Compiled inference of the trained model: model.predict's values.
        const predict = simd.compile((x) => models[1].predict(x));
        for (const [x] of batches) {
          const [a, b] = [models[1].predict(x), predict(x)];
          assertSameBitsEach([b.dataSync()], [a.dataSync()], 'prediction');
          tf.dispose([a, b]);
        }
        assert.is(predict.stats.replays, STEPS - 2);
        predict.dispose();
        [...models, reference].forEach((m) => {
          m.optimizer?.dispose();
          m.dispose();
        });
        tf.dispose([...initial, ...batches.flat()]);
      });
    });
  }

  test(`conv autoencoder, ${threads} thread(s): ${STEPS} compiled Adam steps equal eager, bit for bit`, async () => {
    await withThreads(threads, async () => {
      const images = Array.from({ length: STEPS }, (_, i) => [
        tf.randomUniform([6, 12, 12, 1], 0, 1, 'float32', 60 + i),
      ]);
      const optimizers = [];
      const step = (model) => {
        const optimizer = simd.adam(3e-3);
        optimizers.push(optimizer);
        return (x) => optimizer.minimize(() => tf.mean(model.reconstructionError(x)), true, model.variables);
      };
      const models = await assertTwinsTrainAlike({
        make: () => new ConvAutoencoder({ imageShape: [12, 12, 1], filters: [4, 8], latentDim: 8, seed: 5 }),
        eagerStep: (model) => {
          const run = step(model);
          return (x) => {
            const loss = run(x);
            const value = loss.dataSync()[0];
            loss.dispose();
            return value;
          };
        },
        compiledStep: (model) => simd.compile(step(model)),
        variablesOf: (model) => model.variables,
        batches: images,
      });
      models.forEach((m) => m.dispose());
      optimizers.forEach((o) => o.dispose());
      tf.dispose(images.flat());
    });
  });
}

test.run();
