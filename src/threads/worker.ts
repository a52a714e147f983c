// A worker thread of the 'simd' backend: instantiates the kernels' module on the main thread's shared
// memory, then takes chunks of the jobs the main thread posts (src/threads/control.ts) until told to quit.
// Started by src/threads/spawn.ts with worker_threads (Node, Deno, Bun: the init comes as workerData) or as
// a module Web Worker (browsers: the init comes as the first message).
import { kernelImports } from '../wasm/imports.js';
import { nodeBuiltin } from '../node_builtin.js';
import {
  awaitChange, AWAKE, CHUNK_ARGS, ENLISTED, FAILED, JOB, jobKernel, QUIT, READY, readChunk, SCRATCH, SCRATCH_BYTES,
  STATE, takeChunks, ThreadInit, WORKER_SPIN_MS,
} from './control.js';
import { needsScratch, SHARED_KERNELS, SharedKernel } from './splittable_kernels.js';

type Kernel = (...args: number[]) => number | undefined;

function serve(init: ThreadInit): void {
  const slot = new Int32Array(init.slot);
  const job = new Int32Array(init.job);
  const jobArgs = new Float64Array(init.job);
  const kernels = {} as Record<SharedKernel, Kernel>;
  try {
    const instance = new WebAssembly.Instance(init.module, kernelImports(() => init.memory, init.memory));
    for (const name of SHARED_KERNELS) kernels[name] = instance.exports[name] as Kernel;
  } catch {
    Atomics.store(slot, STATE, FAILED);
    return;
  }
  const args = new Array<number>(CHUNK_ARGS + 2);
  // This instance must never allocate: a product's chunk without a scratch block from the main thread is
  // left undone.
  const run = (chunk: number): boolean => {
    const kernel = jobKernel(job);
    const count = readChunk(job, jobArgs, chunk, args);
    args.length = count;
    if (needsScratch(kernel)) {
      const scratch = Atomics.load(slot, SCRATCH);
      if (scratch === 0) return false;
      args.push(scratch, Atomics.load(slot, SCRATCH_BYTES));
    }
    try {
      return (kernels[kernel](...args) ?? 0) === 0;
    } catch {
      return false;
    }
  };
  let seen = Atomics.load(job, JOB);
  const asleep = (sleeping: boolean) => Atomics.store(slot, AWAKE, sleeping ? 0 : 1);
  asleep(false);
  Atomics.store(slot, STATE, READY);
  while (seen !== QUIT) {
    seen = awaitChange(job, JOB, seen, true, WORKER_SPIN_MS, asleep);
    // A worker that became ready after the main thread enlisted the helpers sits this job out.
    if (seen !== QUIT && Atomics.load(slot, ENLISTED) !== 0) takeChunks(job, seen, run);
  }
}

interface WebWorkerScope {
  close(): void;
  onmessage: ((event: { data: ThreadInit }) => void) | null;
}

const workerThreads = nodeBuiltin<typeof import('node:worker_threads')>('node:worker_threads');
if (workerThreads?.workerData != null) {
  serve(workerThreads.workerData as ThreadInit);
} else {
  const scope = globalThis as unknown as WebWorkerScope;
  scope.onmessage = (event) => {
    scope.onmessage = null;
    serve(event.data);
    scope.close();
  };
}
