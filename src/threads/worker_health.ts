// Whether a worker actually runs. On a shared CPU a worker's core may be taken by another process: it is
// then descheduled while it polls for jobs, or descheduled holding a chunk while the calling thread waits for
// it. After every job the pool scores each enlisted worker (was it descheduled for more than two fifths of
// its recent polling time, did the calling thread wait long for a chunk it held, did it run chunks); a
// worker whose running score falls too low sits jobs out for a while (it is not even woken), then is tried
// again, on probation, each failed retry doubling the pause. Everything measured is what a job does anyway,
// plus the worker's own clock reads while it polls: no probes, no timers. (Where the system tells other
// processes' CPU use, the pool also enlists fewer workers: other_load.ts.)
//
// How long a sleeping worker takes to wake says nothing either way: on an idle virtual machine a halted vCPU
// often takes 1–3 ms to come back (measured here: median 0.2–1.4 ms, 90th percentile 2–3 ms, after 10–50 ms
// idle), while on a busy one the scheduler wakes it within about 0.1 ms. And a late worker costs a job
// nothing as long as it holds no chunk the calling thread waits for. So a job judges a worker only by that
// cost; whether its core is its own shows in its polling between jobs.

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
 * Share of its recent polling time a worker may spend descheduled before it counts as off its core. A
 * virtual machine's vCPUs are descheduled by their host too, idle or not (measured on this 2-vCPU VM, idle: a
 * polling worker off its vCPU 18–31% of the time, in gaps of 1–10 ms); a worker sharing its vCPU with a busy
 * process loses about half of what is left besides.
 */
const OFF_CORE_SHARE = 0.4;
/** Polling time (ms) the share is taken over, about (and at least half of it): older polling weighs less. */
const POLLING_WINDOW_MS = 50;

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
  /** Time it spent polling for jobs since it was last enlisted, and the part it was descheduled (ms). */
  polledMs: number;
  descheduledMs: number;
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
  /** Jobs after which its recent polling showed it descheduled more than OFF_CORE_SHARE of the time. */
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
  /** Recent polling time and the part of it descheduled (ms), decayed over POLLING_WINDOW_MS. */
  private polledMs = 0;
  private descheduledMs = 0;

  /** Whether the worker may be enlisted at time `now` (ms, performance.now()). */
  enlistable(now: number): boolean {
    if (this.benchedUntil === 0) return true;
    if (now < this.benchedUntil) return false;
    this.benchedUntil = 0;
    this.score = PROBATION;
    // Its polling is measured afresh: the load that benched it may be gone.
    this.polledMs = 0;
    this.descheduledMs = 0;
    return true;
  }

  /** Scores one job the worker was enlisted in; `now` as for enlistable. Returns what the job said of it. */
  record(job: JobReport, worker: WorkerJobReport, now: number): Verdict {
    this.jobs++;
    this.chunks += job.chunks;
    this.chunksTaken += worker.taken;
    if (worker.wakeMs != null) this.wakeMs += (worker.wakeMs - this.wakeMs) * WEIGHT;
    const keep = Math.max(0, 1 - worker.polledMs / POLLING_WINDOW_MS);
    this.polledMs = this.polledMs * keep + worker.polledMs;
    this.descheduledMs = this.descheduledMs * keep + worker.descheduledMs;
    const offCore = this.polledMs >= POLLING_WINDOW_MS / 2 && this.descheduledMs > OFF_CORE_SHARE * this.polledMs;
    const verdict: Verdict = offCore ? 'off its core' : judge(job, worker);
    if (verdict === 'no evidence') return verdict;
    if (verdict === 'off its core') this.offCoreJobs++;
    this.score += ((verdict === 'ran' ? 1 : 0) - this.score) * WEIGHT;
    if (this.score >= HEALTHY) this.pauseMs = FIRST_PAUSE_MS;
    if (this.score < BENCH_BELOW) this.bench(now);
    return verdict;
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

/** What one job said of a worker (see judge, and the polling share in record). */
export type Verdict = 'ran' | 'off its core' | 'fell behind' | 'no evidence';

/**
 * What one job says of a worker (its recent polling aside): it held the end of the job up, it ran chunks, or
 * nothing (it took none, and cost nothing: the calling thread ran them). Taking few chunks is no evidence of
 * load by itself: on a virtual machine a polling worker misses a job now and then, idle or not.
 */
function judge(job: JobReport, worker: WorkerJobReport): Verdict {
  if (heldUpTheJob(job, worker)) return 'fell behind';
  return worker.taken > 0 ? 'ran' : 'no evidence';
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
