// How many workers a piece of work is split over. A worker still polling for jobs takes one within
// microseconds; a sleeping one takes tens of microseconds to wake. So each kind of work states the least
// work per thread that pays in either case (measured by bench/suites/threads.mjs, "back to back" and
// "workers asleep"), and awake workers are enlisted for smaller work than sleeping ones.

import { currentThreadCount } from '../wasm/thread_count.js';
import { MAX_CHUNKS } from './control.js';
import type { ThreadPool } from './pool.js';

/** Least work per thread (in the work's own unit) for which splitting pays. */
export interface SplitThreshold {
  /** When the workers are awake (polling after a recent job). */
  awake: number;
  /** When they sleep. */
  asleep: number;
}

/** Whether `work` units could pay for two threads at all: below, callers skip building a split. */
export function splitMayPay(work: number, threshold: SplitThreshold): boolean {
  return work >= 2 * threshold.awake;
}

/**
 * Chunks per thread a job is cut into, at most: a thread that arrives late, or is descheduled holding a
 * chunk, then holds the others up by about 1/8 of its part, not all of it.
 */
export const CHUNKS_PER_THREAD = 8;

/**
 * Chunks to cut `work` units into for `threads` threads: about CHUNKS_PER_THREAD each, none smaller than
 * `leastPerChunk` units (a chunk's hand-over costs a microsecond or two), one per thread at least, at most
 * MAX_CHUNKS.
 */
export function chunksFor(work: number, threads: number, leastPerChunk: number): number {
  return Math.max(threads, Math.min(MAX_CHUNKS, CHUNKS_PER_THREAD * threads, Math.floor(work / leastPerChunk)));
}

/** Workers to enlist for `work` units (0: run it on this thread), within setThreadCount's count. */
export function helpersFor(pool: ThreadPool | null, work: number, threshold: SplitThreshold): number {
  const wanted = Math.min(currentThreadCount(), MAX_CHUNKS) - 1;
  if (pool == null || wanted < 1 || !splitMayPay(work, threshold)) return 0;
  const { ready, awake } = pool.workerStates(wanted);
  const payingAsleep = Math.min(ready, Math.floor(work / threshold.asleep) - 1);
  // Kernels launched on a worker run beside the JavaScript between them: that beats splitting small work.
  if (pool.launching()) return Math.max(0, payingAsleep);
  const payingAwake = Math.min(awake, Math.floor(work / threshold.awake) - 1);
  return Math.max(0, payingAsleep, payingAwake);
}
