// Forward + backward of the Gaussian and Bernoulli log-likelihoods and of the KL to N(0, I) on a [100 × 784] batch, in rows
// that split the cost:
//   op              the public op under tf.grads with an explicit dy (one fused kernel each way on 'simd',
//                   the stock-op composite elsewhere): what a training step pays;
//   kernels alone   the same two fused kernels called directly on preallocated memory, no tfjs around them
//                   (forward keeping what the backward kernel reuses, as under a tape): the op row minus
//                   this row is the framework's share (tape, tidy, allocation);
//   forward kernel alone, backward kernel alone: the split between the two (the forward pass holds the exp);
//   composite       the stock-op composite on every backend;
//   memory copy     memory.copy of the same number of bytes: the bound a memory-bound kernel could reach.
// Plus the Gaussian with one logVar per feature ([784], homoscedastic), where the exp runs once per feature.
// GB/s counts the bytes the fused kernels must read and write (float32): inputs, dy and outputs; not the
// buffer the forward pass leaves for the backward pass (4 bytes per element written, 4 read), so that every
// row of a case divides the same byte count.
//
// Runs under bench/run.mjs (`npm run bench -- --suite prob`), or directly: `node bench/suites/prob.mjs [--quick]`.
import { pathToFileURL } from 'node:url';

const B = 100;
const D = 784;
const N = B * D;
const F32 = 4;
// Gaussian: forward reads x, mean, logVar and writes B sums; backward reads them and dy, writes 3 gradients.
const GAUSSIAN_FORWARD_BYTES = F32 * (3 * N + B);
const GAUSSIAN_BACKWARD_BYTES = F32 * (3 * N + B + 3 * N);
const GAUSSIAN_BYTES = GAUSSIAN_FORWARD_BYTES + GAUSSIAN_BACKWARD_BYTES;
// The same with logVar [D]: forward reads x, mean, logVar; backward reads them and dy, writes dx, dMean, dLogVar.
const GAUSSIAN_FEATURE_BYTES = F32 * (2 * N + D + B + (2 * N + D + B + 2 * N + D));
// Bernoulli: forward reads x, logits and writes B sums; backward reads them and dy, writes dx and dLogits.
const BERNOULLI_FORWARD_BYTES = F32 * (2 * N + B);
const BERNOULLI_BACKWARD_BYTES = F32 * (2 * N + B + 2 * N);
const BERNOULLI_BYTES = BERNOULLI_FORWARD_BYTES + BERNOULLI_BACKWARD_BYTES;
// KL: forward reads mean, logVar and writes B sums; backward reads them and dy, writes 2 gradients.
const KL_FORWARD_BYTES = F32 * (2 * N + B);
const KL_BACKWARD_BYTES = F32 * (2 * N + B + 2 * N);
const KL_BYTES = KL_FORWARD_BYTES + KL_BACKWARD_BYTES;
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

