// The job protocol between the main thread and one worker: a small shared Int32Array per worker (its
// control slot). The main thread writes a share's arguments, then a new job number in JOB, and notifies;
// the worker runs the share, writes its status in RESULT, then the job number in DONE, and notifies.
// JOB = QUIT tells the worker to stop. One job in flight per worker, so nothing else is needed.

/** Words of a control slot (128 bytes: a slot never shares a cache line with another). */
export const SLOT_WORDS = 32;

/** Index of the last job number posted by the main thread. */
export const JOB = 0;
/** Index of the last job number finished by the worker. */
export const DONE = 1;
/** Index of the worker's state (STARTING, READY, FAILED). */
export const STATE = 2;
/** Index of the last job's status: 0 done, else not done (the main thread runs the share itself). */
export const RESULT = 3;
/** Index of the first argument of gemm_f32_share (the scratch block's pointer and size come last). */
export const ARGS = 4;
/** Arguments of gemm_f32_share, and which one is the f32 leaky-relu alpha. */
export const SHARE_ARG_COUNT = 21;
export const ALPHA_ARG = 12;

export const QUIT = -1;

export const STARTING = 0;
export const READY = 1;
export const FAILED = 2;

/** Polls before sleeping in Atomics.wait: back-to-back products then skip a futex wake-up (~tens of µs). */
export const SPIN_POLLS = 20_000;

/** What a worker is given to start. */
export interface ThreadInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  /** The worker's control slot (SharedArrayBuffer of SLOT_WORDS int32). */
  control: SharedArrayBuffer;
}

/** Spins, then sleeps, until slot[index] differs from `value`; returns the new value. */
export function awaitChange(slot: Int32Array, index: number, value: number, canBlock: boolean): number {
  let current = Atomics.load(slot, index);
  for (let i = 0; current === value && i < SPIN_POLLS; i++) current = Atomics.load(slot, index);
  while (current === value) {
    if (canBlock) Atomics.wait(slot, index, value);
    current = Atomics.load(slot, index);
  }
  return current;
}
