// @ts-check
// Threads in a browser: on a cross-origin-isolated page the threaded build runs, its worker (a module Web
// Worker next to the bundle) takes chunks, and this main thread, which may not sleep in Atomics.wait, spins
// instead. Sets window.threadsResult.
import * as tf from '@tensorflow/tfjs-core';
import { setThreadCount } from '../../../dist/index.js';
import { checkThreads } from '../threads_check.mjs';

async function run() {
  return { crossOriginIsolated: globalThis.crossOriginIsolated, ...(await checkThreads(tf, setThreadCount)) };
}

run().then(
  (result) => {
    window.threadsResult = result;
  },
  (e) => {
    window.threadsResult = { error: String(e) };
  },
);
