// @ts-check
// Prepared kernel calls (src/backend/prepared_kernel.ts): a replay runs the matrix products and the element-wise
// kernels from what was worked out when the step was planned, calling their WASM directly. Such replays give the
// eager results bit for bit, on new inputs each call, threads off (setThreadCount(1)) and on (2): products in
// every layout (transposes, batches broadcast or stacked, matrix-vector, products large enough to split), the
// fused epilogues, unary kernels with attributes, binary ones broadcast or not, slices and splits, empty
// tensors, and results that a prepared call allocates afresh on each replay.
import '@tensorflow/tfjs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertSameBitsEach } from '../helpers/float32.mjs';
import { randomValues, rng, simd, simdMemory, tf } from '../helpers/setup.mjs';
import { size } from '../helpers/shapes.mjs';
import { useThreadedSimd, withThreads } from '../helpers/threads.mjs';

const THREADS = [1, 2];

test.before(async () => {
  await useThreadedSimd();
});

const tensorOf = (shape, random) => tf.tensor(randomValues(size(shape), random), shape);

/**
 * Runs `fn` eagerly and compiled on `calls` fresh input sets made by `inputs(random)`; asserts equal bits and
 * returns the compiled function's plan (disposed).
 */
function compareOnFreshInputs(fn, inputs, calls = 5) {
  const compiled = simd.compile(fn);
  const random = rng(size([calls, 7]));
  for (let call = 0; call < calls; call++) {
    const args = inputs(random);
    const eager = tf.tidy(() => fn(...args));
    const replayed = compiled(...args);
    const flat = (r) => (Array.isArray(r) ? r : [r]);
    assertSameBitsEach(
      flat(replayed).map((t) => t.dataSync()),
      flat(eager).map((t) => t.dataSync()),
      `call ${call}`,
    );
    tf.dispose([eager, replayed, args]);
  }
  assert.ok(compiled.stats.replays >= calls - 2, `replays: ${JSON.stringify(compiled.stats)}`);
  const [plan] = compiled.plans();
  compiled.dispose();
  return plan;
}

