// Threads: GEMM GFLOPS and the VAE training step on 1 thread and on every core (setThreadCount), on the
// same 'simd' backend (the threaded build with 1 thread runs exactly the single-thread code), with the
// ratio of each pair. The thread counts alternate, round after round, and the table shows medians: on a
// machine shared with other work, load then hits both counts alike. Each pair also gets the CPU cores the
// process obtained while measuring (CPU time / wall time, Node): a second thread can only speed up what
// a second core is free for, and a ratio below the count is to be read against that row.
import { VAE_SIZE, vaeTrainStep } from '../workloads.mjs';

const SIZES = [256, 512, 1024];
const SIZES_QUICK = [256, 512];
/** Around the threshold (MIN_CHUNK_MACS in src/threads/gemm_threads.ts): split whatever the threshold says. */
const THRESHOLD_SIZES = [64, 96, 112, 128, 160, 192];

/** Waits (at most 5 s) until the active backend's workers are ready; returns how many are. */
async function workersReady(tf, count) {
  const pool = tf.backend().threadPool;
  if (pool == null) return 0;
  for (let i = 0; i < 500 && pool.readyWorkers(count) < count; i++) await new Promise((r) => setTimeout(r, 10));
  return pool.readyWorkers(count);
}

/** Median ms of `fn` called after 1 ms of other work each time: the workers have gone to sleep. */
function isolatedMs(fn, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const until = performance.now() + 1;
    while (performance.now() < until);
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[runs >> 1];
}

/**
 * Products of the sizes around the threshold, on the GEMM directly: on one thread, and split in one chunk
 * per thread regardless of the threshold, back to back (workers awake) and each after a pause (workers
 * asleep, the worst case). Where the ratios pass 1 is where splitting starts to pay.
 */
async function thresholdSweep(tf, backend, ctx, helpers) {
  const { splitProduct } = await import('../../dist/threads/gemm_threads.js');
  const simdBackend = tf.backend();
  const { kernels } = simdBackend.wasm;
  for (const size of THRESHOLD_SIZES) {
    const [a, b, c] = [0, 1, 2].map(() => tf.randomUniform([size, size], -1, 1));
    const product = [size, size, size, ...[a, b, c].flatMap((t, i) => (i < 2 ? [simdBackend.ptr(t), size, 1] : [simdBackend.ptr(t), size]))];
    const chunks = splitProduct(product, [0, 0, 0, 0, 0, 0, 0, 0], helpers + 1);
    const single = () => { kernels.gemm_f32(...product); };
    const split = () => { simdBackend.threadPool.run(chunks, helpers); };
    const one = await ctx.measure(`GEMM ${size}³ on the kernel, 1 thread`, single, { backend, flops: 2 * size ** 3 });
    const all = await ctx.measure(`GEMM ${size}³ on the kernel, split in ${chunks.length}`, split, { backend, flops: 2 * size ** 3 });
    ctx.record({ case: `GEMM ${size}³ on the kernel: split ÷ 1 thread, back to back`, backend, ms: one.ms,
      metric: '× 1 thread', value: one.ms / all.ms });
    const runs = 101;
    ctx.record({ case: `GEMM ${size}³ on the kernel: split ÷ 1 thread, workers asleep`, backend, ms: one.ms,
      metric: '× 1 thread', value: isolatedMs(single, runs) / isolatedMs(split, runs) });
    tf.dispose([a, b, c]);
  }
}

export default async function threads(ctx) {
  const { tf, backends, quick } = ctx;
  const simd = await import('../../dist/index.js');
  const { currentThreadCount } = await import('../../dist/threads/settings.js');
  const { VAE } = await import('../../dist/models/index.js');
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
      const ratio = (name, rows) => ctx.record({
        case: `${name}: ${labels[counts[1]]} ÷ 1 thread`, backend, ms: rows[0].ms, metric: '× 1 thread',
        value: rows[0].ms / rows[1].ms,
      });
      // ctx.measure, and the CPU cores the process got meanwhile (recorded as a row of its own).
      const measure = async (name, fn, opts) => {
        const cpuBefore = process.cpuUsage();
        const wallBefore = performance.now();
        const row = await ctx.measure(name, fn, opts);
        const cpu = process.cpuUsage(cpuBefore);
        ctx.record({ case: `${name}: CPU cores obtained`, backend, ms: row.ms, metric: 'cores',
          value: (cpu.user + cpu.system) / 1000 / (performance.now() - wallBefore) });
        return row;
      };
      for (let round = 0; round < rounds; round++) {
        for (const size of quick ? SIZES_QUICK : SIZES) {
          const a = tf.randomUniform([size, size], -1, 1);
          const b = tf.randomUniform([size, size], -1, 1);
          const rows = [];
          for (const count of counts) {
            simd.setThreadCount(count);
            rows.push(await measure(`GEMM ${size}³, ${labels[count]}`, () => tf.matMul(a, b),
              { backend, flops: 2 * size ** 3, runs: quick ? 3 : 7 }));
          }
          ratio(`GEMM ${size}³`, rows);
          tf.dispose([a, b]);
        }
        if (!quick) await thresholdSweep(tf, backend, ctx, counts[1] - 1);
        const step = vaeTrainStep(tf, VAE, 'bernoulli');
        const name = `VAE step 784-500-20, batch ${VAE_SIZE.batch}, bernoulli decoder`;
        const rows = [];
        for (const count of counts) {
          simd.setThreadCount(count);
          rows.push(await measure(`${name}, ${labels[count]}`, step.run,
            { backend, ...(quick ? { warmup: 1, warmupMs: 0, runs: 3, minMs: 0 } : { runs: 7 }) }));
        }
        ratio(name, rows);
        step.dispose();
      }
    }
  } finally {
    simd.setThreadCount(cores);
  }
}
