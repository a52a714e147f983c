// Inference: the kernels converted vision models spend their time in, at a MobileNet's shapes (batch 1), and the
// crops and warps that face and pose pipelines take from a 640×480 frame, and an audio model's spectrogram; two
// MobileNetV2 models (bench/inference_models.mjs: tfjs-layers, α 0.35, 96×96; and the same network as a
// converted graph model with fused convolutions, loaded through tf.loadGraphModel(tf.io.fromMemory())) at batch
// 1 and 8, on one thread and on every core ('simd' only: the peers run one thread); a per-kernel profile
// (tf.profile) of each model on 'simd' at batch 1, marking the kernels that run tfjs-backend-cpu's code; each
// model compiled (simd.compile), on one thread and on every core; and the VAE's encode + decode at batch 1 and
// 100. Every model call reads its result back. Each kernel's and each model's rows (except cpu's) are timed
// taking turns (ctx.measureTurns), after 0.3 s (a kernel) or 1.5 s (a model) of warm-up each: V8 optimises each
// of a model's dozens of kernels only once it has run enough, and this machine's host slows down for seconds at
// a time.

import { mobileNetGraphModel, mobileNetV2Layers } from '../inference_models.mjs';
import { vaeInference } from '../workloads.mjs';

/** [case, inputs maker, op, backends without the kernels] at a MobileNet's shapes. */
const KERNELS = [
  [
    'FusedDepthwiseConv2D 112×112×32, 3×3, bias + relu6',
    (tf) => [
      tf.randomUniform([1, 112, 112, 32], -1, 1, 'float32', 1),
      tf.randomUniform([3, 3, 32, 1], -1, 1, 'float32', 2),
      tf.randomUniform([32], -1, 1, 'float32', 3),
    ],
    (tf, [x, filter, bias]) =>
      tf.fused.depthwiseConv2d({ x, filter, strides: 1, pad: 'same', bias, activation: 'relu6' }),
  ],
  [
    'FusedDepthwiseConv2D 112×112×32, 3×3 stride 2, bias + relu6',
    (tf) => [
      tf.randomUniform([1, 112, 112, 32], -1, 1, 'float32', 1),
      tf.randomUniform([3, 3, 32, 1], -1, 1, 'float32', 2),
      tf.randomUniform([32], -1, 1, 'float32', 3),
    ],
    (tf, [x, filter, bias]) =>
      tf.fused.depthwiseConv2d({ x, filter, strides: 2, pad: 'same', bias, activation: 'relu6' }),
  ],
  [
    'FusedBatchNorm 112×112×32',
    (tf) => [
      tf.randomUniform([1, 112, 112, 32], -1, 1, 'float32', 1),
      ...[4, 5, 6, 7].map((seed) => tf.randomUniform([32], 0.5, 1.5, 'float32', seed)),
    ],
    (tf, [x, mean, variance, offset, scale]) => tf.batchNorm(x, mean, variance, offset, scale, 1e-3),
  ],
  [
    'ResizeBilinear 112×112×3 → 224×224',
    (tf) => [tf.randomUniform([1, 112, 112, 3], 0, 1, 'float32', 1)],
    (tf, [x]) => tf.image.resizeBilinear(x, [224, 224], false, true),
  ],
  [
    'ResizeBilinear 112×112×32 → 224×224',
    (tf) => [tf.randomUniform([1, 112, 112, 32], 0, 1, 'float32', 1)],
    (tf, [x]) => tf.image.resizeBilinear(x, [224, 224], false, true),
  ],
  [
    'FusedConv2D 3×3 stride 2, 224×224×3 → 32, bias + relu6',
    (tf) => [
      tf.randomUniform([1, 224, 224, 3], 0, 1, 'float32', 1),
      tf.randomUniform([3, 3, 3, 32], -1, 1, 'float32', 2),
      tf.randomUniform([32], -1, 1, 'float32', 3),
    ],
    (tf, [x, filter, bias]) => tf.fused.conv2d({ x, filter, strides: 2, pad: 'same', bias, activation: 'relu6' }),
  ],
  [
    'FusedConv2D 1×1, 112×112×32 → 64, bias + relu6',
    (tf) => [
      tf.randomUniform([1, 112, 112, 32], -1, 1, 'float32', 1),
      tf.randomUniform([1, 1, 32, 64], -1, 1, 'float32', 2),
      tf.randomUniform([64], -1, 1, 'float32', 3),
    ],
    (tf, [x, filter, bias]) => tf.fused.conv2d({ x, filter, strides: 1, pad: 'same', bias, activation: 'relu6' }),
  ],
  [
    'CropAndResize 480×640×3, one box → 256×256, bilinear',
    (tf) => [
      tf.randomUniform([1, 480, 640, 3], 0, 1, 'float32', 1),
      tf.tensor2d([[0.1, 0.2, 0.8, 0.9]]),
      tf.tensor1d([0], 'int32'),
    ],
    (tf, [image, boxes, boxInd]) => tf.image.cropAndResize(image, boxes, boxInd, [256, 256]),
  ],
  [
    'Transform 480×640×3 → 256×256, rotation and scale, bilinear',
    (tf) => [
      tf.randomUniform([1, 480, 640, 3], 0, 1, 'float32', 1),
      tf.tensor2d([[1.6, -0.4, 120, 0.4, 1.6, 40, 0, 0]]),
    ],
    (tf, [image, transforms]) => tf.image.transform(image, transforms, 'bilinear', 'constant', 0, [256, 256]),
  ],
  [
    // An audio classifier's front end; tfjs-backend-wasm has no FFT kernel, so it runs on 'simd' and 'cpu' only.
    'Spectrogram |stft| of 1 s at 16 kHz, frames 400 / 160, FFT 512',
    (tf) => [tf.randomUniform([16000], -1, 1, 'float32', 1)],
    (tf, [signal]) => tf.abs(tf.signal.stft(signal, 400, 160, 512)),
    ['wasm'],
  ],
  [
    'MatMul 1×1280 · 1280×1000',
    (tf) => [tf.randomUniform([1, 1280], -1, 1, 'float32', 1), tf.randomUniform([1280, 1000], -1, 1, 'float32', 2)],
    (tf, [a, b]) => tf.matMul(a, b),
  ],
];

