// The job protocol between the main thread and the workers. A job is one export of the kernels' module and
// a list of chunks (independent shares of its work: blocks of a product, ranges of an element-wise sweep) in a
// shared buffer; every thread, the main one included, takes the next chunk with a compare-and-swap until
// none is left, so a worker that wakes late (or not at all: a busy machine) leaves its chunks to the others
// instead of holding the work up. The main thread waits until every chunk is completed, never for a worker
// as such.
//
// Job buffer: JOB (number of the last job posted, QUIT to stop), NEXT (job number << CHUNK_BITS | next
// chunk: taking a chunk of an older job fails), COUNT, COMPLETED, KERNEL (the export's index in
// WebAssembly.Module.exports, the same on every thread), ARG_COUNT, WITH_SCRATCH, PUBLISH (the index of
// the export that publishes a chunk computed into a thread's scratch, or -1), then a status word per chunk
// (job number · 4 + OPEN, DONE or UNDONE: a thread settles a chunk only while it is OPEN for its job), then
// each chunk's arguments as float64 (exact for pointers, int32 and float32 values).
//
// A job with a PUBLISH export computes each chunk into the scratch of the thread that runs it, and only the
// first thread to finish a chunk copies it into place. The calling thread can then take over a chunk a
// worker was descheduled in the middle of: whichever finishes first publishes, the other's copy is dropped,
// and a worker that resumes after the job ended writes nothing (its chunk is no longer OPEN for its job). Each worker also has a slot: its STATE, whether it is ENLISTED in the current job and AWAKE, the
// job it is told to join (GO), what it did in it, and its scratch block.
//
// Any export can run as a job: it takes its chunk's arguments, plus (scratch, bytes) when the caller gives a
// scratch size, and returns 0 or nothing when done; callers cut their work into many chunks (ranges.ts) and
// call ThreadPool.run. The protocol knows no kernel by name.

export const JOB = 0;
export const NEXT = 1;
export const COUNT = 2;
export const COMPLETED = 3;
const KERNEL = 4;
const ARG_COUNT = 5;
const WITH_SCRATCH = 6;
const PUBLISH = 7;
const HEADER_WORDS = 16;

/** Chunks of one job, at most. */
export const MAX_CHUNKS = 64;
const CHUNK_BITS = 8;
const CHUNK_MASK = (1 << CHUNK_BITS) - 1;
/** Job numbers stay below 2^23, so that NEXT (and a status word) stays a positive int32. */
export const MAX_JOB = (1 << (31 - CHUNK_BITS)) - 1;

/**
 * Arguments of a chunk, at most (a 3-D convolution's share has 36, before the scratch block): each chunk has
 * this many float64 slots in the job block, and ThreadPool.run refuses a chunk with more.
 */
export const CHUNK_ARGS = 40;

const STATUS = HEADER_WORDS;
/** Where the float64 arguments start, in float64 units (after the header and status words). */
const ARGS = (HEADER_WORDS + MAX_CHUNKS) / 2;
export const JOB_WORDS = HEADER_WORDS + MAX_CHUNKS + MAX_CHUNKS * CHUNK_ARGS * 2;

export const QUIT = -1;

/** A chunk's status, after its job number · 4: not settled yet, published (done), or failed (run again by the main thread). */
const OPEN = 0;
const DONE = 1;
const UNDONE = 2;

/**
 * Worker slot (int32 words): state (STARTING, READY, FAILED), scratch pointer, scratch bytes, enlisted (1)
 * in the job, awake (1 while it polls or runs a job, 0 while it sleeps), GO (the job it is asked to join, or
 * QUIT: each worker sleeps on its own word, so one left out of a job is not even woken), TAKEN (chunks it
 * took of that job), RUNNING (1 while it runs a chunk), SPIN_US (how long it polls after a job); then, as
 * float64 word WOKE_AT (past every int32 word), when it last woke for a job (performance.timeOrigin +
 * performance.now(), ms: comparable across threads).
 */
