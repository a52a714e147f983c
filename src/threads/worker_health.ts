// Whether a worker actually runs. On a shared CPU a worker's core may be taken by another process: it then
// wakes late, takes few chunks, or is descheduled holding one while the calling thread waits for it. After
// every job the pool scores each enlisted worker (did it take a fair part of the chunks, did the calling
// thread wait long for a chunk it held); a worker whose running score falls too low sits jobs out for a
// while (it is not even woken), then is tried again, on probation, each failed retry doubling the pause.
// Everything measured is what a job does anyway: no probes, no timers.

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

/** What one job showed about one enlisted worker. */
export interface WorkerJobReport {
  /** Chunks it took. */
  taken: number;
  /** Whether it still ran a chunk when the calling thread ran out of chunks to take. */
  heldTail: boolean;
  /** When it woke for the job, after the job was posted (ms); null if it did not wake before the job ended. */
  wakeMs: number | null;
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
    const ok = tookItsPart(job, worker) && !heldUpTheJob(job, worker);
    this.score += ((ok ? 1 : 0) - this.score) * WEIGHT;
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
    };
  }
}

/** A job of enough chunks that every thread could take several: a running worker takes a third of its part. */
function tookItsPart(job: JobReport, worker: WorkerJobReport): boolean {
  if (job.chunks < 2 * job.threads) return true;
  return worker.taken * 3 * job.threads >= job.chunks;
}

/** The calling thread waited, for a chunk this worker held, much longer than a chunk takes it. */
function heldUpTheJob(job: JobReport, worker: WorkerJobReport): boolean {
  if (!worker.heldTail) return false;
  const chunkMs = job.mainChunks > 0 ? job.mainMs / job.mainChunks : 0;
  return job.tailWaitMs > Math.max(LATE_FLOOR_MS, LATE_CHUNKS * chunkMs);
}
