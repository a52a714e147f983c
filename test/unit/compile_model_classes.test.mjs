// @ts-check
// The package's models compile their training steps and scoring passes on 'simd' (config compile, on by default):
// twins built alike, one with compile: false, give the same losses, weights and scores bit for bit, threads off
// (setThreadCount(1)) and on (2), while the compiled one runs far fewer kernels through tfjs's engine (the replays
// bypass it). Memory stays flat over the epochs of a compiled fit, and disposing a model gives back its plans.
// A step compile refuses runs eagerly, with the eager step's results.
import '@tensorflow/tfjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AnomalyDetector, MLPRegressor, VAE } from '../../dist/models/index.js';
import { assertSameBitsEach } from '../helpers/float32.mjs';
import { onBackend, simd, simdMemory, tf, valuesOf } from '../helpers/setup.mjs';
import { useThreadedSimd, withThreads } from '../helpers/threads.mjs';

const THREADS = [1, 2];

test.before(async () => {
  await useThreadedSimd();
});

/** Runs `fn`, counting the kernels tfjs's engine dispatches (a replay dispatches none). */
async function countingKernels(fn) {
  const engine = tf.engine();
  const runKernel = engine.runKernel;
  let kernels = 0;
  engine.runKernel = /** @type {typeof runKernel} */ (
    function (...args) {
      kernels++;
      return runKernel.apply(this, args);
    }
  );
  try {
    const result = await fn();
    return { result, kernels };
  } finally {
    engine.runKernel = runKernel;
  }
}

/**
 * Trains and scores twins, `compile: true` and `compile: false`, with `run(model)` returning typed arrays to
 * compare; asserts equal bits, and that the compiled twin dispatched under half the eager twin's kernels.
 */
async function assertTwinsAlike(make, run) {
  const outcomes = {};
  for (const compile of [false, true]) {
    const model = make(compile);
    const { result, kernels } = await countingKernels(() => run(model));
    model.dispose();
    outcomes[compile ? 'compiled' : 'eager'] = { result, kernels };
  }
  const { compiled, eager } = outcomes;
  for (const name of Object.keys(eager.result)) {
    assertSameBitsEach(compiled.result[name], eager.result[name], name);
  }
  assert.ok(
    compiled.kernels < eager.kernels / 2,
    `compiled: ${compiled.kernels} kernels through the engine, eager: ${eager.kernels}; replays bypass the engine`,
  );
}

const floats = (values) => [Float32Array.from(values)];

for (const threads of THREADS) {
  for (const decoder of /** @type {const} */ (['gaussian', 'bernoulli'])) {
    test(`VAE (${decoder}), ${threads} thread(s): compiled fit, elbo, logLikelihood, encode and decode equal eager`, async () => {
      await withThreads(threads, async () => {
        // 250 rows in batches of 100: two full batches and a last one of 50, each shape its own plan.
        const x = tf.randomUniform([250, 96], 0, 1, 'float32', 1);
        const xTest = tf.randomUniform([30, 96], 0, 1, 'float32', 2);
        await assertTwinsAlike(
          (compile) => new VAE({ inputDim: 96, hiddenUnits: [64], latentDim: 6, decoder, seed: 4, compile }),
          async (vae) => {
            const steps = [];
            const { elbo } = await vae.fit(x, {
              epochs: 5,
              batchSize: 100,
              onBatchEnd: (_, logs) => steps.push(logs.elbo),
            });
            const scores = [];
            for (let k = 0; k < 4; k++) scores.push(vae.elbo(xTest, 20 + k));
            const logP = vae.logLikelihood(xTest, { samples: 6 });
            const { mean, logVar } = vae.encode(xTest);
            const decoded = [0, 1, 2].map(() => vae.decode(mean));
            const result = {
              'batch ELBO': floats(steps),
              'epoch ELBO': floats(elbo),
              weight: valuesOf(vae.variables),
              'ELBO score': valuesOf(scores),
              'IWAE bound': valuesOf([logP]),
              encoding: valuesOf([mean, logVar]),
              decoding: valuesOf(decoded),
            };
            tf.dispose([...scores, logP, mean, logVar, ...decoded]);
            return result;
          },
        );
        tf.dispose([x, xTest]);
      });
    });
  }

  test(`MLPRegressor, ${threads} thread(s): compiled fit and predict equal eager`, async () => {
    await withThreads(threads, async () => {
      const x = tf.randomUniform([77, 3], -2, 2, 'float32', 5);
      const y = tf.tidy(() => tf.sin(tf.sum(x, 1)));
      await assertTwinsAlike(
        (compile) => new MLPRegressor({ hiddenUnits: [24, 12], seed: 2, compile }),
        async (model) => {
          const losses = await model.fit(x, y, { epochs: 6, batchSize: 16 });
          const predictions = [0, 1, 2, 3].map(() => model.predict(x));
          const result = {
            loss: floats(losses),
            weight: valuesOf(model.network.getWeights()),
            prediction: valuesOf(predictions),
          };
          tf.dispose(predictions);
          return result;
        },
      );
      tf.dispose([x, y]);
    });
  });

  /** @type {Array<[string, number[], object]>} */
  const detectorCases = [
    ['autoencoder', [90, 40], { hiddenUnits: [32], latentDim: 8 }],
    ['vae', [90, 40], { hiddenUnits: [32], latentDim: 8 }],
    ['conv-autoencoder', [40, 9, 9, 1], { latentDim: 6 }],
  ];
  for (const [model, shape, extra] of detectorCases) {
    test(`AnomalyDetector '${model}', ${threads} thread(s): compiled fit and scores equal eager`, async () => {
      await withThreads(threads, async () => {
        const x = tf.randomUniform(shape, 0, 1, 'float32', 7);
        await assertTwinsAlike(
          (compile) => new AnomalyDetector({ model, ...extra, seed: 3, compile }),
          async (detector) => {
            const losses = [];
            await detector.fit(x, { epochs: 8, batchSize: 32, onEpochEnd: (_, loss) => losses.push(loss) });
            const scores = [0, 1, 2].map(() => detector.decisionFunction(x));
            const result = { loss: floats(losses), threshold: floats([detector.threshold]), score: valuesOf(scores) };
            tf.dispose(scores);
            return result;
          },
        );
        x.dispose();
      });
    });
  }
}