for (const threads of THREADS) {
  test(`${threads} thread(s): slices and splits replay prepared, their parts fresh results, equal to eager`, async () => {
    await withThreads(threads, () => {
      const parts = (x, y) => [
        ...tf.split(x, [3, 14], 1),
        ...tf.split(y, 2, 0),
        tf.slice(x, [0, 1], [-1, 15]),
        tf.slice(y, [1, 0, 2], [1, 1, 3]),
        tf.sigmoid(tf.slice(x, [0, 0], [-1, 1])), // a part read by a later call
      ];
      for (const rows of [1, 3, 17, 0]) {
        const plan = compareOnFreshInputs(parts, (r) => [tensorOf([rows, 17], r), tensorOf([2, 3, 5], r)]);
        assert.is(plan.prepared, plan.kernels.length, `rows ${rows}: ${plan.kernels.join(' ')}`);
      }
    });
  });

  test(`${threads} thread(s): matrix products in every layout replay prepared, equal to eager`, async () => {
    await withThreads(threads, () => {
      const random = rng(3);
      const w = tensorOf([17, 4], random);
      const bias = tensorOf([4], random);
      const alpha = tensorOf([4], random);
      const big = tensorOf([64, 129], random);
      const products = (x, xt, batched, rows) => [
        tf.matMul(x, w), // matrix-vector for one row, the GEMM for more
        tf.matMul(xt, w, true, false), // Aᵀ
        tf.matMul(x, x, false, true), // Bᵀ
        tf.matMul(batched, w), // batches stacked into one product
        tf.matMul(batched, tf.reshape(tf.tile(w, [2, 1]), [2, 17, 4])), // a product per batch
        tf.fused.matMul({ a: x, b: w, bias, activation: 'relu' }),
        tf.fused.matMul({ a: x, b: w, bias, activation: 'prelu', preluActivationWeights: alpha }),
        tf.fused.matMul({ a: x, b: w, activation: 'leakyrelu', leakyreluAlpha: 0.3 }),
        tf.matMul(rows, big), // 300×64·64×129: split over threads when they run
      ];
      for (const m of [1, 3, 17, 0]) {
        const plan = compareOnFreshInputs(products, (r) => [
          tensorOf([m, 17], r),
          tensorOf([17, m], r),
          tensorOf([2, m, 17], r),
          tensorOf([300, 64], r),
        ]);
        // The tile and reshape run through their kernel functions; every product is prepared.
        const productCalls = plan.kernels.filter((k) => k === 'BatchMatMul' || k === '_FusedMatMul').length;
        assert.is(plan.prepared, productCalls, `m = ${m}: ${plan.kernels.join(' ')}`);
      }
      tf.dispose([w, bias, alpha, big]);
    });
  });

  test(`${threads} thread(s): unary and binary kernels replay prepared, equal to eager; broadcast or not`, async () => {
    await withThreads(threads, () => {
      const random = rng(5);
      const row = tensorOf([1, 255], random);
      const columnish = tensorOf([255], random);
      const step = (x, y, other) => [
        tf.sigmoid(x),
        tf.exp(y),
        tf.leakyRelu(x, 0.15),
        tf.clipByValue(y, -0.3, 0.4),
        tf.add(x, y), // same shapes
        tf.mul(x, 2.5), // a scalar along the row
        tf.sub(row, other), // a row with a row
        tf.div(x, columnish), // a row against many rows
        tf.sub(tf.reshape(x, [x.shape[0], 15, 17]), tf.reshape(tf.slice(columnish, [0], [15]), [15, 1])), // outer dims
        tf.greater(x, y), // bool output
      ];
      for (const rows of [1, 3, 17, 0]) {
        const plan = compareOnFreshInputs(step, (r) => [
          tensorOf([rows, 255], r),
          tensorOf([rows, 255], r),
          tensorOf([1, 255], r),
        ]);
        assert.is(plan.prepared, plan.kernels.length, `rows ${rows}: ${plan.kernels.join(' ')}`);
      }
      tf.dispose([row, columnish]);
    });
  });

  test(`${threads} thread(s): an MLP's compiled training steps, prepared, give the eager weights; memory stays flat`, async () => {
    await withThreads(threads, () => {
      const random = rng(11);
      const weights = (prefix) => {
        const r = rng(12);
        return [
          tf.variable(tensorOf([3, 33], r), true, `${prefix}/w1`),
          tf.variable(tensorOf([33], r), true, `${prefix}/b1`),
          tf.variable(tensorOf([33, 1], r), true, `${prefix}/w2`),
        ];
      };
      const [eager, compiled] = [weights(`prepared_eager${threads}`), weights(`prepared_compiled${threads}`)];
      /** @param {tf.Variable[]} variables @param {tf.Optimizer} optimizer */
      const stepOf =
        ([w1, b1, w2], optimizer) =>
        (x, y) =>
          optimizer.minimize(
            () => tf.losses.meanSquaredError(y, tf.matMul(tf.tanh(tf.add(tf.matMul(x, w1), b1)), w2)),
            true,
            [w1, b1, w2],
          );
      const [eagerOptimizer, compiledOptimizer] = [simd.adam(0.01), simd.adam(0.01)];
      const eagerStep = stepOf(eager, eagerOptimizer);
      const step = simd.compile(stepOf(compiled, compiledOptimizer));
      const run = (f, x, y) => {
        const loss = f(x, y);
        const value = loss.dataSync()[0];
        loss.dispose();
        return value;
      };
      let bytesAfterWarmup = 0;
      for (let i = 0; i < 60; i++) {
        const [x, y] = [tensorOf([17, 3], random), tensorOf([17, 1], random)];
        assert.is(run(step, x, y), run(eagerStep, x, y), `loss of step ${i}`);
        tf.dispose([x, y]);
        if (i === 10) bytesAfterWarmup = simdMemory().numBytesInWasm;
      }
      assert.is(simdMemory().numBytesInWasm, bytesAfterWarmup, 'bytes held after 50 replays');
      assert.ok(step.plans()[0].prepared > 0, step.plans()[0].kernels.join(' '));
      assertSameBitsEach(
        compiled.map((v) => v.dataSync()),
        eager.map((v) => v.dataSync()),
        'weight',
      );
      step.dispose();
      eagerOptimizer.dispose();
      compiledOptimizer.dispose();
      tf.dispose([...eager, ...compiled]);
    });
  });
}

test.run();
