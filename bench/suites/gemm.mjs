// GEMM throughput (GFLOPS = 2·M·N·K / median time) of tf.matMul on each backend, square and VAE shapes (batch
// 100, and batch 1 / 3 for the unpacked path), in the three transposes training uses (NN forward, NT and TN
// backprop), next to the machine's WASM SIMD peak.

/** [name, M, N, K]: op(A) is M × K, op(B) is K × N. */
const SQUARE = [64, 128, 256, 512, 1024].map((s) => [`${s}³`, s, s, s]);
const SQUARE_QUICK = [64, 256, 512].map((s) => [`${s}³`, s, s, s]);
// VAE 784-500-20, batch 100: encoder, its two backprop products, the 40-wide head (mean and log-variance),
// and the decoder (100×20·20×500, 100×500·500×784, whose backprop weight product is 500×100·100×784).
const VAE = [
  ['VAE enc 100×784·784×500', 100, 500, 784],
  ['VAE enc dx 100×500·500×784', 100, 784, 500],
  ['VAE enc dW 784×100·100×500', 784, 500, 100],
  ['VAE head 100×500·500×40', 100, 40, 500],
  ['VAE dec 100×20·20×500', 100, 500, 20],
  ['VAE dec dW 500×100·100×784', 500, 784, 100],
];
const VAE_QUICK = [VAE[0], VAE[1], VAE[2], VAE[3]];
// The same network on one example (batch-1 inference: matrix-vector products, no packing), and three rows
// (the largest M that skips packing).
const VAE_BATCH1 = [
  ['VAE enc batch 1 1×784·784×500', 1, 500, 784],
  ['VAE head batch 1 1×500·500×40', 1, 40, 500],
  ['VAE dec batch 1 1×20·20×500', 1, 500, 20],
  ['VAE dec batch 1 1×500·500×784', 1, 784, 500],
  ['VAE enc batch 3 3×784·784×500', 3, 500, 784],
];
const VAE_BATCH1_QUICK = [VAE_BATCH1[0], VAE_BATCH1[1]];
const TRANSPOSES = [
  ['NN', false, false],
  ['NT', false, true],
  ['TN', true, false],
];

export default async function gemm(ctx) {
  const { tf, backends, quick } = ctx;
  // The peak is the fastest sample of many short ones, probed before and after the GEMMs: load from other
  // processes can only slow a register-resident loop down. GEMM figures are medians, so their fraction of
  // the peak errs low.
  const peaks = {};
  const probePeak = async (name) => {
    for (const backend of backends.filter((b) => b.startsWith('simd'))) {
      const iterations = 500_000;
      const row = await ctx.measure(
        name,
        () => {
          tf.backend().wasm.kernels.gemm_simd_peak(iterations);
        },
        { backend, flops: 96 * iterations, runs: 30, minMs: 100, statistic: 'best' },
      );
      peaks[backend] = Math.max(peaks[backend] ?? 0, row.value);
    }
  };
  await probePeak('WASM SIMD peak, before (12 register-resident mul+add chains, fastest sample)');
  // Let V8 tier every backend's hot code up to its optimizing compiler before anything is timed, on a small
  // and a large product (small ones spend relatively more time in JavaScript dispatch).
  for (const backend of backends.filter((b) => b !== 'cpu')) {
    await ctx.use(backend);
    for (const size of [64, 256]) {
      const a = tf.randomUniform([size, size]);
      const until = performance.now() + (quick ? 150 : 500);
      while (performance.now() < until) {
        for (const [, transposeA, transposeB] of TRANSPOSES) tf.matMul(a, a, transposeA, transposeB).dispose();
      }
      a.dispose();
    }
  }
  // Slow backends only where a run stays short: tfjs-backend-cpu runs ~0.8 GFLOPS.
  const cpuFlopsLimit = quick ? 1.1e8 : 3e8;
  const gemmRows = [];
  const shapes = quick ? [...SQUARE_QUICK, ...VAE_QUICK, ...VAE_BATCH1_QUICK] : [...SQUARE, ...VAE, ...VAE_BATCH1];
  for (const [name, m, n, k] of shapes) {
    const flops = 2 * m * n * k;
    for (const [label, transposeA, transposeB] of TRANSPOSES) {
      for (const backend of backends) {
        if (backend === 'cpu' && flops > cpuFlopsLimit) continue;
        await ctx.use(backend);
        const a = tf.randomUniform(transposeA ? [k, m] : [m, k], -1, 1);
        const b = tf.randomUniform(transposeB ? [n, k] : [k, n], -1, 1);
        const slow = backend === 'cpu' || (backend === 'wasm' && label !== 'NN');
        gemmRows.push(
          await ctx.measure(`${label} ${name}`, () => tf.matMul(a, b, transposeA, transposeB), {
            backend,
            flops,
            runs: slow ? 3 : undefined,
            minMs: slow ? 0 : undefined,
          }),
        );
        tf.dispose([a, b]);
      }
    }
  }
  await probePeak('WASM SIMD peak, after');
  // Every GEMM figure as a fraction of the peak: relaxed-SIMD rows of the relaxed peak, others of the mul+add one.
  for (const row of gemmRows) row.ofPeak = row.value / (peaks[row.backend] ?? peaks.simd);
}
