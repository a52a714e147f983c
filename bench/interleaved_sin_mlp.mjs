// Interleaved A/B of one tfjs-layers trainOnBatch step of a sin MLP (after `npm run build`): 'simd' with
// tf.train.adam, 'simd' with this package's fused adam(), tfjs-backend-wasm with tf.train.adam, in rounds of 20
// steps each, medians per case; also the kernels one fused step runs (tf.profile).
// `node bench/interleaved_sin_mlp.mjs` (HIDDEN=500 for Dense(500); Dense(20)-Dense(20) otherwise).
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-wasm';

const root = new URL('..', import.meta.url).href.replace(/\/$/, '');
const simd = await import(`${root}/dist/index.js`);
const { sinMlpStep } = await import(`${root}/bench/workloads.mjs`);
const hidden = process.env.HIDDEN === '500' ? [500] : [20, 20];
const cases = [
  ['simd', undefined],
  ['simd', simd.adam],
  ['wasm', undefined],
];
const steps = [];
for (const [b, adam] of cases) {
  await tf.setBackend(b);
  steps.push(sinMlpStep(tf, tfl, hidden, 32, adam));
}
const times = cases.map(() => []);
for (let r = 0; r < 40; r++)
  for (let c = 0; c < cases.length; c++) {
    await tf.setBackend(cases[c][0]);
    const t = performance.now();
    for (let k = 0; k < 20; k++) await steps[c].run();
    times[c].push((performance.now() - t) / 20);
  }
const med = (x) => x.sort((p, q) => p - q)[x.length >> 1];
await tf.setBackend('simd');
const prof = await tf.profile(() => steps[1].run());
console.log(
  `${hidden}: simd stock ${med(times[0]).toFixed(3)} ms, simd fused ${med(times[1]).toFixed(3)} ms, wasm ${med(times[2]).toFixed(3)} ms; ` +
    `×wasm ${(med(times[2]) / med(times[0])).toFixed(2)} → ${(med(times[2]) / med(times[1])).toFixed(2)}; kernels per fused step ${prof.kernels.length}: ` +
    Object.entries(
      prof.kernels.reduce((m, k) => {
        m[k.name] = (m[k.name] ?? 0) + 1;
        return m;
      }, {}),
    )
      .map(([k, n]) => `${k}×${n}`)
      .join(' '),
);
