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

/** The backends measured in alternating rounds (the others are measured one at a time, after them). */
const TAKING_TURNS = ['simd', 'wasm'];
/** Time each backend's workload runs before the rounds, for calls under 0.4 s (see measureWorkload). */
const WARMUP_MS = 1500;
/** Rounds of samples, at least, and the time they take, at least, for calls under 0.4 s. */
const ROUNDS = 5;
const ROUNDS_MIN_MS = 1500;
/** Calls slower than this (tfjs-backend-cpu's large cases, SwiftShader's) are sampled in 3 rounds, unwarmed. */
const SLOW_MS = 400;

/**
 * Runs `fn` with `backend` active.
 * @template T
 * @param {string} backend
 * @param {() => Promise<T>} fn
 */
async function on(backend, fn) {
  if (!(await tf.setBackend(backend))) throw new Error(`could not switch to the ${backend} backend`);
  return fn();
}

/**
 * One workload on every backend that can run it: { backend: row }. Each backend's first call's result is kept
 * for the correctness check (every backend starts from the same seeded state); it and a second call warm up
 * (shaders compile, buffers grow); calls under SLOW_MS then run for WARMUP_MS more: V8 optimises a step's
 * JavaScript function by function over its first few hundred calls, and tfjs-core's and tfjs-layers' code is
 * shared by every backend, so the backend measured first would otherwise pay for optimising the code the others
 * run. Then the backends take turns, round after round (the order reversed every other round), each round a
 * batch of calls per backend, so that a busy moment of the machine weighs on all of them alike; each backend's
 * figure is the median of its rounds. Calls shorter than a few milliseconds are timed in batches: a page that is
 * not cross-origin isolated gets a clock coarsened to 0.1 ms. `quick`: the first call alone.
 */
async function measureWorkload(workload, make, backends) {
  const rows = {};
  const runners = [];
  for (const backend of backends) {
    status.textContent = `${workload} on ${backend}…`;
    let instance;
    try {
      instance = await on(backend, async () => make());
      const runner = { backend, instance, samples: [], batch: 1, slow: false, first: undefined };
      const firstStart = performance.now();
      runner.first = await on(backend, instance.run);
      if (quick) runner.samples.push(performance.now() - firstStart);
      else {
        const warmStart = performance.now();
        await on(backend, instance.run);
        const warmMs = performance.now() - warmStart;
        runner.slow = warmMs > SLOW_MS;
        runner.batch = Math.max(1, Math.min(1000, Math.round(5 / Math.max(warmMs, 1e-3))));
        const warmupMs = runner.slow ? 0 : WARMUP_MS;
        await on(backend, async () => {
          for (const start = performance.now(); performance.now() - start < warmupMs; ) await instance.run();
        });
      }
      runners.push(runner);
    } catch (e) {
      rows[backend] = failedRow(workload, backend, e);
      await on(backend, async () => instance?.dispose()).catch(() => {});
    }
  }
  const roundsStart = performance.now();
  for (let round = 0; !quick; round++) {
    const wanted = (r) =>
      r.samples.length < (r.slow ? 3 : ROUNDS) || (!r.slow && performance.now() - roundsStart < ROUNDS_MIN_MS);
    const turn = runners.filter((r) => !rows[r.backend] && wanted(r));
    if (turn.length === 0 || round >= 100) break;
    for (const runner of round % 2 === 0 ? turn : [...turn].reverse()) {
      status.textContent = `${workload}: round ${round + 1} on ${runner.backend}…`;
      try {
        await on(runner.backend, async () => {
          const t0 = performance.now();
          for (let i = 0; i < runner.batch; i++) await runner.instance.run();
          runner.samples.push((performance.now() - t0) / runner.batch);
        });
      } catch (e) {
        rows[runner.backend] = failedRow(workload, runner.backend, e);
      }
    }
  }
  for (const runner of runners) {
    await on(runner.backend, async () => runner.instance.dispose());
    if (rows[runner.backend]) continue;
    const { backend, first, samples, batch } = runner;
    rows[backend] = { workload, backend, ms: median(samples), samples: samples.length, batch, check: first };
  }
  return rows;
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
    // 'simd' and tfjs-backend-wasm take turns; then every other backend alone. SwiftShader's threads (webgl,
    // webgpu) go on working after a call returns, and tfjs-backend-cpu's garbage (a new array per op) is
    // collected later: either would slow whichever backend took the next turn.
    const available = BACKENDS.filter((backend) => !unavailable[backend]);
    const turns = available.filter((backend) => TAKING_TURNS.includes(backend));
    const measured = await measureWorkload(workload, make, turns);
    for (const backend of available.filter((b) => !turns.includes(b))) {
      Object.assign(measured, await measureWorkload(workload, make, [backend]));
    }
    for (const backend of BACKENDS) {
      if (unavailable[backend]) {
        rows.push({ workload, backend, notRun: unavailable[backend] });
        continue;
      }
      const row = measured[backend];
      rows.push(flops && row.ms != null ? { ...row, gflops: flops / row.ms / 1e6 } : row);
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
