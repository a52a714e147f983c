// Interleaved A/B of one VAE train step (after `npm run build`): 'simd' with tf.train.adam, 'simd' with this
// package's fused adam(), tfjs-backend-wasm (and, with CPU=1, tfjs-backend-cpu) with tf.train.adam, one after the
// other in rounds, medians per case. On a shared machine, load then hits every case alike, which the sequential
// suites of bench/run.mjs cannot promise. `node bench/interleaved_vae_adam.mjs` (DECODER=gaussian, REPS=n).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';

const root = new URL('..', import.meta.url).href.replace(/\/$/, '');
const simd = await import(`${root}/dist/index.js`);
const { VAE } = await import(`${root}/dist/models/index.js`);
const { vaeTrainStep, VAE_SIZE, vaeStepFlops } = await import(`${root}/bench/workloads.mjs`);
const decoder = process.env.DECODER ?? 'bernoulli';
const cases = [['simd', 'stock'], ['simd', 'fused'], ['wasm', 'stock'], ...(process.env.CPU ? [['cpu', 'stock']] : [])];
const steps = [];
for (const [b, kind] of cases) {
  await tf.setBackend(b);
  steps.push(vaeTrainStep(tf, VAE, decoder, VAE_SIZE, kind === 'fused' ? simd.adam : undefined));
}
const times = cases.map(() => []);
for (let c = 0; c < cases.length; c++) {
  await tf.setBackend(cases[c][0]);
  for (let i = 0; i < 3; i++) steps[c].run();
}
for (let r = 0; r < Number(process.env.REPS ?? 15); r++)
  for (let c = 0; c < cases.length; c++) {
    await tf.setBackend(cases[c][0]);
    const reps = cases[c][0] === 'wasm' || cases[c][0] === 'cpu' ? 1 : 5;
    if (cases[c][0] === 'cpu' && r % 3 !== 0) continue;
    const t = performance.now();
    for (let i = 0; i < reps; i++) steps[c].run();
    times[c].push((performance.now() - t) / reps);
  }
const med = (x) => x.sort((p, q) => p - q)[x.length >> 1];
const [s, f, w, cpu] = times.map((t) => (t.length ? med(t) : NaN));
const gf = (ms) => (vaeStepFlops(decoder) / ms / 1e6).toFixed(1);
console.log(
  `${decoder}: simd+tf.train.adam ${s.toFixed(2)} ms (${gf(s)} GFLOPS, ${(w / s).toFixed(2)}× wasm), simd+simd.adam ${f.toFixed(2)} ms (${gf(f)} GFLOPS, ${(w / f).toFixed(2)}× wasm), wasm ${w.toFixed(1)} ms; fused/stock speed-up ${(s / f).toFixed(3)}${cpu == null || Number.isNaN(cpu) ? '' : `; cpu ${cpu.toFixed(0)} ms: ×cpu ${(cpu / s).toFixed(1)} → ${(cpu / f).toFixed(1)}`}`,
);
