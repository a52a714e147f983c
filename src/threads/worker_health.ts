// Whether a worker actually runs. On a shared CPU a worker's core may be taken by another process: it then
// wakes late, takes few chunks, is descheduled while it polls for jobs, or is descheduled holding a chunk
// while the calling thread waits for it. After every job the pool scores each enlisted worker (did it take a
// fair part of the chunks in the time it was awake, did the calling thread wait long for a chunk it held,
// did it wake late, was it off its core while polling); a worker whose running score falls too low sits jobs
// out for a while (it is not even woken), then is tried again, on probation, each failed retry doubling the
// pause. Everything measured is what a job does anyway, plus the worker's own clock reads while it polls: no
// probes, no timers.
//
// A sleeping worker on an idle machine wakes within about 0.1 ms; one whose core is taken waits for the
// scheduler, a millisecond or more. So a job that ends before a sleeping worker could have woken says
// nothing about it: only a wake later than WAKE_LATE_MS, or a job that long without one, counts as late.

/** Weight of the latest job in a worker's running score. */
const WEIGHT = 1 / 8;
/**
 * Score below which a worker is benched; the score it comes back with: one bad job benches it again (each
 * retry on a busy machine costs one late job), one good job clears it.
 */
const BENCH_BELOW = 0.5;
const PROBATION = 0.55;
/** Score from which a worker counts as healthy again, its next pause back to the shortest. */
const HEALTHY = 0.9;
/**
 * Score below which the worker stops polling between jobs (three bad jobs in a row from a clean record):
 * not after a single bad job, which would make the next wake-ups slower and the next jobs worse.
 */
const CONTENDED = 0.7;
/** Pauses of a benched worker: the first, and the longest (each failed retry doubles it). */
const FIRST_PAUSE_MS = 100;
const LONGEST_PAUSE_MS = 2000;
/**
 * A job's wait for a worker's chunk counts as late from this many of the calling thread's own chunk times
 * (a chunk taken just before the calling thread ran out costs about one), and never below LATE_FLOOR_MS.
 */
const LATE_CHUNKS = 2.5;
const LATE_FLOOR_MS = 0.05;
/**
 * A sleeping worker that wakes later than this after a job is posted was kept off its core (an idle core
 * wakes it in about 0.1 ms: bench/suites/threads.mjs, "workers asleep").
 */
export const WAKE_LATE_MS = 0.5;

/** What one job showed about one enlisted worker. */
export interface WorkerJobReport {
  /** Chunks it took. */
  taken: number;
  /** Whether it still ran a chunk when the calling thread ran out of chunks to take. */
  heldTail: boolean;
  /** Whether the calling thread took over a chunk it held, for running too late (lateAfterMs). */
  overtaken?: boolean;
  /** When it woke for the job, after the job was posted (ms); null if it did not wake before the job ended. */
  wakeMs: number | null;
  /** Whether it slept when the job was posted (else it was polling for jobs, or still running). */
  asleepAtPost: boolean;
  /** Times it found itself descheduled while it polled for jobs, since it was last enlisted. */
  pollGaps: number;
}

/** What the job showed as a whole. */
export interface JobReport {
  chunks: number;
  /** Threads enlisted, the calling one included. */
  threads: number;
  /** The calling thread's chunks, and the time it spent in them. */
  mainChunks: number;
  mainMs: number;
  /** How long the calling thread waited for chunks other threads held, after taking its last. */
  tailWaitMs: number;
  /** From posting the job to its last chunk done (ms). */
  jobMs: number;
}

export interface WorkerHealthStats {
  score: number;
  jobs: number;
  chunksTaken: number;
  /** Share of the chunks of its jobs it took. */
  share: number;
  /** Running mean of its wake-up latency (ms) over the jobs it woke for in time. */
  wakeMs: number;
  benched: boolean;
  /** Times it was benched. */
  benchings: number;
  /** Jobs that showed it kept off its core: it woke late, or was descheduled while polling. */
  offCoreJobs: number;
}

export class WorkerHealth {
  private score = 1;
  private pauseMs = FIRST_PAUSE_MS;
  private benchedUntil = 0;
  private jobs = 0;
  private chunks = 0;
  private chunksTaken = 0;
  private wakeMs = 0;
  private benchings = 0;
  private offCoreJobs = 0;

