// The worker threads of one backend: started lazily (on the first job worth splitting), sharing one job
// buffer (src/threads/control.ts), each with a slot and, for products, a scratch block in the shared memory;
// stopped on dispose. Only workers that reported ready are enlisted in a job, and chunks go to whichever
// thread takes them first: a worker still starting (or one that failed to start, e.g. where the worker
// script cannot load) never delays or blocks anything.
import type { SimdWasm } from '../wasm/module.js';
import {
  awaitChange, AWAKE, chunkDone, COMPLETED, ENLISTED, FAILED, JOB, JOB_WORDS, MAIN_SPIN_MS, MAX_JOB, QUIT, READY,
  SCRATCH, SCRATCH_BYTES, SLOT_WORDS, STATE, takeChunks, writeJob,
} from './control.js';
import { needsScratch as takesScratch, SharedKernel } from './splittable_kernels.js';
import { spawnThread, ThreadHandle } from './spawn.js';

interface Worker {
  slot: Int32Array;
  handle: ThreadHandle | null;
  /** The worker's scratch block for products (allocated here, in the shared memory; 0 until first needed). */
  scratch: number;
  scratchBytes: number;
}

/** A chunk's arguments for its kernel (gemm_f32_share: before the scratch block). */
export type Chunk = number[];

type ThreadedWasm = SimdWasm & { threads: NonNullable<SimdWasm['threads']> };

/** Whether this thread may sleep in Atomics.wait (a browser's main thread may not: it spins instead). */
function canBlockHere(): boolean {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}

export class ThreadPool {
  private readonly workers: Worker[] = [];
  private readonly jobBuffer = new SharedArrayBuffer(JOB_WORDS * 4);
  private readonly job = new Int32Array(this.jobBuffer);
  private readonly args = new Float64Array(this.jobBuffer);
  private readonly canBlock = canBlockHere();
  private jobNumber = 0;
  private disposed = false;

  private constructor(private readonly wasm: ThreadedWasm) {}

  /** A pool for an instance of a threaded build; null for the single-thread builds. */
  static of(wasm: SimdWasm): ThreadPool | null {
    return wasm.threads != null ? new ThreadPool(wasm as ThreadedWasm) : null;
  }

  /** Workers ready to take chunks now, out of the `wanted` ones; starts the missing ones in the background. */
  readyWorkers(wanted: number): number {
    return this.workerStates(wanted).ready;
  }

  /**
   * Of the first `wanted` workers (the missing ones are started in the background): how many are ready,
   * and how many of those are awake (still polling for jobs).
   */
  workerStates(wanted: number): { ready: number; awake: number } {
    if (this.disposed) return { ready: 0, awake: 0 };
    while (this.workers.length < wanted) this.start();
    let ready = 0;
    let awake = 0;
    for (let i = 0; i < wanted; i++) {
      if (Atomics.load(this.workers[i].slot, STATE) !== READY) continue;
      ready++;
      if (Atomics.load(this.workers[i].slot, AWAKE) !== 0) awake++;
    }
    return { ready, awake };
  }

  /**
   * Runs `kernel` on every chunk, on this thread and at most `helpers` ready workers; returns when all are
   * done. Kernels that need a scratch block get one of `scratchBytes` per worker.
   */
  run(kernel: SharedKernel, chunks: Chunk[], helpers: number, scratchBytes = 0): void {
    const needsScratch = takesScratch(kernel);
    // Workers beyond the count asked for (setThreadCount lowered) sit this job out.
    let enlisted = 0;
    for (const worker of this.workers) {
      const enlist = enlisted < helpers && Atomics.load(worker.slot, STATE) === READY;
      if (enlist) {
        if (needsScratch) this.ensureScratch(worker, scratchBytes);
        enlisted++;
      }
      Atomics.store(worker.slot, ENLISTED, enlist ? 1 : 0);
    }
    this.jobNumber = this.jobNumber >= MAX_JOB ? 1 : this.jobNumber + 1;
    const jobNumber = this.jobNumber;
    writeJob(this.job, this.args, jobNumber, kernel, chunks);
    Atomics.store(this.job, JOB, jobNumber);
    Atomics.notify(this.job, JOB);
    // The main thread's instance has its own buffers: scratch (0, 0) for a product.
    const runHere = needsScratch
      ? (chunk: Chunk) => this.wasm.kernels[kernel](...chunk, 0, 0)
      : (chunk: Chunk) => this.wasm.kernels[kernel](...chunk);
    // A chunk that fails here (say, memory exhausted) counts as taken but undone: the job still completes,
    // so no worker is left running when the error surfaces, from the second try below.
    takeChunks(this.job, jobNumber, (chunk) => {
      try {
        return (runHere(chunks[chunk]) ?? 0) === 0;
      } catch {
        return false;
      }
    });
    for (let done = Atomics.load(this.job, COMPLETED); done < chunks.length;) {
      done = awaitChange(this.job, COMPLETED, done, this.canBlock, MAIN_SPIN_MS);
    }
    // A chunk no thread could run (it writes nothing then) runs here.
    for (let c = 0; c < chunks.length; c++) {
      if (!chunkDone(this.job, c)) runHere(chunks[c]);
    }
  }

  /** Stops every worker: they leave their loop, and are terminated. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    Atomics.store(this.job, JOB, QUIT);
    Atomics.notify(this.job, JOB);
    for (const worker of this.workers) this.stop(worker);
  }

  /** No job is in flight here (the last one completed), so no worker uses its old block. */
  private ensureScratch(worker: Worker, bytes: number): void {
    if (worker.scratchBytes >= bytes) return;
    Atomics.store(worker.slot, SCRATCH, 0);
    this.wasm.free(worker.scratch);
    worker.scratch = 0;
    worker.scratchBytes = 0;
    worker.scratch = this.wasm.alloc(bytes);
    worker.scratchBytes = bytes;
    Atomics.store(worker.slot, SCRATCH_BYTES, bytes);
    Atomics.store(worker.slot, SCRATCH, worker.scratch);
  }

  private start(): void {
    const slotBuffer = new SharedArrayBuffer(SLOT_WORDS * 4);
    const worker: Worker = { slot: new Int32Array(slotBuffer), handle: null, scratch: 0, scratchBytes: 0 };
    this.workers.push(worker);
    const fail = () => Atomics.store(worker.slot, STATE, FAILED);
    const { module, memory } = this.wasm.threads;
    spawnThread({ module, memory, job: this.jobBuffer, slot: slotBuffer }, fail).then((handle) => {
      worker.handle = handle;
      if (this.disposed) this.stop(worker);
    }, fail);
  }

  private stop(worker: Worker): void {
    worker.handle?.terminate();
    worker.handle = null;
  }
}