export const STATE = 0;
export const SCRATCH = 1;
export const SCRATCH_BYTES = 2;
export const ENLISTED = 3;
export const AWAKE = 4;
export const GO = 5;
export const TAKEN = 6;
export const RUNNING = 7;
/** Microseconds the worker polls after a job before it sleeps (WORKER_SPIN_MS, or 0 on a busy machine). */
export const SPIN_US = 8;
/** In float64 units of the slot (int32 words 12 and 13). */
export const WOKE_AT = 6;
/**
 * Float64 words of the slot the worker alone writes, ever growing: the time it spent polling for jobs (ms),
 * and the part of it it was descheduled (two clock reads over DESCHEDULED_MS apart). The pool reads their
 * growth since the last job.
 */
export const POLLED_MS = 7;
export const DESCHEDULED_MS_TOTAL = 8;
export const SLOT_WORDS = 18;

export const STARTING = 0;
export const READY = 1;
export const FAILED = 2;

/**
 * How long a thread polls before it sleeps in Atomics.wait. Waking a sleeping worker costs tens of
 * microseconds (a futex wake, and an idle core brought back), which a training step pays on every product
 * unless the worker is still polling: the gaps between a step's large products are a few milliseconds of
 * JavaScript and small kernels. So workers poll that long after each job, then sleep; but not on a busy
 * machine (a worker whose running score has dropped, worker_health.ts), where polling takes CPU time from
 * the calling thread.
 */
export const WORKER_SPIN_MS = 2;
/** The main thread waits for chunks already running: it polls a little, then sleeps. */
export const MAIN_SPIN_MS = 0.2;
/** Polls between two reads of the clock. */
const POLLS_PER_CLOCK_READ = 256;
/**
 * Two clock reads of a polling thread this far apart (ms) mean it was descheduled in between: its polls
 * between them take a microsecond or two.
 */
export const DESCHEDULED_MS = 0.25;

/** What a worker is given to start. */
export interface ThreadInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  /** The pool's job buffer (JOB_WORDS int32). */
  job: SharedArrayBuffer;
  /** This worker's slot (SLOT_WORDS int32). */
  slot: SharedArrayBuffer;
  /** The pool's queue of launched kernels (kernel_queue.ts), served by the first worker. */
  queue: SharedArrayBuffer;
}

/**
 * Polls for `spinMs`, then sleeps if allowed, until words[index] differs from `value`; returns the new
 * value. `asleep(true)` runs before the thread sleeps, `asleep(false)` when it wakes; `polled(ms)` for each
 * stretch of polling between two clock reads (one over DESCHEDULED_MS is time the thread was off its core).
 */
export function awaitChange(
  words: Int32Array,
  index: number,
  value: number,
  canBlock: boolean,
  spinMs: number,
  asleep?: (sleeping: boolean) => void,
  polled?: (ms: number) => void,
): number {
  let current = Atomics.load(words, index);
  let clock = performance.now();
  const until = clock + spinMs;
  while (current === value) {
    for (let i = 0; current === value && i < POLLS_PER_CLOCK_READ; i++) current = Atomics.load(words, index);
    const last = clock;
    clock = performance.now();
    polled?.(clock - last);
    if (clock >= until) break;
  }
  const sleeps = current === value && canBlock;
  if (sleeps) asleep?.(true);
  while (current === value) {
    if (canBlock) Atomics.wait(words, index, value);
    current = Atomics.load(words, index);
  }
  if (sleeps) asleep?.(false);
  return current;
}

/**
 * Writes a job (the export at `kernelIndex` of the module's exports, whether each chunk also gets the
 * thread's scratch block, the export that publishes a chunk from it or -1, its chunks) and publishes it
 * (NEXT); the workers still need waking (JOB). Every status word is opened for the new job before anything
 * else is written: a worker late from an older job that reads a torn header or chunk then finds its chunk no
 * longer open, and drops it.
 */
