// The job protocol between the main thread and the workers. A job is a list of chunks (independent shares
// of one product) in a shared Int32Array; every thread, the main one included, takes the next chunk with a
// compare-and-swap until none is left, so a worker that wakes late (or not at all: a busy machine) leaves
// its chunks to the others instead of holding the product up. The main thread waits until every chunk is
// completed, never for a worker as such.
//
// Job buffer: JOB (number of the last job posted, QUIT to stop), NEXT (job number << CHUNK_BITS | next
// chunk: taking a chunk of an older job fails), COUNT, COMPLETED, then a status word per chunk (1 when
// done), then each chunk's arguments of gemm_f32_share (without the scratch block, which is per thread).
// Each worker also has a slot: its STATE and its scratch block's pointer and size.

export const JOB = 0;
export const NEXT = 1;
export const COUNT = 2;
export const COMPLETED = 3;
const HEADER_WORDS = 16;

/** Chunks of one job, at most. */
export const MAX_CHUNKS = 64;
const CHUNK_BITS = 8;
const CHUNK_MASK = (1 << CHUNK_BITS) - 1;
/** Job numbers stay below 2^23, so that NEXT stays a positive int32. */
export const MAX_JOB = (1 << (31 - CHUNK_BITS)) - 1;

/** Arguments of gemm_f32_share before the scratch block, and which one is the f32 leaky-relu alpha. */
export const CHUNK_ARGS = 19;
export const ALPHA_ARG = 12;

const STATUS = HEADER_WORDS;
const ARGS = STATUS + MAX_CHUNKS;
export const JOB_WORDS = ARGS + MAX_CHUNKS * CHUNK_ARGS;

export const QUIT = -1;

/** Worker slot: state (STARTING, READY, FAILED), scratch pointer, scratch bytes. */
export const STATE = 0;
export const SCRATCH = 1;
export const SCRATCH_BYTES = 2;
export const SLOT_WORDS = 16;

export const STARTING = 0;
export const READY = 1;
export const FAILED = 2;

/** Polls before sleeping in Atomics.wait: back-to-back products then skip a futex wake-up (~tens of µs). */
export const SPIN_POLLS = 20_000;

/** What a worker is given to start. */
export interface ThreadInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  /** The pool's job buffer (JOB_WORDS int32). */
  job: SharedArrayBuffer;
  /** This worker's slot (SLOT_WORDS int32). */
  slot: SharedArrayBuffer;
}

/** Spins, then sleeps if allowed, until words[index] differs from `value`; returns the new value. */
export function awaitChange(words: Int32Array, index: number, value: number, canBlock: boolean): number {
  let current = Atomics.load(words, index);
  for (let i = 0; current === value && i < SPIN_POLLS; i++) current = Atomics.load(words, index);
  while (current === value) {
    if (canBlock) Atomics.wait(words, index, value);
    current = Atomics.load(words, index);
  }
  return current;
}

/** Writes a job's chunks and publishes it (NEXT); the workers still need waking (JOB). */
export function writeJob(job: Int32Array, floats: Float32Array, jobNumber: number, chunks: number[][]): void {
  for (let c = 0; c < chunks.length; c++) {
    const at = ARGS + c * CHUNK_ARGS;
    for (let i = 0; i < CHUNK_ARGS; i++) job[at + i] = chunks[c][i];
    floats[at + ALPHA_ARG] = chunks[c][ALPHA_ARG];
    job[STATUS + c] = 0;
  }
  job[COUNT] = chunks.length;
  job[COMPLETED] = 0;
  Atomics.store(job, NEXT, jobNumber << CHUNK_BITS);
}

/** A chunk's arguments, read back by a worker into `args`. */
export function readChunk(job: Int32Array, floats: Float32Array, chunk: number, args: number[]): void {
  const at = ARGS + chunk * CHUNK_ARGS;
  for (let i = 0; i < CHUNK_ARGS; i++) args[i] = job[at + i];
  args[ALPHA_ARG] = floats[at + ALPHA_ARG];
}

/** Takes and runs chunks of job `jobNumber` until none is left; `run` says whether the chunk was done. */
export function takeChunks(job: Int32Array, jobNumber: number, run: (chunk: number) => boolean): void {
  for (;;) {
    const next = Atomics.load(job, NEXT);
    const chunk = next & CHUNK_MASK;
    if (next >>> CHUNK_BITS !== jobNumber || chunk >= Atomics.load(job, COUNT)) return;
    if (Atomics.compareExchange(job, NEXT, next, next + 1) !== next) continue;
    if (run(chunk)) Atomics.store(job, STATUS + chunk, 1);
    if (Atomics.add(job, COMPLETED, 1) + 1 === Atomics.load(job, COUNT)) Atomics.notify(job, COMPLETED);
  }
}

/** Whether a chunk of the last job was done (else the main thread runs it). */
export function chunkDone(job: Int32Array, chunk: number): boolean {
  return Atomics.load(job, STATUS + chunk) === 1;
}
