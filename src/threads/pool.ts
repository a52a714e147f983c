// The worker threads of one backend: started lazily (on the first product worth splitting), each with a
// control slot (src/threads/control.ts) and a scratch block in the shared memory, stopped on dispose.
// Products only go to workers that reported ready, so a worker still starting (or one that failed to
// start, e.g. where the worker script cannot load) never delays or blocks anything: its share runs here.
import type { SimdWasm } from '../wasm/module.js';
import {
  ALPHA_ARG, ARGS, awaitChange, DONE, FAILED, JOB, QUIT, READY, RESULT, SHARE_ARG_COUNT, SLOT_WORDS, STATE,
} from './control.js';
import { spawnThread, ThreadHandle } from './spawn.js';

interface Thread {
  slot: Int32Array;
  floats: Float32Array;
  handle: ThreadHandle | null;
  /** Last job number posted. */
  job: number;
  /** The worker's scratch block (packing buffers) in the shared memory, allocated here. */
  scratch: number;
  scratchBytes: number;
}

/** Arguments of gemm_f32_share before the scratch block: product, then epilogue. */
export type Share = number[];

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
  private readonly threads: Thread[] = [];
  private readonly canBlock = canBlockHere();
  private disposed = false;

  constructor(private readonly wasm: SimdWasm & { threads: NonNullable<SimdWasm['threads']> }) {}

  /** Workers ready now, at most `wanted`; starts the missing ones in the background. */
  readyWorkers(wanted: number): Thread[] {
    if (this.disposed) return [];
    while (this.threads.length < wanted) this.start();
    const ready: Thread[] = [];
    for (const thread of this.threads) {
      if (ready.length === wanted) break;
      if (Atomics.load(thread.slot, STATE) === READY) ready.push(thread);
    }
    return ready;
  }

  /** Runs shares[i] on workers[i] and the last share on this thread; returns when all are done. */
  run(shares: Share[], workers: Thread[]): void {
    const kernels = this.wasm.kernels;
    for (let i = 0; i < workers.length; i++) this.post(workers[i], shares[i]);
    kernels.gemm_f32_share(...shares[workers.length], 0, 0);
    for (let i = 0; i < workers.length; i++) {
      const worker = workers[i];
      while (Atomics.load(worker.slot, DONE) !== worker.job) {
        awaitChange(worker.slot, DONE, Atomics.load(worker.slot, DONE), this.canBlock);
      }
      // A share the worker could not run (it never writes anything then) runs here.
      if (worker.slot[RESULT] !== 0) kernels.gemm_f32_share(...shares[i], 0, 0);
    }
  }

  /** Stops every worker (they leave their loop, then are terminated). */
  dispose(): void {
    this.disposed = true;
    for (const thread of this.threads) this.stop(thread);
  }

  private post(thread: Thread, share: Share): void {
    const n = share[1];
    const bytes = this.wasm.kernels.gemm_f32_share_scratch_bytes(n) >>> 0;
    if (thread.scratchBytes < bytes) {
      this.wasm.free(thread.scratch);
      thread.scratch = 0;
      thread.scratchBytes = 0;
      thread.scratch = this.wasm.alloc(bytes);
      thread.scratchBytes = bytes;
    }
    const { slot, floats } = thread;
    for (let i = 0; i < SHARE_ARG_COUNT - 2; i++) slot[ARGS + i] = share[i];
    floats[ARGS + ALPHA_ARG] = share[ALPHA_ARG];
    slot[ARGS + SHARE_ARG_COUNT - 2] = thread.scratch;
    slot[ARGS + SHARE_ARG_COUNT - 1] = thread.scratchBytes;
    thread.job = thread.job >= 0x7fffffff ? 1 : thread.job + 1;
    Atomics.store(slot, JOB, thread.job);
    Atomics.notify(slot, JOB);
  }

  private start(): void {
    const control = new SharedArrayBuffer(SLOT_WORDS * 4);
    const thread: Thread = {
      slot: new Int32Array(control), floats: new Float32Array(control), handle: null, job: 0, scratch: 0, scratchBytes: 0,
    };
    this.threads.push(thread);
    const fail = () => Atomics.store(thread.slot, STATE, FAILED);
    const { module, memory } = this.wasm.threads;
    spawnThread({ module, memory, control }, fail).then((handle) => {
      thread.handle = handle;
      if (this.disposed) this.stop(thread);
    }, fail);
  }

  private stop(thread: Thread): void {
    Atomics.store(thread.slot, JOB, QUIT);
    Atomics.notify(thread.slot, JOB);
    thread.handle?.terminate();
    thread.handle = null;
  }
}