export function writeJob(
  job: Int32Array,
  args: Float64Array,
  jobNumber: number,
  kernelIndex: number,
  withScratch: boolean,
  publishIndex: number,
  chunks: number[][],
): void {
  for (let c = 0; c < MAX_CHUNKS; c++) Atomics.store(job, STATUS + c, jobNumber * 4 + OPEN);
  for (let c = 0; c < chunks.length; c++) args.set(chunks[c], ARGS + c * CHUNK_ARGS);
  job[KERNEL] = kernelIndex;
  job[WITH_SCRATCH] = Number(withScratch);
  job[PUBLISH] = publishIndex;
  job[ARG_COUNT] = chunks.length > 0 ? chunks[0].length : 0;
  job[COUNT] = chunks.length;
  job[COMPLETED] = 0;
  Atomics.store(job, NEXT, jobNumber << CHUNK_BITS);
}

/**
 * The job last posted: its export's index in the module's exports, whether it takes a scratch block, and its
 * publishing export's index (-1: chunks write in place).
 */
export function jobKernel(job: Int32Array): { kernelIndex: number; withScratch: boolean; publishIndex: number } {
  return { kernelIndex: job[KERNEL], withScratch: job[WITH_SCRATCH] !== 0, publishIndex: job[PUBLISH] };
}

/** The module's exports, in the order every thread sees them: a job names its export by index here. */
export function exportNames(module: WebAssembly.Module): string[] {
  return WebAssembly.Module.exports(module).map((entry) => entry.name);
}

/** A chunk's arguments, read back by a worker into `into`; returns how many there are. */
export function readChunk(job: Int32Array, args: Float64Array, chunk: number, into: number[]): number {
  const at = ARGS + chunk * CHUNK_ARGS;
  const count = job[ARG_COUNT];
  for (let i = 0; i < count; i++) into[i] = args[at + i];
  return count;
}

/** Takes chunks of job `jobNumber` and hands each to `run` until none is left; `run` settles it (settleChunk). */
export function takeChunks(job: Int32Array, jobNumber: number, run: (chunk: number) => void): void {
  for (;;) {
    const next = Atomics.load(job, NEXT);
    const chunk = next & CHUNK_MASK;
    if (next >>> CHUNK_BITS !== jobNumber || chunk >= Atomics.load(job, COUNT)) return;
    if (Atomics.compareExchange(job, NEXT, next, next + 1) !== next) continue;
    run(chunk);
  }
}

/** Whether a chunk of job `jobNumber` is still unsettled (no thread finished it, and the job is current). */
export function chunkOpen(job: Int32Array, jobNumber: number, chunk: number): boolean {
  return Atomics.load(job, STATUS + chunk) === jobNumber * 4 + OPEN;
}

/**
 * Settles a chunk this thread ran (`ok`: it succeeded) if no other thread settled it first: then, for a
 * success, `publish` copies it into place, and the chunk counts as completed. Returns whether this thread
 * settled it.
 */
export function settleChunk(
  job: Int32Array,
  jobNumber: number,
  chunk: number,
  ok: boolean,
  publish?: () => void,
): boolean {
  const open = jobNumber * 4 + OPEN;
  if (Atomics.compareExchange(job, STATUS + chunk, open, jobNumber * 4 + (ok ? DONE : UNDONE)) !== open) return false;
  if (ok) publish?.();
  if (Atomics.add(job, COMPLETED, 1) + 1 === Atomics.load(job, COUNT)) Atomics.notify(job, COMPLETED);
  return true;
}

/** Whether a chunk of job `jobNumber` was done (else the main thread runs it again). */
export function chunkDone(job: Int32Array, jobNumber: number, chunk: number): boolean {
  return Atomics.load(job, STATUS + chunk) === jobNumber * 4 + DONE;
}
