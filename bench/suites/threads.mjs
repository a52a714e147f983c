// Threads: GEMM GFLOPS and the VAE training step on 1 thread and on every core (setThreadCount), on the
// same 'simd' backend (the threaded build with 1 thread runs exactly the single-thread code), with the
// ratio of each pair. The thread counts alternate, round after round, and the table shows medians: on a
// machine shared with other work, load then hits both counts alike. Each pair also gets the CPU cores the
// process obtained while measuring (CPU time / wall time, Node): a second thread can only speed up what
// a second core is free for, and a ratio below the count is to be read against that row.
import { convAutoencoderStep, VAE_SIZE, vaeTrainStep } from '../workloads.mjs';

const SIZES = [256, 512, 1024];
/** The conv suite's forward convolution (bench/suites/conv.mjs). */
const CONV = { x: [64, 28, 28, 16], filter: [3, 3, 16, 32], flops: 2 * 64 * 28 * 28 * 32 * (3 * 3 * 16) };
const SIZES_QUICK = [256, 512];
/** Around the thresholds (PRODUCT_SPLIT in src/kernels/gemm/threads.ts): split whatever they say. */
const THRESHOLD_SIZES = [64, 96, 112, 128, 160, 192];

/** Waits (at most 5 s) until the active backend's workers are ready; returns how many are. */
async function workersReady(tf, count) {
  const pool = tf.backend().threadPool;
  if (pool == null) return 0;
  for (let i = 0; i < 500 && pool.readyWorkers(count) < count; i++) await new Promise((r) => setTimeout(r, 10));
  return pool.readyWorkers(count);
}

/**
 * Median ms of `fn` called after 5 ms of other work each time: longer than a worker polls after a job
 * (WORKER_SPIN_MS), so the workers have gone to sleep.
 */
function isolatedMs(fn, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const until = performance.now() + 5;
    while (performance.now() < until);
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[runs >> 1];
}

/**
 * One case around a threshold: `single` on one thread, `split` over every thread regardless of the
 * threshold, back to back (workers awake) and each after a pause (workers asleep, the worst case). Where
 * the ratios pass 1 is where splitting starts to pay.
 */
async function recordSplitRatios(ctx, backend, name, single, split, parts, opts = {}) {
  const one = await ctx.measure(`${name}, 1 thread`, single, { backend, ...opts });
  const all = await ctx.measure(`${name}, split in ${parts}`, split, { backend, ...opts });
  ctx.record({
    case: `${name}: split ÷ 1 thread, back to back`,
    backend,
    ms: one.ms,
    metric: '× 1 thread',
    value: one.ms / all.ms,
  });
  const runs = 41;
  ctx.record({
    case: `${name}: split ÷ 1 thread, workers asleep`,
    backend,
    ms: one.ms,
    metric: '× 1 thread',
    value: isolatedMs(single, runs) / isolatedMs(split, runs),
  });
}

/** Products around PRODUCT_SPLIT (src/kernels/gemm/threads.ts), on the GEMM directly. */
async function gemmThresholdSweep(tf, backend, ctx, helpers) {
  const { NO_EPILOGUE, productOnThisThread, runProductShares, splitProduct } = await import(
    '../../dist/kernels/gemm/threads.js'
  );
  const simdBackend = tf.backend();
  for (const size of THRESHOLD_SIZES) {
    const [a, b, c] = [0, 1, 2].map(() => tf.randomUniform([size, size], -1, 1));
    const product = [
      size,
      size,
      size,
      ...[a, b, c].flatMap((t, i) => (i < 2 ? [simdBackend.ptr(t), size, 1] : [simdBackend.ptr(t), size])),
    ];
    const chunks = splitProduct(product, [0, 0, 0, 0, 0, 0, 0, 0], helpers + 1);
    await recordSplitRatios(
      ctx,
      backend,
      `GEMM ${size}³ on the kernel`,
      () => {
        productOnThisThread(simdBackend.wasm, 'gemm_f32', product, NO_EPILOGUE);
      },
      () => {
        runProductShares(simdBackend.wasm, simdBackend.threadPool, chunks, helpers);
      },
      chunks.length,
      { flops: 2 * size ** 3 },
    );
    tf.dispose([a, b, c]);
  }
}

/**
 * An element-wise kernel around its threshold, on the kernel directly: Adam's update (ADAM_SPLIT in
 * src/kernels/optim/AdamUpdate.ts) and an add (SWEEP_SPLIT in src/threads/sweep.ts).
 */
async function sweepThresholdSweep(tf, backend, ctx, helpers, { name, kernel, arrays, scalars, sizes }) {
  const { splitRange } = await import('../../dist/threads/sweep.js');
  const simdBackend = tf.backend();
  for (const n of sizes) {
    const tensors = Array.from({ length: arrays }, () => tf.randomUniform([n], 0, 1));
    const pointers = tensors.map((t) => simdBackend.ptr(t));
    const chunks = splitRange(pointers, n, scalars, helpers + 1);
    await recordSplitRatios(
      ctx,
      backend,
      `${name} of ${n / 1024}k values on the kernel`,
      () => {
        kernels[kernel](...pointers, n, ...scalars);
      },
      () => {
        simdBackend.threadPool.run(kernel, chunks, helpers);
      },
      chunks.length,
    );
    tf.dispose(tensors);
  }
}

