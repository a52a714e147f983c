// Threads in a browser: on a cross-origin-isolated page the threaded build runs, its worker (a module Web
// Worker next to the bundle) takes chunks, and this main thread, which may not sleep in Atomics.wait, spins
// instead. Sets window.threadsResult.
import * as tf from '@tensorflow/tfjs-core';
import { setThreadCount } from '../../../dist/index.js';

async function run() {
  await tf.setBackend('simd');
  const backend = tf.backend();
  const a = tf.randomUniform([300, 300], -1, 1, 'float32', 1);
  const b = tf.randomUniform([300, 300], -1, 1, 'float32', 2);
  setThreadCount(1);
  const single = await tf.matMul(a, b).data();
  setThreadCount(2);
  tf.matMul(a, b).dispose(); // starts the worker
  let ready = 0;
  for (let i = 0; i < 1000 && backend.threadPool != null && (ready = backend.threadPool.readyWorkers(1)) === 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  let maxDifference = 0;
  for (let round = 0; round < 20; round++) {
    const threaded = await tf.matMul(a, b).data();
    for (let i = 0; i < single.length; i++) maxDifference = Math.max(maxDifference, Math.abs(threaded[i] - single[i]));
  }
  return {
    crossOriginIsolated: globalThis.crossOriginIsolated, threaded: backend.wasm.threads != null,
    threadCount: backend.threadCount, ready, maxDifference,
  };
}

run().then((result) => { window.threadsResult = result; }, (e) => { window.threadsResult = { error: String(e) }; });
