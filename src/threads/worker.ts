// A worker thread of the 'simd' backend: instantiates the kernels' module on the main thread's shared
// memory, then takes chunks of the jobs the main thread posts (src/threads/control.ts) until told to quit.
// Started by src/threads/spawn.ts with worker_threads (Node, Deno, Bun: the init comes as workerData) or as
// a module Web Worker (browsers: the init comes as the first message).

import { nodeBuiltin } from '../node_builtin.js';
import { kernelImports } from '../wasm/imports.js';
import {
  AWAKE,
  awaitChange,
  CHUNK_ARGS,
  chunkOpen,
  DESCHEDULED_MS,
  DESCHEDULED_MS_TOTAL,
  exportNames,
  FAILED,
  GO,
  jobKernel,
  POLLED_MS,
  QUIT,
  READY,
  RUNNING,
  readChunk,
  SCRATCH,
  SCRATCH_BYTES,
  SPIN_US,
  STATE,
  settleChunk,
  TAKEN,
  type ThreadInit,
  takeChunks,
  WOKE_AT,
} from './control.js';
import { KernelQueue } from './kernel_queue.js';

type Kernel = (...args: number[]) => number | undefined;

function serve(init: ThreadInit): void {
  const slot = new Int32Array(init.slot);
  const slotTimes = new Float64Array(init.slot);
  const job = new Int32Array(init.job);
  const jobArgs = new Float64Array(init.job);
  let kernels: Kernel[];
  try {
    const instance = new WebAssembly.Instance(
      init.module,
      kernelImports(() => init.memory, init.memory),
    );
    kernels = exportNames(init.module).map((name) => instance.exports[name] as Kernel);
  } catch {
    Atomics.store(slot, STATE, FAILED);
    return;
  }
  const args = new Array<number>(CHUNK_ARGS + 2);
  const queue = new KernelQueue(init.queue);
  const runQueued = (kernelIndex: number, queued: number[]) => {
    kernels[kernelIndex](...queued);
  };
  // This instance must never allocate: a product's chunk without a scratch block from the main thread is
  // left undone.
  const run = (jobNumber: number, chunk: number): void => {
    Atomics.add(slot, TAKEN, 1);
    Atomics.store(slot, RUNNING, 1);
    try {
      runChunk(jobNumber, chunk);
    } finally {
      Atomics.store(slot, RUNNING, 0);
    }
  };
  const runChunk = (jobNumber: number, chunk: number): void => {
    const { kernelIndex, withScratch, publishIndex } = jobKernel(job);
    const count = readChunk(job, jobArgs, chunk, args);
    args.length = count;
    // Read after the job and chunk: if the chunk was settled meanwhile, they may be a newer job's.
    if (!chunkOpen(job, jobNumber, chunk)) return;
    let ok = true;
    if (withScratch) {
      const scratch = Atomics.load(slot, SCRATCH);
      if (scratch === 0) ok = false;
      else args.push(scratch, Atomics.load(slot, SCRATCH_BYTES));
    }
    try {
      ok &&= (kernels[kernelIndex](...args) ?? 0) === 0;
    } catch {
      ok = false;
    }
    settleChunk(job, jobNumber, chunk, ok, publishIndex >= 0 ? () => kernels[publishIndex](...args) : undefined);
  };
  let seen = Atomics.load(slot, GO);
  const asleep = (sleeping: boolean) => Atomics.store(slot, AWAKE, sleeping ? 0 : 1);
  const polled = (ms: number) => {
    slotTimes[POLLED_MS] += ms;
    if (ms > DESCHEDULED_MS) slotTimes[DESCHEDULED_MS_TOTAL] += ms;
  };
  asleep(false);
  Atomics.store(slot, STATE, READY);
  while (seen !== QUIT) {
    seen = awaitChange(slot, GO, seen, true, Atomics.load(slot, SPIN_US) / 1000, asleep, polled);
    if (seen === QUIT) break;
    slotTimes[WOKE_AT] = performance.timeOrigin + performance.now();
    const jobNumber = seen;
    takeChunks(job, jobNumber, (chunk) => run(jobNumber, chunk));
    // Launched kernels, posted with a job number of their own that names no job.
    while (queue.runNext(runQueued)) {}
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
