// The browser benchmark page: the workloads of bench/workloads.mjs on 'simd', 'wasm', 'webgl' and 'cpu',
// shown as a table and a bar chart; the results also go to window.benchResult (JSON) for bench/browser/run.mjs.
// `?quick` runs tiny sizes, once each (the correctness test: test/browser/run.mjs).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import * as tfl from '@tensorflow/tfjs-layers';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { adam } from '../../dist/index.js'; // the fused Adam on 'simd', tfjs's AdamOptimizer elsewhere
import { VAE } from '../../dist/models/index.js';
import { dispatchChain, sinMlpStep, squareMatMul, vaeStepFlops, vaeTrainStep, VAE_SIZE } from '../workloads.mjs';
import { renderBarChart, renderTable } from './render.mjs';

const params = new URLSearchParams(location.search);
const quick = params.has('quick');
const BACKENDS = ['simd', 'wasm', 'webgl', 'cpu'];

// tfjs-backend-wasm fetches its .wasm files from here (the bench server serves the repository root).
setWasmPaths(new URL('/node_modules/@tensorflow/tfjs-backend-wasm/dist/', location.href).href);

const TINY_VAE = { inputDim: 16, hiddenUnits: [8], latentDim: 2, batch: 4 };
const vaeSize = quick ? TINY_VAE : VAE_SIZE;
const gemmSize = quick ? 16 : 512;

/** [name, make(backend) → { run, dispose }, flops?]: each workload of the page. */
const WORKLOADS = [
  [`matMul ${gemmSize}³ A·B`, () => squareMatMul(tf, gemmSize, false), 2 * gemmSize ** 3],
  [`matMul ${gemmSize}³ A·Bᵀ`, () => squareMatMul(tf, gemmSize, true), 2 * gemmSize ** 3],
  [`VAE step ${vaeSize.inputDim}-${vaeSize.hiddenUnits[0]}-${vaeSize.latentDim}, batch ${vaeSize.batch}, bernoulli`,
    () => vaeTrainStep(tf, VAE, 'bernoulli', vaeSize, adam), vaeStepFlops('bernoulli', vaeSize)],
  ['sin MLP Dense(500) trainOnBatch, batch 32', () => sinMlpStep(tf, tfl, [500], 32, adam)],
  ['sin MLP Dense(20)-Dense(20) trainOnBatch, batch 32', () => sinMlpStep(tf, tfl, [20, 20], 32, adam)],
  [`dispatch: ${quick ? 100 : '10,000'} × tf.add on [4]`, () => dispatchChain(tf, quick ? 100 : 10_000)],
];

/** The renderer WebGL reports (SwiftShader is a software rasterizer: no GPU). */
function glRenderer() {
  const gl = document.createElement('canvas').getContext('webgl2') ?? document.createElement('canvas').getContext('webgl');
  if (gl == null) return 'no WebGL';
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}

/**
 * Times `run`: the first call's result is kept for the correctness check (every backend starts from the
 * same seeded state), then warm-up calls, then samples until `runs` and `minMs`; the median sample. Calls
 * shorter than a few milliseconds are timed in batches: a page that is not cross-origin isolated gets a
 * clock coarsened to 0.1 ms.
 */
async function time(run, { runs, minMs, warmup }) {
  const first = await run();
  const warmupStart = performance.now();
  for (let i = 0; i < warmup; i++) await run();
  const perCall = warmup > 0 ? (performance.now() - warmupStart) / warmup : Infinity;
  const batch = Math.max(1, Math.min(1000, Math.round(5 / Math.max(perCall, 1e-3))));
  const samples = [];
  const start = performance.now();
  while (samples.length < runs || (performance.now() - start < minMs && samples.length < 100)) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) await run();
    samples.push((performance.now() - t0) / batch);
  }
  samples.sort((a, b) => a - b);
  return { first, ms: samples[samples.length >> 1], samples: samples.length, batch };
}

const status = document.getElementById('status');

async function runAll() {
  const rows = [];
  for (const [workload, make, flops] of WORKLOADS) {
    for (const backend of BACKENDS) {
      status.textContent = `${workload} on ${backend}…`;
      await tf.setBackend(backend);
      const slow = backend === 'cpu' && !quick && /VAE|512/.test(workload);
      const options = quick ? { runs: 1, minMs: 0, warmup: 0 } : slow ? { runs: 2, minMs: 0, warmup: 0 } : { runs: 5, minMs: 300, warmup: 3 };
      const workloadInstance = make();
      try {
        const { first, ms, samples, batch } = await time(workloadInstance.run, options);
        rows.push({ workload, backend, ms, samples, batch, check: first, ...(flops ? { gflops: flops / ms / 1e6 } : {}) });
      } catch (e) {
        rows.push({ workload, backend, error: String(e?.message ?? e) });
      } finally {
        workloadInstance.dispose();
      }
    }
  }
  return rows;
}

async function main() {
  const renderer = glRenderer();
  // Make every backend once up front so a failing one shows as an error row, not a hang.
  for (const backend of BACKENDS) await tf.setBackend(backend);
  await tf.setBackend('simd');
  const simdBuild = tf.backend().build;
  const rows = await runAll();
  const result = { quick, renderer, simdBuild, userAgent: navigator.userAgent, backends: BACKENDS, rows };
  renderTable(document.getElementById('table'), result);
  renderBarChart(document.getElementById('chart'), result);
  status.textContent = `done: ${rows.length} measurements; simd build ${simdBuild}; WebGL renderer: ${renderer}`;
  return result;
}

window.benchResult = undefined;
main().then((result) => { window.benchResult = result; }, (e) => {
  status.textContent = `failed: ${e?.stack ?? e}`;
  window.benchResult = { error: String(e?.stack ?? e), rows: [] };
});