export default async function prob(ctx) {
  const { tf, backends } = ctx;
  await import('@tensorflow/tfjs'); // gradients of the stock ops the composite path differentiates
  const ops = await import('../../dist/ops/index.js');
  const { gaussianLogLikelihoodComposite } = await import('../../dist/ops/composite/gaussian_log_likelihood.js');
  const { klStandardNormalComposite } = await import('../../dist/ops/composite/kl_standard_normal.js');
  const { bernoulliLogLikelihoodComposite } = await import('../../dist/ops/composite/bernoulli_log_likelihood.js');
  const settings = { logVarFloor: -Infinity, constant: HALF_LOG_2PI, elementwise: false };

  // tf.grads with an explicit upstream gradient: the op's own cost, without a reduction around it.
  const fwdBwd =
    (f) =>
    (...inputs) => {
      const dy = tf.ones([B]);
      const step = () => tf.tidy(() => tf.grads(f)(inputs, dy));
      step.dispose = () => dy.dispose();
      return step;
    };
  const gaussianStep = (gll) => fwdBwd((x, mean, logVar) => gll(x, mean, logVar));
  const klStep = (kl) => fwdBwd((mean, logVar) => kl(mean, logVar));
  const bernoulliStep = (bll) => fwdBwd((x, logits) => bll(x, logits));
  // Binary pixels and logits of a decoder's spread (the fused kernels' cost does not depend on the values).
  const bernoulliInputs = () => [
    tf.tidy(() => tf.cast(tf.greater(tf.randomUniform([B, D], 0, 1, 'float32', 1), 0.5), 'float32')),
    tf.randomNormal([B, D], 0, 3, 'float32', 2),
  ];
  const cases = [
    {
      name: 'gaussianLogLikelihood [100×784]',
      bytes: GAUSSIAN_BYTES,
      shapes: [
        [B, D],
        [B, D],
        [B, D],
      ],
      op: gaussianStep(ops.gaussianLogLikelihood),
      kernels: gaussianKernels,
      composite: gaussianStep((a, b, c) => gaussianLogLikelihoodComposite(a, b, c, settings)),
    },
    {
      name: 'gaussianLogLikelihood [100×784], logVar per feature [784]',
      bytes: GAUSSIAN_FEATURE_BYTES,
      shapes: [[B, D], [B, D], [D]],
      op: gaussianStep(ops.gaussianLogLikelihood),
      kernels: gaussianKernels,
      composite: gaussianStep((a, b, c) => gaussianLogLikelihoodComposite(a, b, c, settings)),
    },
    {
      name: 'bernoulliLogLikelihood [100×784]',
      bytes: BERNOULLI_BYTES,
      makeInputs: bernoulliInputs,
      op: bernoulliStep(ops.bernoulliLogLikelihood),
      kernels: bernoulliKernels,
      composite: bernoulliStep((x, logits) => bernoulliLogLikelihoodComposite(x, logits, false)),
    },
    {
      name: 'klStandardNormal [100×784]',
      bytes: KL_BYTES,
      shapes: [
        [B, D],
        [B, D],
      ],
      op: klStep(ops.klStandardNormal),
      kernels: klKernels,
      composite: klStep(klStandardNormalComposite),
    },
  ];

  for (const { name, bytes, shapes, makeInputs, op, kernels, composite } of cases) {
    for (const backend of backends) {
      await ctx.use(backend);
      const inputs = makeInputs
        ? makeInputs()
        : shapes.map((shape, i) => tf.randomNormal(shape, 0, 1, 'float32', i + 1));
      const compositeRun = composite(...inputs);
      const compositeRow = await ctx.measure(`${name}: fwd+bwd, composite of stock ops`, compositeRun, {
        backend,
        bytes,
      });
      compositeRun.dispose();
      if (backend.startsWith('simd')) {
        const fused = op(...inputs);
        await ctx.measure(`${name}: fwd+bwd, op under tf.grads (fused on simd)`, fused, { backend, bytes });
        fused.dispose();
        const raw = kernels(tf.backend(), inputs);
        for (const [part, run, partBytes] of [
          ['fwd+bwd, fused kernels alone (raw wasm calls)', raw.both, bytes],
          ['fwd, fused kernel alone (raw wasm call)', raw.forward, raw.forwardBytes],
          ['bwd, fused kernel alone (raw wasm call)', raw.backward, raw.backwardBytes],
        ]) {
          await ctx.measure(`${name}: ${part}`, run, { backend, bytes: partBytes });
        }
        raw.free();
      } else {
        ctx.record({ ...compositeRow, case: `${name}: fwd+bwd, op under tf.grads (fused on simd)` });
      }
      tf.dispose(inputs);
    }
  }

  // memory.copy of the same traffic: half the bytes read, half written.
  for (const backend of backends.filter((b) => b.startsWith('simd'))) {
    await ctx.use(backend);
    const { wasm } = tf.backend();
    for (const [name, bytes] of [
      ['gaussian', GAUSSIAN_BYTES],
      ['bernoulli', BERNOULLI_BYTES],
      ['KL', KL_BYTES],
    ]) {
      const half = bytes / 2;
      const src = wasm.alloc(half);
      const dst = wasm.alloc(half);
      await ctx.measure(
        `memory copy of the same bytes as ${name} fwd+bwd`,
        () => {
          wasm.kernels.memory_copy(dst, src, half);
        },
        { backend, bytes },
      );
      wasm.free(src);
      wasm.free(dst);
    }
  }
}

/** Preallocated outputs and the kept buffer for direct calls of the fused kernels on `inputs`. */
function scratch(backend, sizes) {
  const ptrs = sizes.map((n) => backend.wasm.alloc(F32 * n));
  return { ptrs, free: () => ptrs.forEach((p) => backend.wasm.free(p)) };
}