const MODELS = [
  [
    'MobileNetV2 α0.35 96×96, tfjs-layers',
    async (tf) => {
      const model = mobileNetV2Layers(tf);
      return { predict: (x) => model.predict(x), dispose: () => model.dispose() };
    },
  ],
  [
    'MobileNetV2 α0.35 96×96 (+ resize to 128), graph model',
    async (tf) => {
      const model = await mobileNetGraphModel(tf, tf.loadGraphModel);
      return { predict: (x) => model.predict(x), dispose: () => model.dispose() };
    },
  ],
];

/**
 * Per kernel name, the sum over one call's kernels of each kernel's median time over `runs` calls. The median is
 * taken per kernel position (a model runs the same kernels in the same order every call), not per name: on a
 * shared machine a thread descheduled for milliseconds inflates one kernel of one call, and summing first would
 * hand that pause to the kernel that runs most often (FusedConv2D in a MobileNet) in every call it hits.
 */
async function profileKernels(tf, fn, runs) {
  const perRun = [];
  for (let r = 0; r < runs; r++) {
    const info = await tf.profile(() =>
      tf.tidy(() => {
        fn();
      }),
    );
    // Named ops (`fusedConv2d__op`) appear as entries around their kernels: kernels only.
    perRun.push(info.kernels.filter((e) => !e.name.endsWith('__op')));
  }
  const sums = new Map();
  perRun[0].forEach((kernel, i) => {
    const times = perRun.map((run) => (run[i]?.name === kernel.name ? run[i].kernelTimeMs : 0)).sort((a, b) => a - b);
    sums.set(kernel.name, (sums.get(kernel.name) ?? 0) + times[runs >> 1]);
  });
  return [...sums].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
}

/** Prints a model's kernel profile and keeps it in the run's JSON (README's profile table: "profile of …" cases). */
function printProfile(ctx, modelCase, kernels, fallback, calls) {
  const total = kernels.reduce((sum, k) => sum + k.ms, 0);
  console.log(`\ninference profile, 'simd', one thread: ${modelCase} (median of ${calls} calls)\n`);
  console.log('| kernel | ms | share | runs on |');
  console.log('|---|---|---|---|');
  for (const k of kernels) {
    const where = fallback.includes(k.name) ? 'tfjs-backend-cpu (fallback)' : 'native';
    console.log(`| ${k.name} | ${k.ms.toFixed(3)} | ${((100 * k.ms) / total).toFixed(1)}% | ${where} |`);
  }
  console.log('');
  for (const k of kernels) {
    const where = fallback.includes(k.name) ? ' (tfjs-backend-cpu fallback)' : '';
    ctx.record({ case: `profile of ${modelCase}: ${k.name}${where}`, backend: 'simd', ms: k.ms });
  }
}

