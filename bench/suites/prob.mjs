// Forward + backward of the Gaussian log-likelihood and of the KL to N(0, I) on a [100 × 784] batch:
// the public op (one fused kernel each way on 'simd', stock-op composite elsewhere), the same composite run
// on 'simd', and a plain memory copy of the same number of bytes on 'simd' (the bound a memory-bound
// kernel can reach). GB/s counts every byte the fused kernels read and write (float32).
//
// Runs under bench/run.mjs (`npm run bench -- --suite prob`), or directly: `node bench/suites/prob.mjs [--quick]`.
import { pathToFileURL } from 'node:url';

const B = 100;
const D = 784;
const N = B * D;
// Gaussian: forward reads x, mean, logVar and writes B sums; backward reads them and dy, writes 3 gradients.
const GAUSSIAN_BYTES = 4 * (3 * N + B + 3 * N + B + 3 * N);
// KL: forward reads mean, logVar and writes B sums; backward reads them and dy, writes 2 gradients.
const KL_BYTES = 4 * (2 * N + B + 2 * N + B + 2 * N);

export default async function prob(ctx) {
  const { tf, backends } = ctx;
  await import('@tensorflow/tfjs'); // gradients of the stock ops the composite path differentiates
  const ops = await import('../../dist/ops/index.js');
  const { gaussianLogLikelihoodComposite } = await import('../../dist/ops/composite/gaussian_log_likelihood.js');
  const { klStandardNormalComposite } = await import('../../dist/ops/composite/kl_standard_normal.js');
  const settings = { logVarFloor: -Infinity, constant: 0.5 * Math.log(2 * Math.PI), elementwise: false };

  // tf.grads with an explicit upstream gradient: the op's own cost, without a reduction around it.
  const fwdBwd = (f) => (...inputs) => {
    const dy = tf.ones([B]);
    const step = () => tf.tidy(() => tf.grads(f)(inputs, dy));
    step.dispose = () => dy.dispose();
    return step;
  };
  const gaussianStep = (gll) => fwdBwd((x, mean, logVar) => gll(x, mean, logVar));
  const klStep = (kl) => fwdBwd((mean, logVar) => kl(mean, logVar));
  const cases = [
    ['gaussianLogLikelihood fwd+bwd [100×784]', GAUSSIAN_BYTES, 3,
      gaussianStep(ops.gaussianLogLikelihood), gaussianStep((a, b, c) => gaussianLogLikelihoodComposite(a, b, c, settings))],
    ['klStandardNormal fwd+bwd [100×784]', KL_BYTES, 2, klStep(ops.klStandardNormal), klStep(klStandardNormalComposite)],
  ];

  // Two rows per op: the public op (fused on 'simd', the composite itself elsewhere, so measured once there
  // and recorded in both rows), and the stock-op composite on every backend.
  for (const [name, bytes, arity, opStep, compositeStep] of cases) {
    for (const backend of backends) {
      await ctx.use(backend);
      const inputs = Array.from({ length: arity }, (_, i) => tf.randomNormal([B, D], 0, 1, 'float32', i + 1));
      const composite = compositeStep(...inputs);
      const compositeRow = await ctx.measure(`${name}, composite of stock ops`, composite, { backend, bytes });
      if (backend.startsWith('simd')) {
        const fused = opStep(...inputs);
        await ctx.measure(`${name}, op (fused on simd)`, fused, { backend, bytes });
        fused.dispose();
      } else {
        ctx.record({ ...compositeRow, case: `${name}, op (fused on simd)` });
      }
      composite.dispose();
      tf.dispose(inputs);
    }
  }

  // memory.copy of the same traffic: half the bytes read, half written.
  for (const backend of backends.filter((b) => b.startsWith('simd'))) {
    await ctx.use(backend);
    const { wasm } = tf.backend();
    for (const [name, bytes] of [['gaussian', GAUSSIAN_BYTES], ['KL', KL_BYTES]]) {
      const half = bytes / 2;
      const src = wasm.alloc(half);
      const dst = wasm.alloc(half);
      await ctx.measure(`memory copy, same bytes as ${name} fwd+bwd`, () => { wasm.kernels.copy(dst, src, half); },
        { backend, bytes });
      wasm.free(src);
      wasm.free(dst);
    }
  }
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
    const row = { suite: 'prob', case: name, backend, ms, ...(bytes ? { metric: 'GB/s', value: bytes / ms / 1e6 } : {}) };
    rows.push(row);
    return row;
  };
  await prob({ tf, backends: ['simd', 'wasm', 'cpu'], quick, use, measure, record });
  console.log('| case | backend | ms | GB/s |\n|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.case} | ${r.backend} | ${r.ms.toFixed(3)} | ${r.value?.toFixed(2) ?? ''} |`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