const ADAM_SWEEP = {
  name: 'Adam update',
  kernel: 'optim_adam_f32',
  arrays: 7,
  scalars: [0.9, 0.1, 0.999, 0.001, 0.5, 0.25, 1e-7, -1e-3].map(Math.fround),
  sizes: [8, 16, 32, 64, 128].map((k) => k * 1024),
};
const ADD_SWEEP = {
  name: 'Add',
  kernel: 'elementwise_add_f32',
  arrays: 3,
  scalars: [1, 1, 0, 0],
  sizes: [16, 32, 64, 256, 512, 1024].map((k) => k * 1024),
};

export default async function threads(ctx) {
  const { tf, backends, quick } = ctx;
  const simd = await import('../../dist/index.js');
  const { currentThreadCount } = await import('../../dist/wasm/thread_count.js');
  const { VAE } = await import('../../dist/models/index.js');
  const { ConvAutoencoder } = await import('../../dist/models/conv_autoencoder.js');
  const cores = currentThreadCount();
  const counts = [1, Math.max(2, cores)];
  const rounds = quick ? 1 : 3;
  const labels = Object.fromEntries(counts.map((t) => [t, t === 1 ? '1 thread' : `${t} threads`]));
  try {
    for (const backend of backends.filter((b) => b.startsWith('simd'))) {
      await ctx.use(backend);
      simd.setThreadCount(counts[1]);
      const ready = await workersReady(tf, counts[1] - 1);
      if (ready < counts[1] - 1) {
        console.log(`threads: ${backend} has ${ready + 1} thread(s) ready (no shared memory?): skipped`);
        continue;
      }
      const ratio = (name, rows) =>
        ctx.record({
          case: `${name}: ${labels[counts[1]]} ÷ 1 thread`,
          backend,
          ms: rows[0].ms,
          metric: '× 1 thread',
          value: rows[0].ms / rows[1].ms,
        });
      // ctx.measure, and the CPU cores the process got meanwhile (recorded as a row of its own).
      const measure = async (name, fn, opts) => {
        const cpuBefore = process.cpuUsage();
        const wallBefore = performance.now();
        const row = await ctx.measure(name, fn, opts);
        const cpu = process.cpuUsage(cpuBefore);
        ctx.record({
          case: `${name}: CPU cores obtained`,
          backend,
          ms: row.ms,
          metric: 'cores',
          value: (cpu.user + cpu.system) / 1000 / (performance.now() - wallBefore),
        });
        return row;
      };
      // `fn` on 1 thread and on every core, and the ratio.
      const compare = async (name, fn, opts) => {
        const rows = [];
        for (const count of counts) {
          simd.setThreadCount(count);
          rows.push(await measure(`${name}, ${labels[count]}`, fn, { backend, ...opts }));
        }
        ratio(name, rows);
      };
      const stepRuns = quick ? { warmup: 1, warmupMs: 0, runs: 3, minMs: 0 } : { runs: 7 };
      for (let round = 0; round < rounds; round++) {
        for (const size of quick ? SIZES_QUICK : SIZES) {
          const a = tf.randomUniform([size, size], -1, 1);
          const b = tf.randomUniform([size, size], -1, 1);
          await compare(`GEMM ${size}³`, () => tf.matMul(a, b), { flops: 2 * size ** 3, runs: quick ? 3 : 7 });
          tf.dispose([a, b]);
        }
        if (!quick) {
          await gemmThresholdSweep(tf, backend, ctx, counts[1] - 1);
          await sweepThresholdSweep(tf, backend, ctx, counts[1] - 1, ADAM_SWEEP);
          await sweepThresholdSweep(tf, backend, ctx, counts[1] - 1, ADD_SWEEP);
        }
        // The VAE step with tfjs's Adam (what a model written for any backend runs) and with this package's.
        for (const [optimizer, adam] of [
          ["tfjs's Adam", undefined],
          ['fused Adam', simd.adam],
        ]) {
          const step = vaeTrainStep(tf, VAE, 'bernoulli', VAE_SIZE, adam);
          await compare(
            `VAE step 784-500-20, batch ${VAE_SIZE.batch}, bernoulli decoder, ${optimizer}`,
            step.run,
            stepRuns,
          );
          step.dispose();
        }
        const x = tf.randomUniform(CONV.x, -1, 1, 'float32', 1);
        const filter = tf.randomUniform(CONV.filter, -1, 1, 'float32', 2);
        await compare('Conv2D fwd [64×28×28×16] ⊛ 3×3×16×32, same', () => tf.conv2d(x, filter, 1, 'same'), {
          flops: CONV.flops,
          runs: quick ? 3 : 7,
        });
        tf.dispose([x, filter]);
        const autoencoder = convAutoencoderStep(tf, ConvAutoencoder);
        await compare(
          'train step, detector conv AE (conv16-conv32-dense32-upsample), batch 64',
          autoencoder.run,
          stepRuns,
        );
        autoencoder.dispose();
      }
    }
  } finally {
    simd.setThreadCount(cores);
  }
}
