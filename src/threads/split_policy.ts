// How many workers a piece of work is split over. A worker still polling for jobs takes one within
// microseconds; a sleeping one takes tens of microseconds to wake. So each kind of work states the least
// work per thread that pays in either case (measured by bench/suites/threads.mjs, "back to back" and
// "workers asleep"), and awake workers are enlisted for smaller work than sleeping ones.

import { currentThreadCount } from '../wasm/thread_count.js';
import { MAX_CHUNKS, WORKER_SPIN_MS } from './control.js';
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
  const payingAwake = Math.min(awake, Math.floor(work / threshold.awake) - 1);
  return Math.max(0, payingAsleep, payingAwake);
}

/**
 * Least time between two jobs that wake sleeping workers for BackToBackWork: on a busy machine the workers
 * stop polling between jobs (worker_health.ts), so every piece would wake them again, each time late.
 */
const REWAKE_MS = 50;

/**
 * Workers for work that comes back to back, each piece too small to pay for waking a sleeping worker (the
 * products of batch-1 inference, every call): helpersFor, except that a piece arriving within WORKER_SPIN_MS
 * of the last piece that would have paid with awake workers enlists sleeping workers as if they were awake
 * (at most every REWAKE_MS). That job wakes them (this thread takes whatever they arrive too late for), and
 * they poll for the next piece; a piece of work on its own never wakes anyone.
 */
export class BackToBackWork {
  private lastAt = Number.NEGATIVE_INFINITY;
  private wokeAt = Number.NEGATIVE_INFINITY;

  /** `clock`: milliseconds, performance.now() unless a test steps its own. */
  constructor(
    private readonly threshold: SplitThreshold,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Workers to enlist for `work` units now (0: run it on this thread). */
  helpers(pool: ThreadPool | null, work: number): number {
    const helpers = helpersFor(pool, work, this.threshold);
    if (helpers > 0 || pool == null || !splitMayPay(work, this.threshold)) return helpers;
    const now = this.clock();
    const wake = now - this.lastAt < WORKER_SPIN_MS && now - this.wokeAt >= REWAKE_MS;
    this.lastAt = now;
    if (!wake) return 0;
    const { awake } = this.threshold;
    const woken = helpersFor(pool, work, { awake, asleep: awake });
    if (woken > 0) this.wokeAt = now;
    return woken;
  }
}
