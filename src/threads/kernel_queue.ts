// The queue of launched kernels (ThreadPool.launch): whole kernel calls the main thread posts in order and
// returns from at once, run one at a time, in that order, by the first worker or, when it waits for them, by
// the main thread itself. So the main thread's JavaScript (tfjs's, between a model's kernels) runs beside the
// kernels instead of between them.
//
// Buffer: int32 words POSTED (entries posted so far), CLAIMED (entries taken to run), DONE (entries run),
// FAILED (entries that threw, on any thread), FAILED_KERNEL (the export index of the last one); then QUEUE_SLOTS entries of float64 words: the export's index in
// the module's exports, its argument count, its arguments. A thread takes entry n only when the entries
// before it are done (DONE == CLAIMED == n), with a compare-and-swap on CLAIMED: the kernels run one after
// another, as the main thread called them, whichever thread runs each.

import { CHUNK_ARGS } from './control.js';

const POSTED = 0;
const CLAIMED = 1;
export const DONE = 2;
const FAILED = 3;
const FAILED_KERNEL = 4;
const HEADER_F64 = 4;

/** Entries in flight at most: the main thread waits for a free one beyond. */
export const QUEUE_SLOTS = 64;
const ENTRY_F64 = 2 + CHUNK_ARGS;
export const QUEUE_BYTES = (HEADER_F64 + QUEUE_SLOTS * ENTRY_F64) * 8;

export type RunExport = (kernelIndex: number, args: number[]) => void;

/** Both sides' view of one queue buffer. */
export class KernelQueue {
  readonly words: Int32Array;
  private readonly values: Float64Array;
  private readonly args: number[] = [];

  constructor(buffer: SharedArrayBuffer) {
    this.words = new Int32Array(buffer);
    this.values = new Float64Array(buffer);
  }

  posted(): number {
    return Atomics.load(this.words, POSTED);
  }

  done(): number {
    return Atomics.load(this.words, DONE);
  }

  /** Entries that threw since the queue was made. */
  failures(): number {
    return Atomics.load(this.words, FAILED);
  }

  /** The export index of the entry that threw last. */
  lastFailedKernel(): number {
    return Atomics.load(this.words, FAILED_KERNEL);
  }

  /** Whether a slot is free for the next entry. */
  hasRoom(): boolean {
    return this.posted() - this.done() < QUEUE_SLOTS;
  }

  /** Posts `kernelIndex(...args)` (main thread only, with room). */
  post(kernelIndex: number, args: readonly number[]): void {
    const n = this.posted();
    const at = HEADER_F64 + (n % QUEUE_SLOTS) * ENTRY_F64;
    this.values[at] = kernelIndex;
    this.values[at + 1] = args.length;
    for (let i = 0; i < args.length; i++) this.values[at + 2 + i] = args[i];
    Atomics.store(this.words, POSTED, n + 1);
  }

  /**
   * Runs the next entry on this thread if it may (every earlier one done, none taken); returns whether it
   * ran one. A kernel that throws counts as failed and done: the main thread reports it when it waits.
   */
  runNext(run: RunExport): boolean {
    const n = Atomics.load(this.words, CLAIMED);
    if (n === this.posted() || Atomics.load(this.words, DONE) !== n) return false;
    if (Atomics.compareExchange(this.words, CLAIMED, n, n + 1) !== n) return false;
    const at = HEADER_F64 + (n % QUEUE_SLOTS) * ENTRY_F64;
    const count = this.values[at + 1];
    const args = this.args;
    args.length = count;
    for (let i = 0; i < count; i++) args[i] = this.values[at + 2 + i];
    try {
      run(this.values[at], args);
    } catch {
      Atomics.store(this.words, FAILED_KERNEL, this.values[at]);
      Atomics.add(this.words, FAILED, 1);
    } finally {
      Atomics.store(this.words, DONE, n + 1);
      Atomics.notify(this.words, DONE);
    }
    return true;
  }
}
