// Training steps: one VAE step (784-500-20, batch 100, Adam on −ELBO) for each decoder, its useful GFLOPS
// (the step's matmul FLOPs over its time, as a fraction of the WASM SIMD peak of the same build), one
// tfjs-layers trainOnBatch step of each sin MLP (batch 32), one of a text classifier with an Embedding layer, and the memory the VAE run leaves: WASM heap
// and JS heap, printed as notes.
import {
  SIN_MLPS,
  sinMlpStep,
  TEXT_CLASSIFIER,
  textClassifierStep,
  VAE_SIZE,
  vaeStepFlops,
  vaeTrainStep,
} from '../workloads.mjs';

/** The fastest of many short runs of the register-resident mul+add loop (as the gemm suite measures it). */
function simdPeakGflops(tf, samples) {
  const iterations = 500_000;
  const flopsPerIteration = 96; // 12 chains × 4 lanes × (mul + add)
  let best = Infinity;
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    tf.backend().wasm.kernels.gemm_simd_peak(iterations);
    best = Math.min(best, performance.now() - t0);
  }
  return (flopsPerIteration * iterations) / best / 1e6;
}

/** Bytes of the backend's WebAssembly memory, where it has one. */
function wasmHeapBytes(tf, backend) {
  const memory = tf.memory();
  if (backend.startsWith('simd')) return memory.wasmMemoryBytes;
  if (backend === 'wasm') return tf.backend().wasm.HEAPU8.buffer.byteLength;
  return undefined;
}

const mb = (bytes) => (bytes == null ? '—' : `${(bytes / 2 ** 20).toFixed(1)} MB`);

export default async function training(ctx) {
  const { tf, backends, quick } = ctx;
  const { VAE } = await import('../../dist/models/index.js');
  // tfjs-backend-simd's Adam on every backend: its fused update on 'simd', tfjs's AdamOptimizer itself on the
  // others (it only overrides applyGradients where the AdamUpdate kernel exists), so each column runs the same code.
  const { adam } = await import('../../dist/index.js');
  const tfl = await import('@tensorflow/tfjs-layers');

  const peaks = {};
  for (const backend of backends.filter((b) => b.startsWith('simd'))) {
    await ctx.use(backend);
    peaks[backend] = simdPeakGflops(tf, quick ? 15 : 40);
  }

  const memoryNotes = [];
  // Quick runs (under a minute for every suite together) time the Bernoulli decoder only.
  for (const decoder of quick ? ['bernoulli'] : ['gaussian', 'bernoulli']) {
    const flops = vaeStepFlops(decoder);
    const name = `VAE step 784-500-20, batch ${VAE_SIZE.batch}, ${decoder} decoder`;
    for (const backend of backends) {
      await ctx.use(backend);
      const step = vaeTrainStep(tf, VAE, decoder, VAE_SIZE, adam);
      // tfjs-backend-cpu takes most of a second per step, and quick runs must stay short: one warm-up, few samples.
      const sampling =
        backend === 'cpu'
          ? { warmup: 1, warmupMs: 0, runs: quick ? 1 : 3, minMs: 0 }
          : quick
            ? { warmup: 1, warmupMs: 0, runs: 3, minMs: 0 }
            : {};
      const row = await ctx.measure(name, step.run, { backend, ...sampling });
      ctx.record({
        ...row,
        case: `${name}, useful GFLOPS (${(flops / 1e9).toFixed(2)} GFLOP of matmuls)`,
        metric: 'GFLOPS',
        value: flops / row.ms / 1e6,
        ofPeak: flops / row.ms / 1e6 / (peaks[backend] ?? peaks.simd),
      });
      if (decoder === 'bernoulli') {
        // the last decoder: what a whole VAE run leaves
        globalThis.gc?.();
        const { numBytes, numTensors } = tf.memory();
        memoryNotes.push(
          `| ${backend} | ${mb(wasmHeapBytes(tf, backend))} | ${mb(numBytes)} in ${numTensors} tensors | ` +
            `${mb(process.memoryUsage().heapUsed)} |`,
        );
      }
      step.dispose();
    }
  }
  console.log(
    `\nMemory after the VAE steps (model, Adam state and batch still alive; JS heap is the whole process's, after gc):\n` +
      `| backend | WASM memory | tensors | JS heap used |\n|---|---|---|---|\n${memoryNotes.join('\n')}`,
  );
  console.log(
    "Optimizer: tfjs-backend-simd's adam() on every backend: the fused AdamUpdate kernel on 'simd', " +
      "tfjs's AdamOptimizer unchanged on tfjs-backend-wasm and tfjs-backend-cpu (same results, bit for bit on 'cpu').",
  );
  console.log(
    `WASM SIMD peak for the VAE GFLOPS fractions: ${Object.entries(peaks)
      .map(([b, p]) => `${b} ${p.toFixed(1)}`)
      .join(', ')} GFLOPS`,
  );

  for (const [label, hiddenUnits] of SIN_MLPS) {
    for (const backend of backends) {
      await ctx.use(backend);
      const step = sinMlpStep(tf, tfl, hiddenUnits, 32, adam);
      await ctx.measure(`sin MLP ${label}, trainOnBatch, batch 32`, step.run, { backend });
      step.dispose();
    }
  }

  const { vocab, length, embed, batch } = TEXT_CLASSIFIER;
  const textCase = `text classifier Embedding(${vocab}, ${embed})-mean-Dense(1), ${length} tokens, trainOnBatch, batch ${batch}`;
  for (const backend of backends) {
    // tfjs-backend-wasm has no UnsortedSegmentSum, the gradient of the embedding's gather: the step fails there.
    if (backend === 'wasm') continue;
    await ctx.use(backend);
    const step = textClassifierStep(tf, tfl);
    // tfjs-backend-cpu sums each of the vocab's segments over every row in turn: seconds per step.
    const sampling = backend === 'cpu' ? { warmup: 1, warmupMs: 0, runs: quick ? 1 : 2, minMs: 0 } : {};
    await ctx.measure(textCase, step.run, { backend, ...sampling });
    step.dispose();
  }
  console.log('The text classifier does not run on tfjs-backend-wasm, which has no UnsortedSegmentSum kernel.');
}