test('memory stays flat over the epochs of a compiled VAE fit; dispose gives back the scoring plans', async () => {
  await withThreads(2, async () => {
    const x = /** @type {tf.Tensor2D} */ (tf.randomUniform([130, 50], 0, 1, 'float32', 8));
    const baseline = simdMemory();
    const vae = new VAE({ inputDim: 50, hiddenUnits: [40], latentDim: 5, decoder: 'bernoulli', seed: 1 });
    const perEpoch = [];
    // From the third epoch on both shapes (64 rows, and the last 2) replay their plans.
    await vae.fit(x, {
      epochs: 40,
      batchSize: 64,
      onEpochEnd: (epoch) => {
        if (epoch >= 2) perEpoch.push(simdMemory());
      },
    });
    const settled = perEpoch[0];
    for (const m of perEpoch) {
      assert.is(m.numTensors, settled.numTensors, 'tensors');
      assert.is(m.numBytesInWasm, settled.numBytesInWasm, 'backend bytes');
      assert.is(m.wasmMemoryBytes, settled.wasmMemoryBytes, 'WASM memory size');
    }
    for (let i = 0; i < 5; i++) vae.elbo(x).dispose();
    assert.ok(
      simdMemory().numBytesInWasm > baseline.numBytesInWasm + vae.variables.length,
      'the scoring plans hold buffers',
    );
    vae.dispose();
    const after = simdMemory();
    assert.is(after.numTensors, baseline.numTensors, 'tensors after dispose');
    assert.is(after.numBytesInWasm, baseline.numBytesInWasm, 'backend bytes after dispose');
    x.dispose();
  });
});

test("onRefusal: 'eager': a step drawing dropout masks in JavaScript runs eagerly, with the eager results", async () => {
  await onBackend('simd', () => {
    const make = () => tf.variable(tf.randomUniform([6, 5], -1, 1, 'float32', 9));
    const [wEager, wCompiled] = [make(), make()];
    const optimizers = [tf.train.sgd(0.1), tf.train.sgd(0.1)];
    const x = tf.randomUniform([4, 6], -1, 1, 'float32', 10);
    const stepOf = (w, optimizer) => (input, seed) =>
      optimizer.minimize(() => tf.mean(tf.square(tf.dropout(tf.matMul(input, w), 0.5, null, seed))), true, [w]);
    const eager = stepOf(wEager, optimizers[0]);
    const compiled = simd.compile(stepOf(wCompiled, optimizers[1]), { onRefusal: 'eager' });
    const losses = { eager: [], compiled: [] };
    for (let i = 0; i < 5; i++) {
      for (const [name, f] of /** @type {const} */ ([
        ['eager', eager],
        ['compiled', compiled],
      ])) {
        const loss = /** @type {(input: unknown, seed: number) => tf.Scalar} */ (f)(x, 100 + i);
        losses[name].push(loss.dataSync()[0]);
        loss.dispose();
      }
    }
    assert.match(compiled.refusal()?.message ?? '', /randomUniform/);
    assert.is(compiled.stats.replays, 0);
    assertSameBitsEach(floats(losses.compiled), floats(losses.eager), 'loss');
    assertSameBitsEach(valuesOf([wCompiled]), valuesOf([wEager]), 'weight');
    const strict = simd.compile(stepOf(wCompiled, optimizers[1]));
    assert.throws(() => strict(x, 1), /randomUniform/, 'without the option, the refusal is an error');
    compiled.dispose();
    strict.dispose();
    tf.dispose([wEager, wCompiled, x]);
    optimizers.forEach((o) => o.dispose());
  });
});

test("onRefusal: 'eager': a step that is not the same program twice keeps the call's update, once", async () => {
  await onBackend('simd', () => {
    const make = () => tf.variable(tf.tensor1d([1, 2, 3]));
    const [wEager, wCompiled] = [make(), make()];
    // A JavaScript counter read by the step: the two recordings differ, the second call's result is returned.
    const stepOf = (w) => {
      let calls = 0;
      return () => {
        calls++;
        w.assign(tf.add(w, calls));
        return tf.sum(w);
      };
    };
    const eager = stepOf(wEager);
    const compiled = simd.compile(stepOf(wCompiled), { onRefusal: 'eager' });
    const sums = { eager: [], compiled: [] };
    for (let i = 0; i < 5; i++) {
      for (const [name, f] of [
        ['eager', eager],
        ['compiled', compiled],
      ]) {
        const s = tf.tidy(f);
        sums[name].push(s.dataSync()[0]);
        s.dispose();
      }
    }
    assert.match(compiled.refusal()?.message ?? '', /not the same program/);
    assert.equal(sums.compiled, sums.eager);
    assertSameBitsEach(valuesOf([wCompiled]), valuesOf([wEager]), 'variable');
    compiled.dispose();
    tf.dispose([wEager, wCompiled]);
  });
});

test.run();
