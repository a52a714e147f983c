// @ts-check
// Bundled into the 'simd' run of the core suite, after the backend: starts the first worker of 'simd' and
// waits until it is ready or failed, so the run can tell it ran the threaded build with a live worker (the
// worker script must sit beside the bundle). Reads the worker's slot, not load-dependent counts: a busy
// machine still has a ready worker, it just enlists it less.
import { backend, setBackend } from '@tensorflow/tfjs-core';
import { FAILED, READY, STATE } from '../../dist/threads/control.js';

/** Whether the worker of 'simd' started (false: the single-thread build, or its script did not load). */
export async function simdWorkerStarts(timeoutMs = 20_000) {
  await setBackend('simd');
  const pool = /** @type {any} */ (backend()).threadPool;
  if (pool == null) return false;
  pool.readyWorkers(1); // starts it in the background
  const until = performance.now() + timeoutMs;
  /** @type {Int32Array} */
  const slot = pool.workers[0].slot;
  for (;;) {
    const state = Atomics.load(slot, STATE);
    if (state === READY || state === FAILED || performance.now() > until) return state === READY;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
