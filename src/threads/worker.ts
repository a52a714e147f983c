// A worker thread of the 'simd' backend: instantiates the kernels' module on the main thread's shared
// memory, then runs the product shares posted in its control slot until told to quit. Started by
// src/threads/spawn.ts with worker_threads (Node: the init comes as workerData) or as a module Web Worker
// (Deno, Bun, browsers: the init comes as the first message).
import { kernelImports } from '../wasm/imports.js';
import {
  ALPHA_ARG, ARGS, awaitChange, DONE, FAILED, JOB, QUIT, READY, RESULT, SHARE_ARG_COUNT, STATE, ThreadInit,
} from './control.js';

type Share = (...args: number[]) => number;

function serve(init: ThreadInit): void {
  const slot = new Int32Array(init.control);
  const floats = new Float32Array(init.control);
  let share: Share;
  try {
    const instance = new WebAssembly.Instance(init.module, kernelImports(() => init.memory, init.memory));
    share = instance.exports.gemm_f32_share as Share;
  } catch {
    Atomics.store(slot, STATE, FAILED);
    Atomics.notify(slot, STATE);
    return;
  }
  Atomics.store(slot, STATE, READY);
  Atomics.notify(slot, STATE);
  const args = new Array<number>(SHARE_ARG_COUNT);
  let seen = Atomics.load(slot, JOB);
  while (seen !== QUIT) {
    const job = awaitChange(slot, JOB, seen, true);
    seen = job;
    if (job === QUIT) break;
    for (let i = 0; i < SHARE_ARG_COUNT; i++) args[i] = slot[ARGS + i];
    args[ALPHA_ARG] = floats[ARGS + ALPHA_ARG];
    let status: number;
    try {
      status = share(...args);
    } catch {
      status = -1;
    }
    slot[RESULT] = status;
    Atomics.store(slot, DONE, job);
    Atomics.notify(slot, DONE);
  }
}

interface WebWorkerScope {
  postMessage(message: unknown): void;
  close(): void;
  onmessage: ((event: { data: ThreadInit }) => void) | null;
}

const scope = globalThis as unknown as Partial<WebWorkerScope>;
if (typeof scope.postMessage === 'function') {
  scope.onmessage = (event) => {
    scope.onmessage = null;
    serve(event.data);
    scope.close?.();
  };
} else {
  void import('node:worker_threads').then(({ workerData }) => serve(workerData as ThreadInit));
}
