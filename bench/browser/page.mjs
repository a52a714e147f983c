// The browser benchmark page: the workloads of bench/workloads.mjs on 'simd', 'wasm', 'webgl', 'webgpu' and 'cpu',
// shown as a table and a bar chart; the results also go to window.benchResult (JSON) for bench/browser/run.mjs,
// which adds the page cold start (bench/browser/coldstart.mjs, a page of its own) and shows the whole through
// window.showResult. `?quick` runs tiny sizes, once each (the correctness test: test/browser/run.mjs);
// `?backends=simd,webgpu` runs only those backends, `?only=VAE` only the workloads whose names match.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tfl from '@tensorflow/tfjs-layers';
import { adam } from '../../dist/index.js'; // the fused Adam on 'simd', tfjs's AdamOptimizer elsewhere
import { ConvAutoencoder } from '../../dist/models/conv_autoencoder.js';
import { VAE } from '../../dist/models/index.js';
import {
  convAutoencoderStep,
  dispatchChain,
  readResultsAsynchronously,
  sinMlpStep,
  squareMatMul,
  VAE_SIZE,
  vaeInference,
  vaeStepFlops,
  vaeTrainStep,
} from '../workloads.mjs';
import { describeAdapter, glRenderer, webgpuAdapter } from './adapters.mjs';
import { renderBarChart, renderTable } from './render.mjs';
import { failedRow, median } from './rows.mjs';

const params = new URLSearchParams(location.search);
const quick = params.has('quick');
const BACKENDS = params.get('backends')?.split(',') ?? ['simd', 'wasm', 'webgl', 'webgpu', 'cpu'];

// tfjs-backend-wasm fetches its .wasm files from here (the bench server serves the repository root).
setWasmPaths(new URL('/node_modules/@tensorflow/tfjs-backend-wasm/dist/', location.href).href);

// Every backend reads its results with `await data()`, as a page should (WebGPU's synchronous read is a slow fallback).
readResultsAsynchronously();

const TINY_VAE = { inputDim: 16, hiddenUnits: [8], latentDim: 2, batch: 4 };
const vaeSize = quick ? TINY_VAE : VAE_SIZE;
const vaeName = `${vaeSize.inputDim}-${vaeSize.hiddenUnits[0]}-${vaeSize.latentDim}`;
const gemmSize = quick ? 16 : 512;
const convBatch = quick ? 2 : 64;

/** [name, make() → { run, dispose }, flops?]: each workload of the page, made on the active backend. */
const WORKLOADS = [
  [`matMul ${gemmSize}³ A·B`, () => squareMatMul(tf, gemmSize, false), 2 * gemmSize ** 3],
  [`matMul ${gemmSize}³ A·Bᵀ`, () => squareMatMul(tf, gemmSize, true), 2 * gemmSize ** 3],
  [
    `VAE step ${vaeName}, batch ${vaeSize.batch}, bernoulli`,
    () => vaeTrainStep(tf, VAE, 'bernoulli', vaeSize, adam),
    vaeStepFlops('bernoulli', vaeSize),
  ],
  [`VAE encode+decode ${vaeName}, batch 1`, () => vaeInference(tf, VAE, 'bernoulli', 1, vaeSize)],
  [
    `VAE encode+decode ${vaeName}, batch ${vaeSize.batch}`,
    () => vaeInference(tf, VAE, 'bernoulli', vaeSize.batch, vaeSize),
  ],
  ['sin MLP Dense(500) trainOnBatch, batch 32', () => sinMlpStep(tf, tfl, [500], 32, adam)],
  ['sin MLP Dense(20)-Dense(20) trainOnBatch, batch 32', () => sinMlpStep(tf, tfl, [20, 20], 32, adam)],
  [`conv autoencoder step, batch ${convBatch} of 28×28`, () => convAutoencoderStep(tf, ConvAutoencoder, convBatch)],
  [`dispatch: ${quick ? 100 : '10,000'} × tf.add on [4]`, () => dispatchChain(tf, quick ? 100 : 10_000)],
];

