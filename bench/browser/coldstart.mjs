// Page cold start: from the page's navigation start (performance.now() counts from it) to the first 256³ matMul
// result read back, on the one backend `?backend=` names; bench/browser/run.mjs opens it in a fresh browser context
// per sample (an empty HTTP cache). Only that backend's code loads: each backend is a chunk of its own.
// The result goes to window.coldStart: { ms, check } or { notRun } / { error }.
import * as tf from '@tensorflow/tfjs-core';
import { readResultsAsynchronously, squareMatMul } from '../workloads.mjs';
import { webgpuAdapter } from './adapters.mjs';
import { failedRow } from './rows.mjs';

const COLD_START_WORKLOAD = 'page cold start → first 256³ matMul result';

const LOADERS = {
  simd: () => import('../../dist/bundle/index.js'), // the package as a bundler resolves it
  wasm: async () => {
    const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
    setWasmPaths(new URL('/node_modules/@tensorflow/tfjs-backend-wasm/dist/', location.href).href);
  },
  webgl: () => import('@tensorflow/tfjs-backend-webgl'),
  webgpu: () => import('@tensorflow/tfjs-backend-webgpu'),
  cpu: () => import('@tensorflow/tfjs-backend-cpu'),
};

/** Why `backend` did not start: for webgpu, the missing adapter when there is none. */
async function whyNotStarted(backend) {
  const webgpu = backend === 'webgpu' ? await webgpuAdapter() : {};
  return webgpu.missing ?? `the ${backend} backend failed to initialise`;
}

/** The workload's 256³ product, read back: { ms since navigation start, check: its first row's sum }. */
async function firstMatMul() {
  readResultsAsynchronously();
  const product = squareMatMul(tf, 256);
  const check = await product.run();
  const ms = performance.now();
  product.dispose();
  return { ms, check };
}

async function coldStart(backend) {
  const workload = COLD_START_WORKLOAD;
  try {
    await LOADERS[backend]();
    const started = tf.findBackendFactory(backend) != null && (await tf.setBackend(backend));
    if (!started) return { workload, backend, notRun: await whyNotStarted(backend) };
    return { workload, backend, ...(await firstMatMul()) };
  } catch (e) {
    return failedRow(workload, backend, e);
  }
}

const backend = new URLSearchParams(location.search).get('backend');
window.coldStart = undefined;
coldStart(backend).then((row) => {
  window.coldStart = row;
});