  /** Whether the worker may be enlisted at time `now` (ms, performance.now()). */
  enlistable(now: number): boolean {
    if (this.benchedUntil === 0) return true;
    if (now < this.benchedUntil) return false;
    this.benchedUntil = 0;
    this.score = PROBATION;
    return true;
  }

  /** Scores one job the worker was enlisted in; `now` as for enlistable. */
  record(job: JobReport, worker: WorkerJobReport, now: number): void {
    this.jobs++;
    this.chunks += job.chunks;
    this.chunksTaken += worker.taken;
    if (worker.wakeMs != null) this.wakeMs += (worker.wakeMs - this.wakeMs) * WEIGHT;
    const verdict = judge(job, worker);
    if (verdict === 'no evidence') return;
    if (verdict === 'off its core') this.offCoreJobs++;
    this.score += ((verdict === 'ran' ? 1 : 0) - this.score) * WEIGHT;
    if (this.score >= HEALTHY) this.pauseMs = FIRST_PAUSE_MS;
    if (this.score < BENCH_BELOW) this.bench(now);
  }

  /** Leaves the worker out from `now` for its current pause (which the next benching doubles). */
  bench(now: number): void {
    this.score = Math.min(this.score, BENCH_BELOW);
    this.benchedUntil = now + this.pauseMs;
    this.pauseMs = Math.min(LONGEST_PAUSE_MS, 2 * this.pauseMs);
    this.benchings++;
  }

  /** Whether recent jobs showed signs of a busy machine: the worker should not poll between jobs then. */
  contended(): boolean {
    return this.score < CONTENDED;
  }

  stats(now: number): WorkerHealthStats {
    return {
      score: this.score,
      jobs: this.jobs,
      chunksTaken: this.chunksTaken,
      share: this.chunks === 0 ? 0 : this.chunksTaken / this.chunks,
      wakeMs: this.wakeMs,
      benched: this.benchedUntil !== 0 && now < this.benchedUntil,
      benchings: this.benchings,
      offCoreJobs: this.offCoreJobs,
    };
  }
}

type Verdict = 'ran' | 'off its core' | 'fell behind' | 'no evidence';

/** What one job says of a worker: it ran, it was kept off its core, it fell behind (took few chunks, or held the end up), or nothing. */
function judge(job: JobReport, worker: WorkerJobReport): Verdict {
  if (worker.pollGaps > 0) return 'off its core';
  if (worker.asleepAtPost) {
    if (worker.wakeMs == null) return job.jobMs > WAKE_LATE_MS ? 'off its core' : 'no evidence';
    if (worker.wakeMs > WAKE_LATE_MS) return 'off its core';
  }
  return tookItsPart(job, worker) && !heldUpTheJob(job, worker) ? 'ran' : 'fell behind';
}

/**
 * A job of enough chunks that every thread could take several: a running worker takes a third of its part
 * of the chunks left when it woke.
 */
function tookItsPart(job: JobReport, worker: WorkerJobReport): boolean {
  if (job.chunks < 2 * job.threads) return true;
  const awakeShare = job.jobMs > 0 ? Math.max(0, 1 - (worker.wakeMs ?? 0) / job.jobMs) : 1;
  return worker.taken * 3 * job.threads >= job.chunks * awakeShare;
}

/**
 * How long the calling thread, out of chunks, waits for chunks other threads hold before it counts them as
 * late (and takes over those it can): LATE_CHUNKS of its own chunk times, never below LATE_FLOOR_MS.
 */
export function lateAfterMs(mainChunks: number, mainMs: number): number {
  return Math.max(LATE_FLOOR_MS, LATE_CHUNKS * (mainChunks > 0 ? mainMs / mainChunks : 0));
}

/** The calling thread waited, for a chunk this worker held, much longer than a chunk takes it (or took it over). */
function heldUpTheJob(job: JobReport, worker: WorkerJobReport): boolean {
  if (!worker.heldTail) return false;
  return worker.overtaken === true || job.tailWaitMs > lateAfterMs(job.mainChunks, job.mainMs);
}