const only = params.has('only') ? new RegExp(params.get('only'), 'i') : /./;

/**
 * Times `run`: the first call's result is kept for the correctness check (every backend starts from the
 * same seeded state); it and a second call warm up (shaders compile, buffers grow); then samples until `runs`
 * and `minMs` (fewer for calls slower than 0.4 s: tfjs-backend-cpu's large cases); the median sample. Calls
 * shorter than a few milliseconds are timed in batches: a page that is not cross-origin isolated gets a clock
 * coarsened to 0.1 ms. `quick`: the first call alone.
 */
async function time(run) {
  const firstStart = performance.now();
  const first = await run();
  if (quick) return { first, ms: performance.now() - firstStart, samples: 1, batch: 1 };
  const warmStart = performance.now();
  await run();
  const warmMs = performance.now() - warmStart;
  const { runs, minMs, warmup } = warmMs > 400 ? { runs: 3, minMs: 0, warmup: 0 } : { runs: 5, minMs: 300, warmup: 2 };
  for (let i = 0; i < warmup; i++) await run();
  const batch = Math.max(1, Math.min(1000, Math.round(5 / Math.max(warmMs, 1e-3))));
  const samples = [];
  const start = performance.now();
  while (samples.length < runs || (performance.now() - start < minMs && samples.length < 100)) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) await run();
    samples.push((performance.now() - t0) / batch);
  }
  return { first, ms: median(samples), samples: samples.length, batch };
}

/**
 * Makes every backend once, awaiting its initialisation: { backend: why it cannot run } for those that cannot
 * (no WebGPU adapter; a backend whose setup failed), so their column says so and the rest of the page runs.
 */
async function startBackends(webgpu) {
  const unavailable = {};
  for (const backend of BACKENDS) {
    if (backend === 'webgpu' && webgpu.missing) unavailable[backend] = webgpu.missing;
    else if (!(await tf.setBackend(backend))) unavailable[backend] = `the ${backend} backend failed to initialise`;
  }
  return unavailable;
}

const status = document.getElementById('status');

async function runAll(unavailable) {
  const rows = [];
  for (const [workload, make, flops] of WORKLOADS.filter(([name]) => only.test(name))) {
    for (const backend of BACKENDS) {
      if (unavailable[backend]) {
        rows.push({ workload, backend, notRun: unavailable[backend] });
        continue;
      }
      status.textContent = `${workload} on ${backend}…`;
      let instance;
      try {
        if (!(await tf.setBackend(backend))) throw new Error(`could not switch to the ${backend} backend`);
        instance = make();
        const { first, ms, samples, batch } = await time(instance.run);
        const gflops = flops ? { gflops: flops / ms / 1e6 } : {};
        rows.push({ workload, backend, ms, samples, batch, check: first, ...gflops });
      } catch (e) {
        rows.push(failedRow(workload, backend, e));
      } finally {
        instance?.dispose();
      }
    }
  }
  return rows;
}

/** Shows a result (this page's, or run.mjs's with the cold start rows added) as the table and the chart. */
function showResult(result) {
  renderTable(document.getElementById('table'), result);
  renderBarChart(document.getElementById('chart'), result);
  status.textContent =
    `done: ${result.rows.length} results; simd build ${result.simdBuild}; ` +
    `WebGL renderer: ${result.renderer}; WebGPU adapter: ${describeAdapter(result.webgpu)}`;
}

async function main() {
  const renderer = glRenderer();
  const webgpu = await webgpuAdapter();
  const unavailable = await startBackends(webgpu);
  await tf.setBackend('simd');
  const simdBuild = tf.backend().build;
  const rows = await runAll(unavailable);
  const result = { quick, renderer, webgpu, simdBuild, userAgent: navigator.userAgent, backends: BACKENDS, rows };
  showResult(result);
  return result;
}

window.showResult = showResult;
window.benchResult = undefined;
main().then(
  (result) => {
    window.benchResult = result;
  },
  (e) => {
    status.textContent = `failed: ${e?.stack ?? e}`;
    window.benchResult = { error: String(e?.stack ?? e), rows: [] };
  },
);