export default async function inference(ctx) {
  const { tf, backends, quick } = ctx;
  const tfjs = await import('@tensorflow/tfjs'); // tfjs-layers, tfjs-converter and chained ops, on the same tfjs-core
  const simd = await import('../../dist/index.js');

  // Each kernel's backends take turns (cpu, far slower, is timed on its own afterwards): the "×wasm" of a
  // kernel then compares calls made within the same fraction of a second.
  for (const [name, makeInputs, op, without = []] of KERNELS) {
    const runs = [];
    for (const backend of backends) {
      if (backend === 'cpu' || without.includes(backend)) continue;
      await ctx.use(backend);
      const inputs = makeInputs(tf);
      runs.push({ case: name, backend, inputs, fn: () => op(tf, inputs) });
    }
    await ctx.measureTurns(runs, { warmupMs: quick ? 50 : 300 });
    for (const r of runs) tf.dispose(r.inputs);
    if (backends.includes('cpu') && !quick && !without.includes('cpu')) {
      await ctx.use('cpu');
      const inputs = makeInputs(tf);
      await ctx.measure(name, () => op(tf, inputs), { backend: 'cpu', runs: 11 });
      tf.dispose(inputs);
    }
  }

  const { fallback } = simd.kernelCoverage();
  const cores = Math.max(2, (await import('node:os')).availableParallelism?.() ?? 2);
  for (const [modelName, build] of MODELS) {
    for (const batch of quick ? [1] : [1, 8]) {
      const name = `${modelName}, batch ${batch}`;
      // The model on each backend, its input, its call (the result read back) and what to free afterwards.
      const runs = [];
      for (const backend of backends) {
        if (backend === 'cpu' && (quick || batch > 1)) continue;
        await ctx.use(backend);
        const model = await build(tfjs);
        const x = tf.randomUniform([batch, 96, 96, 3], 0, 1, 'float32', 5);
        runs.push({ backend, model, x, run: () => tf.tidy(() => model.predict(x).dataSync()[0]) });
      }
      const simdRuns = runs.filter((r) => r.backend.startsWith('simd'));
      for (const { backend, model, x } of simdRuns.filter((r) => r.backend === 'simd' && batch === 1)) {
        await ctx.use(backend);
        const kernels = await profileKernels(tf, () => model.predict(x), quick ? 3 : 7);
        printProfile(ctx, `${modelName}, batch 1`, kernels, fallback, quick ? 3 : 7);
      }
      // Eager on every backend, and 'simd' also on every core and compiled (simd.compile: the recorded kernels
      // replayed without tfjs's per-op JavaScript), one thread and every core, all taking turns.
      const compiled = simdRuns.map((r) => {
        const step = simd.compile((t) => r.model.predict(t));
        return { ...r, step, run: () => tf.tidy(() => step(r.x).dataSync()[0]) };
      });
      const threads = (count) => () => simd.setThreadCount(count);
      const cases = [
        ...runs
          .filter((r) => r.backend !== 'cpu')
          .map((r) => ({ case: name, backend: r.backend, fn: r.run, setup: threads(1) })),
        ...simdRuns.map((r) => ({
          case: `${name}, ${cores} threads`,
          backend: r.backend,
          fn: r.run,
          setup: threads(cores),
        })),
        ...compiled.map((r) => ({ case: `${name}, compiled`, backend: r.backend, fn: r.run, setup: threads(1) })),
        ...compiled.map((r) => ({
          case: `${name}, compiled, ${cores} threads`,
          backend: r.backend,
          fn: r.run,
          setup: threads(cores),
        })),
      ];
      const measured = await ctx.measureTurns(cases);
      simd.setThreadCount(1);
      // tfjs-backend-wasm runs one thread and has no compiled mode: its eager time is what the 'simd' rows on
      // every core and compiled compare with (their ×wasm column).
      const wasm = measured.find((row) => row.backend === 'wasm');
      if (wasm != null) {
        for (const variant of [`${cores} threads`, 'compiled', `compiled, ${cores} threads`]) {
          ctx.record({ case: `${name}, ${variant}`, backend: 'wasm', ms: wasm.ms });
        }
      }
      const cpu = runs.find((r) => r.backend === 'cpu');
      if (cpu != null) {
        await ctx.measure(name, cpu.run, { backend: 'cpu', warmup: 1, warmupMs: 0, runs: 3, minMs: 0 });
      }
      for (const r of compiled) r.step.dispose();
      for (const r of runs) {
        r.x.dispose();
        r.model.dispose();
      }
    }
  }

  for (const batch of [1, 100]) {
    for (const backend of backends) {
      await ctx.use(backend);
      const { VAE } = await import('../../dist/models/index.js');
      const model = vaeInference(tf, VAE, 'bernoulli', batch);
      const sampling =
        backend === 'cpu' && batch > 1 ? { warmup: 1, warmupMs: 0, runs: ctx.quick ? 1 : 3, minMs: 0 } : {};
      await ctx.measure(`VAE encode+decode, batch ${batch}`, model.run, { backend, ...sampling });
      model.dispose();
    }
  }
}
