// Nanoseconds per element of the sigmoid cross-entropy and Bernoulli log-likelihood kernels, called directly on
// preallocated [100 × 784] memory (binary x, logits uniform in ±6), on every build this runtime can run:
//   node bench/prob_kernel_ns.mjs                                    (plain SIMD build)
//   node --experimental-wasm-relaxed-simd bench/prob_kernel_ns.mjs   (and the relaxed build, Node 20)
// Median of 7 batches of 400 calls, after 50 warm-up calls. Needs `npm run build` first.
import { instantiateSimdWasm, setWasmBuild, supportsBuild } from '../dist/wasm/module.js';

const B = 100;
const D = 784;
const N = B * D;

function medianMs(fn, calls = 400) {
  for (let i = 0; i < 50; i++) fn();
  const batches = [];
  for (let r = 0; r < 7; r++) {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) fn();
    batches.push((performance.now() - t0) / calls);
  }
  return batches.sort((a, b) => a - b)[3];
}

async function wasmOf(build) {
  setWasmBuild(build);
  try {
    return await instantiateSimdWasm();
  } finally {
    setWasmBuild('auto');
  }
}

for (const build of ['simd', 'relaxed-simd'].filter(supportsBuild)) {
  const wasm = await wasmOf(build);
  const k = wasm.kernels;
  const bernoulliScratch = wasm.alloc(k.prob_bernoulli_log_likelihood_f32_scratch_bytes(D));
  const [x, logits, out, dy, dx, dLogits, sums, rowDy, kept] = [N, N, N, N, N, N, B, B, N].map((n) =>
    wasm.alloc(4 * n),
  );
  const xs = wasm.f32(x, N);
  const ls = wasm.f32(logits, N);
  for (let i = 0; i < N; i++) {
    xs[i] = Math.random() < 0.5 ? 0 : 1;
    ls[i] = (Math.random() * 2 - 1) * 6;
  }
  wasm.f32(dy, N).fill(1);
  wasm.f32(rowDy, B).fill(1);
  const cases = [
    ['prob_sigmoid_cross_entropy_f32', () => k.prob_sigmoid_cross_entropy_f32(x, logits, out, N)],
    ['prob_sigmoid_cross_entropy_grad_f32', () => k.prob_sigmoid_cross_entropy_grad_f32(x, logits, dy, dx, dLogits, N)],
    [
      'prob_bernoulli_log_likelihood_f32, row sums',
      () => k.prob_bernoulli_log_likelihood_f32(x, logits, sums, B, D, 0, 0, bernoulliScratch),
    ],
    [
      'prob_bernoulli_log_likelihood_f32, row sums, keeping e',
      () => k.prob_bernoulli_log_likelihood_f32(x, logits, sums, B, D, 0, kept, bernoulliScratch),
    ],
    [
      'prob_bernoulli_log_likelihood_f32, per element',
      () => k.prob_bernoulli_log_likelihood_f32(x, logits, out, B, D, 1, 0, bernoulliScratch),
    ],
    [
      'prob_bernoulli_log_likelihood_grad_f32, recomputing e',
      () => k.prob_bernoulli_log_likelihood_grad_f32(x, logits, rowDy, 0, dx, dLogits, B, D, 0),
    ],
    [
      'prob_bernoulli_log_likelihood_grad_f32, reading kept e',
      () => k.prob_bernoulli_log_likelihood_grad_f32(x, logits, rowDy, 0, dx, dLogits, B, D, kept),
    ],
  ];
  for (const [name, run] of cases) {
    const ms = medianMs(run);
    console.log(
      `${build.padEnd(13)} ${name.padEnd(48)} ${((ms * 1e6) / N).toFixed(2)} ns/element  (${(ms * 1000).toFixed(1)} µs)`,
    );
  }
}
