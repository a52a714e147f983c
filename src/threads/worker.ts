// A worker thread of the 'simd' backend: instantiates the kernels' module on the main thread's shared
// memory, then takes chunks of the jobs the main thread posts (src/threads/control.ts) until told to quit.
// Started by src/threads/spawn.ts with worker_threads (Node, Deno, Bun: the init comes as workerData) or as
// a module Web Worker (browsers: the init comes as the first message).
import { kernelImports } from '../wasm/imports.js';
import { hasWorkerThreads } from './spawn.js';
import {
  awaitChange, CHUNK_ARGS, FAILED, JOB, QUIT, READY, readChunk, SCRATCH, SCRATCH_BYTES, STATE, takeChunks, ThreadInit,
} from './control.js';

type Share = (...args: number[]) => number;

function serve(init: ThreadInit): void {
  const slot = new Int32Array(init.slot);
  const job = new Int32Array(init.job);
  const floats = new Float32Array(init.job);
  let share: Share;
  try {
    const instance = new WebAssembly.Instance(init.module, kernelImports(() => init.memory, init.memory));
    share = instance.exports.gemm_f32_share as Share;
  } catch {
    Atomics.store(slot, STATE, FAILED);
    return;
  }
  const args = new Array<number>(CHUNK_ARGS + 2);
  // This instance must never allocate: without a scratch block from the main thread, a chunk is left undone.
  const run = (chunk: number): boolean => {
    readChunk(job, floats, chunk, args);
    args[CHUNK_ARGS] = Atomics.load(slot, SCRATCH);
    args[CHUNK_ARGS + 1] = Atomics.load(slot, SCRATCH_BYTES);
    if (args[CHUNK_ARGS] === 0) return false;
    try {
      return share(...args) === 0;
    } catch {
      return false;
    }
  };
  let seen = Atomics.load(job, JOB);
  Atomics.store(slot, STATE, READY);
  while (seen !== QUIT) {
    seen = awaitChange(job, JOB, seen, true);
    // A worker that became ready after the main thread sized the scratch blocks sits this job out.
    if (seen !== QUIT && Atomics.load(slot, SCRATCH) !== 0) takeChunks(job, seen, run);
  }
}

interface WebWorkerScope {
  close(): void;
  onmessage: ((event: { data: ThreadInit }) => void) | null;
}

if (hasWorkerThreads()) {
  void import('node:worker_threads').then(({ workerData }) => serve(workerData as ThreadInit));
} else {
  const scope = globalThis as unknown as WebWorkerScope;
  scope.onmessage = (event) => {
    scope.onmessage = null;
    serve(event.data);
    scope.close();
  };
}