/** The Gaussian's two kernels, as the op runs them under a tape (the forward pass keeps the weights). */
function gaussianKernels(backend, [x, mean, logVar]) {
  const k = backend.wasm.kernels;
  const logVarPerElement = logVar.size === x.size ? 1 : 0;
  const dyValues = Float32Array.from({ length: B }, () => 1);
  const {
    ptrs: [out, dy, weights, dx, dMean, dLogVar],
    free,
  } = scratch(backend, [B, B, N, N, N, N]);
  backend.wasm.f32(dy, B).set(dyValues);
  const p = (t) => backend.ptr(t);
  const kept = logVarPerElement ? weights : 0;
  const forwardScratch = k.prob_gaussian_log_likelihood_f32_scratch_bytes(D, logVarPerElement);
  const backwardScratch = k.prob_gaussian_log_likelihood_grad_f32_scratch_bytes(D, logVarPerElement);
  const forward = () =>
    backend.wasm.withScratch(forwardScratch, (s) => {
      k.prob_gaussian_log_likelihood_f32(
        p(x),
        p(mean),
        1,
        p(logVar),
        logVarPerElement,
        out,
        B,
        D,
        -Infinity,
        HALF_LOG_2PI,
        0,
        kept,
        s,
      );
    });
  const backward = () =>
    backend.wasm.withScratch(backwardScratch, (s) => {
      k.prob_gaussian_log_likelihood_grad_f32(
        p(x),
        p(mean),
        1,
        p(logVar),
        logVarPerElement,
        dy,
        0,
        dx,
        dMean,
        dLogVar,
        B,
        D,
        -Infinity,
        kept,
        s,
      );
    });
  const logVarBytes = F32 * logVar.size;
  const forwardBytes = F32 * (2 * N + B) + logVarBytes;
  const backwardBytes = F32 * (2 * N + B + 2 * N) + 2 * logVarBytes;
  return {
    forward,
    backward,
    both: () => {
      forward();
      backward();
    },
    forwardBytes,
    backwardBytes,
    free,
  };
}

/** The Bernoulli log-likelihood's two kernels, as the op runs them under a tape (the forward pass keeps exp(−|l|)). */
function bernoulliKernels(backend, [x, logits]) {
  const k = backend.wasm.kernels;
  const {
    ptrs: [out, dy, kept, dx, dLogits],
    free,
  } = scratch(backend, [B, B, N, N, N]);
  backend.wasm.f32(dy, B).set(Float32Array.from({ length: B }, () => 1));
  const p = (t) => backend.ptr(t);
  const scratchBytes = k.prob_bernoulli_log_likelihood_f32_scratch_bytes(D);
  const forward = () =>
    backend.wasm.withScratch(scratchBytes, (s) => {
      k.prob_bernoulli_log_likelihood_f32(p(x), p(logits), out, B, D, 0, kept, s);
    });
  const backward = () => {
    k.prob_bernoulli_log_likelihood_grad_f32(p(x), p(logits), dy, 0, dx, dLogits, B, D, kept);
  };
  return {
    forward,
    backward,
    both: () => {
      forward();
      backward();
    },
    forwardBytes: BERNOULLI_FORWARD_BYTES,
    backwardBytes: BERNOULLI_BACKWARD_BYTES,
    free,
  };
}

/** The KL's two kernels, as the op runs them under a tape (the forward pass keeps exp(logVar)). */
function klKernels(backend, [mean, logVar]) {
  const k = backend.wasm.kernels;
  const {
    ptrs: [out, dy, variance, dMean, dLogVar],
    free,
  } = scratch(backend, [B, B, N, N, N]);
  backend.wasm.f32(dy, B).set(Float32Array.from({ length: B }, () => 1));
  const p = (t) => backend.ptr(t);
  const forward = () => {
    k.prob_kl_standard_normal_f32(p(mean), 1, p(logVar), 1, out, B, D, variance, 0);
  };
  const backward = () => {
    k.prob_kl_standard_normal_grad_f32(p(mean), 1, p(logVar), 1, dy, dMean, dLogVar, B, D, variance);
  };
  return {
    forward,
    backward,
    both: () => {
      forward();
      backward();
    },
    forwardBytes: KL_FORWARD_BYTES,
    backwardBytes: KL_BACKWARD_BYTES,
    free,
  };
}

/** A minimal runner for this suite alone, for when bench/run.mjs is not at hand. */
async function main() {
  const quick = process.argv.includes('--quick');
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  await import('@tensorflow/tfjs-backend-wasm');
  await import('../../dist/index.js');
  const rows = [];
  const record = (row) => rows.push({ ...row, suite: 'prob' });
  const use = (label) => tf.setBackend(label);
  const measure = async (name, fn, { backend, bytes } = {}) => {
    await use(backend);
    for (let i = 0; i < 3; i++) tf.dispose(fn());
    const times = [];
    const start = performance.now();
    while (times.length < (quick ? 5 : 15) || performance.now() - start < (quick ? 100 : 400)) {
      const t0 = performance.now();
      tf.dispose(fn());
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const ms = times[times.length >> 1];
    const row = {
      suite: 'prob',
      case: name,
      backend,
      ms,
      ...(bytes ? { metric: 'GB/s', value: bytes / ms / 1e6 } : {}),
    };
    rows.push(row);
    return row;
  };
  await prob({ tf, backends: ['simd', 'wasm', 'cpu'], quick, use, measure, record });
  console.log('| case | backend | ms | GB/s |\n|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.case} | ${r.backend} | ${r.ms.toFixed(3)} | ${r.value?.toFixed(2) ?? ''} |`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
