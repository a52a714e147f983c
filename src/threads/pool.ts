// The worker threads of one backend: started lazily (on the first job worth splitting), sharing one job
// buffer (src/threads/control.ts), each with a slot and, for products, a scratch block in the shared memory;
// stopped on dispose. Only workers that reported ready are enlisted in a job, and chunks go to whichever
// thread takes them first: a worker still starting (or one that failed to start, e.g. where the worker
// script cannot load) never delays or blocks anything. After each job the pool scores how its workers did
// (worker_health.ts): one that keeps arriving late on a busy machine is left out for a while, then retried.
import type { ExportName } from '../wasm/export_types.js';
import type { SimdWasm } from '../wasm/module.js';
import { currentThreadCount } from '../wasm/thread_count.js';
import {
  AWAKE,
  awaitChange,
  CHUNK_ARGS,
  COMPLETED,
  COUNT,
  chunkDone,
  chunkOpen,
  DESCHEDULED_MS_TOTAL,
  ENLISTED,
  exportNames,
  FAILED,
  GO,
  JOB,
  JOB_WORDS,
  MAIN_SPIN_MS,
  MAX_JOB,
  POLLED_MS,
  QUIT,
  READY,
  RUNNING,
  SCRATCH,
  SCRATCH_BYTES,
  SLOT_WORDS,
  SPIN_US,
  STATE,
  settleChunk,
  TAKEN,
  takeChunks,
  WOKE_AT,
  WORKER_SPIN_MS,
  writeJob,
} from './control.js';
import { DONE, KernelQueue, QUEUE_BYTES } from './kernel_queue.js';
import { countingOtherLoad, OtherLoad, workersBesideOtherLoad } from './other_load.js';
import { spawnThread, type ThreadHandle } from './spawn.js';
import { lateAfterMs, WorkerHealth, type WorkerHealthStats } from './worker_health.js';

interface Worker {
  slot: Int32Array;
  slotTimes: Float64Array;
  /** Its polling and descheduled totals (slot words POLLED_MS, DESCHEDULED_MS_TOTAL) when last read. */
  polledSeen: number;
  descheduledSeen: number;
  health: WorkerHealth;
  handle: ThreadHandle | null;
  /** The worker's scratch block for products (allocated here, in the shared memory; 0 until first needed). */
  scratch: number;
  scratchBytes: number;
}

/** A chunk's arguments for its kernel (before the scratch block, for a kernel that takes one). */
export type Chunk = number[];

type ThreadedWasm = SimdWasm & { threads: NonNullable<SimdWasm['threads']> };

/**
 * A job's chunks all have the same number of arguments, at most CHUNK_ARGS: a longer chunk would spill into the
 * next one's slots in the job block, and a worker would run it with another chunk's arguments.
 */
function assertChunksFit(kernel: ExportName, chunks: Chunk[]): void {
  const count = chunks[0]?.length ?? 0;
  if (count > CHUNK_ARGS || chunks.some((chunk) => chunk.length !== count)) {
    throw new RangeError(
      `ThreadPool.run('${kernel}'): chunks must all have the same number of arguments, at most ${CHUNK_ARGS}; ` +
        `got ${[...new Set(chunks.map((chunk) => chunk.length))].join(', ')}.`,
    );
  }
}

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
  private readonly workers: Worker[] = [];
  private readonly jobBuffer = new SharedArrayBuffer(JOB_WORDS * 4);
  private readonly job = new Int32Array(this.jobBuffer);
  private readonly args = new Float64Array(this.jobBuffer);
  private readonly canBlock = canBlockHere();
  private jobNumber = 0;
  private disposed = false;
  /** Blocks every thread reads during a caller's jobs (a product's packed operands), kept and grown. */
  private readonly sharedBlocks: Array<{ ptr: number; bytes: number }> = [];
  /** Each export's index in the module's exports, which is how a job names its kernel to the workers. */
  private readonly exportIndex: Map<string, number>;
  /** Other processes' CPU use, where the system tells it (null elsewhere), and the latest measure of it. */
  private readonly otherLoad = OtherLoad.probe();
  private otherCores = 0;

  /** Kernels launched to run in order on the first worker (launch). */
  private readonly queue = new KernelQueue(new SharedArrayBuffer(QUEUE_BYTES));
  private readonly exportNames: string[];

  private constructor(private readonly wasm: ThreadedWasm) {
    this.exportNames = exportNames(wasm.threads.module);
    this.exportIndex = new Map(this.exportNames.map((name, index) => [name, index]));
  }

  /** A pool for an instance of a threaded build; null for the single-thread builds. */
  static of(wasm: SimdWasm): ThreadPool | null {
    return wasm.threads != null ? new ThreadPool(wasm as ThreadedWasm) : null;
  }

  /** Workers ready to take chunks now, out of the `wanted` ones; starts the missing ones in the background. */
  readyWorkers(wanted: number): number {
    return this.workerStates(wanted).ready;
  }

  /**
   * Of the first `wanted` workers (the missing ones are started in the background): how many are ready and
   * not benched for arriving late, and how many of those are awake (still polling for jobs).
   */
  workerStates(wanted: number): { ready: number; awake: number } {
    if (this.disposed) return { ready: 0, awake: 0 };
    while (this.workers.length < wanted) this.start();
    const now = performance.now();
    wanted = this.workersWithACore(now, wanted);
    let ready = 0;
    let awake = 0;
    for (let i = 0; i < wanted; i++) {
      const worker = this.workers[i];
      if (Atomics.load(worker.slot, STATE) !== READY || !worker.health.enlistable(now)) continue;
      ready++;
      if (Atomics.load(worker.slot, AWAKE) !== 0) awake++;
    }
    return { ready, awake };
  }

  /**
   * Threads in use out of `requested` (the calling one included): all but the workers that failed to start
   * or sit out for arriving late. A worker still starting counts: it joins as soon as it is ready.
   */
  threadsInUse(requested: number): number {
    if (this.disposed) return 1;
    const now = performance.now();
    let count = 1;
    for (let i = 0; i < this.workersWithACore(now, requested - 1); i++) {
      const worker = this.workers[i];
      if (worker == null) count++;
      else if (Atomics.load(worker.slot, STATE) !== FAILED && worker.health.enlistable(now)) count++;
    }
    return count;
  }

  /**
   * Forgets what was measured of the workers: every one is enlisted again from the next job (after a known
   * change of load, such as a benchmark stopping its competing process).
   */
  resetWorkerHealth(): void {
    this.otherLoad?.reset();
    this.otherCores = 0;
    for (const worker of this.workers) {
      worker.health = new WorkerHealth();
      Atomics.store(worker.slot, SPIN_US, WORKER_SPIN_MS * 1000);
      this.pollingSinceLastJob(worker);
    }
  }

  /**
   * Benches worker `index` now, as if it had kept arriving late: it is not enlisted until its pause ends, then
   * retried (for tools and tests that need a known benched worker).
   */
  benchWorker(index: number): void {
    const worker = this.workers[index];
    if (worker === undefined)
      throw new RangeError(`benchWorker: no worker ${index} (the pool has ${this.workers.length})`);
    worker.health.bench(performance.now());
  }

  /** How each worker has done so far: share of chunks taken, wake-up latency, whether it sits out. */
  workerStats(): WorkerHealthStats[] {
    const now = performance.now();
    return this.workers.map((worker) => worker.health.stats(now));
  }

  /**
   * Runs `kernel` on every chunk, on this thread and at most `helpers` ready workers; returns when all are
   * done. With `scratchBytes`, the kernel takes a scratch block after its chunk's arguments (scratch,
   * bytes): each worker has one of at least that size, and this thread one allocated for the job. With
   * `publish` too, `kernel` computes a chunk into the scratch block and `publish` (same arguments) copies it
   * into place: this thread then takes over chunks a worker holds for too long (control.ts).
   */
  run(kernel: ExportName, chunks: Chunk[], helpers: number, scratchBytes?: number, publish?: ExportName): void {
    assertChunksFit(kernel, chunks);
    // The job buffer and the workers are free once a launched kernel is done.
    this.wasm.settle();
    if (scratchBytes === undefined) {
      this.runJob(kernel, undefined, chunks, helpers, undefined, (name, chunk) => this.wasm.call(name, chunk));
      return;
    }
    this.wasm.withScratch(scratchBytes, (scratch) =>
      this.runJob(kernel, publish, chunks, helpers, scratchBytes, (name, chunk) =>
        this.wasm.call(name, [...chunk, scratch, scratchBytes]),
      ),
    );
  }

  /** run(), with `call` running an export on a chunk on this thread. */
  private runJob(
    kernel: ExportName,
    publish: ExportName | undefined,
    chunks: Chunk[],
    helpers: number,
    scratchBytes: number | undefined,
    call: (name: ExportName, chunk: Chunk) => number | undefined,
  ): void {
    const enlisted = this.enlist(helpers, scratchBytes ?? 0);
    if (enlisted.length === 0) {
      for (const chunk of chunks) {
        call(kernel, chunk);
        if (publish !== undefined) call(publish, chunk);
      }
      return;
    }
    this.jobNumber = this.jobNumber >= MAX_JOB ? 1 : this.jobNumber + 1;
    const jobNumber = this.jobNumber;
    const publishIndex = publish === undefined ? -1 : this.exportIndex.get(publish)!;
    const kernelIndex = this.exportIndex.get(kernel)!;
    writeJob(this.job, this.args, jobNumber, kernelIndex, scratchBytes !== undefined, publishIndex, chunks);
    Atomics.store(this.job, JOB, jobNumber);
    const postedAt = performance.timeOrigin + performance.now();
    const polling = enlisted.map((worker) => this.pollingSinceLastJob(worker));
    for (const worker of enlisted) {
      Atomics.store(worker.slot, GO, jobNumber);
      Atomics.notify(worker.slot, GO);
    }
    // A chunk that fails here (say, memory exhausted) is settled as failed: the job still completes, so no
    // worker is left running when the error surfaces, from the second try below.
    const runChunk = (chunk: number): boolean => {
      try {
        return (call(kernel, chunks[chunk]) ?? 0) === 0;
      } catch {
        return false;
      }
    };
    const publishChunk = (chunk: number) => (publish === undefined ? undefined : () => call(publish, chunks[chunk]));
    let mainChunks = 0;
    let mainMs = 0;
    takeChunks(this.job, jobNumber, (chunk) => {
      const start = performance.now();
      const ok = runChunk(chunk);
      mainChunks++;
      mainMs += performance.now() - start;
      settleChunk(this.job, jobNumber, chunk, ok, publishChunk(chunk));
    });
    const waitFrom = performance.now();
    const heldTail = enlisted.map((worker) => Atomics.load(worker.slot, RUNNING) !== 0);
    const overtaken =
      publish === undefined
        ? enlisted.map(() => false)
        : this.takeOverLateChunks(jobNumber, enlisted, waitFrom + lateAfterMs(mainChunks, mainMs), (chunk) =>
            settleChunk(this.job, jobNumber, chunk, runChunk(chunk), publishChunk(chunk)),
          );
    for (let done = Atomics.load(this.job, COMPLETED); done < chunks.length; ) {
      done = awaitChange(this.job, COMPLETED, done, this.canBlock, MAIN_SPIN_MS);
    }
    const now = performance.now();
    const job = {
      chunks: chunks.length,
      threads: enlisted.length + 1,
      mainChunks,
      mainMs,
      tailWaitMs: now - waitFrom,
    };
    enlisted.forEach((worker, i) => {
      const woke = worker.slotTimes[WOKE_AT] - postedAt;
      worker.health.record(
        job,
        {
          taken: Atomics.load(worker.slot, TAKEN),
          heldTail: heldTail[i],
          overtaken: overtaken[i],
          wakeMs: woke >= 0 ? woke : null,
          polledMs: polling[i].polledMs,
          descheduledMs: polling[i].descheduledMs,
        },
        now,
      );
      Atomics.store(worker.slot, SPIN_US, worker.health.contended() ? 0 : WORKER_SPIN_MS * 1000);
    });
    // A chunk no thread could run (it writes nothing then) runs here.
    for (let c = 0; c < chunks.length; c++) {
      if (chunkDone(this.job, jobNumber, c)) continue;
      call(kernel, chunks[c]);
      if (publish !== undefined) call(publish, chunks[c]);
    }
  }

  /** Whether kernels are launched (launch) rather than split where splitting pays only with awake workers. */
  launching(): boolean {
    return this.wasm.launcher?.active() ?? false;
  }

  /**
   * Posts `kernel(...args)` to the queue of launched kernels (kernel_queue.ts), which the first worker runs
   * in order, and returns at once with the function that waits for every posted kernel (SimdWasm.launch);
   * or null where no worker should take it: setThreadCount(1), a worker not ready, sitting out, or on a busy
   * machine (it does not poll between jobs then). The calling thread goes on with JavaScript meanwhile, so
   * this pays where JavaScript runs between kernels (a model run eagerly). A sleeping worker is woken; until
   * it is, the waiting function runs the kernels here.
   */
  launch(kernel: ExportName, args: readonly number[]): (() => void) | null {
    if (this.disposed || args.length > CHUNK_ARGS || currentThreadCount() < 2) return null;
    const worker = this.workers[0];
    const now = performance.now();
    if (
      worker === undefined ||
      Atomics.load(worker.slot, STATE) !== READY ||
      !worker.health.enlistable(now) ||
      worker.health.contended() ||
      this.workersWithACore(now, 1) < 1
    ) {
      return null;
    }
    while (!this.queue.hasRoom()) this.waitForQueue();
    this.queue.post(this.exportIndex.get(kernel)!, args);
    // A job number that names no job wakes the worker (or keeps it from sleeping) for the queue.
    this.jobNumber = this.jobNumber >= MAX_JOB ? 1 : this.jobNumber + 1;
    Atomics.store(worker.slot, GO, this.jobNumber);
    Atomics.notify(worker.slot, GO);
    return this.finishQueue;
  }

  /** Kernels launched so far (launch). */
  launchedKernels(): number {
    return this.queue.posted();
  }

  /** Waits until every launched kernel has run (running them here while the worker has not taken them). */
  private readonly finishQueue = (): void => {
    const failures = this.queue.failures();
    while (this.queue.done() < this.queue.posted()) this.waitForQueue();
    if (this.queue.failures() !== failures) {
      const name = this.exportNames[this.queue.lastFailedKernel()];
      throw new Error(`Backend 'simd': the kernel '${name}' failed on a worker thread.`);
    }
  };

  /** Runs the next launched kernel here if it may, else waits until the one running is done. */
  private waitForQueue(): void {
    const done = this.queue.done();
    if (done === this.queue.posted() || this.queue.runNext(this.runQueued)) return;
    awaitChange(this.queue.words, DONE, done, this.canBlock, MAIN_SPIN_MS);
  }

  private readonly runQueued = (kernelIndex: number, args: number[]): void => {
    this.wasm.callLaunched(this.exportNames[kernelIndex] as ExportName, args);
  };

  /** Of `wanted` workers, those that may run beside other processes' CPU use, where the system tells it. */
  private workersWithACore(now: number, wanted: number): number {
    if (this.otherLoad == null || !countingOtherLoad()) return wanted;
    const used = this.otherLoad.coresUsed(now);
    if (used != null) this.otherCores = used;
    return workersBesideOtherLoad(wanted, this.otherLoad.cores, this.otherCores);
  }

  /** How long `worker` polled since this was last asked, and for how much of it it was descheduled (ms). */
  private pollingSinceLastJob(worker: Worker): { polledMs: number; descheduledMs: number } {
    const polled = worker.slotTimes[POLLED_MS];
    const descheduled = worker.slotTimes[DESCHEDULED_MS_TOTAL];
    const since = { polledMs: polled - worker.polledSeen, descheduledMs: descheduled - worker.descheduledSeen };
    worker.polledSeen = polled;
    worker.descheduledSeen = descheduled;
    return since;
  }

  /**
   * This thread has taken its last chunk: it polls until the job completes or `lateAt` (performance.now()),
   * then runs here every chunk still unsettled (`takeOver`), the first thread to finish one publishing it.
   * Returns which workers were running a chunk when it took over.
   */
  private takeOverLateChunks(
    jobNumber: number,
    enlisted: Worker[],
    lateAt: number,
    takeOver: (chunk: number) => void,
  ): boolean[] {
    const count = Atomics.load(this.job, COUNT);
    while (Atomics.load(this.job, COMPLETED) < count) {
      if (performance.now() < lateAt) continue;
      const late = enlisted.map((worker) => Atomics.load(worker.slot, RUNNING) !== 0);
      for (let c = 0; c < count; c++) if (chunkOpen(this.job, jobNumber, c)) takeOver(c);
      return late;
    }
    return enlisted.map(() => false);
  }

  /**
   * Block number `index` of the pool's shared blocks, at least `bytes` long: for what all threads read
   * during a caller's jobs (a product's packed operands). Kept for the pool's life and grown on demand, so a
   * training step does not allocate and free megabytes per product; valid until the next call with the same
   * index.
   */
  sharedBlock(index: number, bytes: number): number {
    const block = this.sharedBlocks[index] ?? (this.sharedBlocks[index] = { ptr: 0, bytes: 0 });
    if (block.bytes < bytes) {
      this.wasm.free(block.ptr);
      block.ptr = 0;
      block.bytes = 0;
      block.ptr = this.wasm.alloc(bytes);
      block.bytes = bytes;
    }
    return block.ptr;
  }

  /** Stops every worker: they leave their loop, and are terminated. */
  dispose(): void {
    if (this.disposed) return;
    this.wasm.settle();
    this.disposed = true;
    // forEach: the array may have holes (a product with B packed beforehand asks for packed A's block only).
    this.sharedBlocks.forEach((block) => this.wasm.free(block.ptr));
    this.sharedBlocks.length = 0;
    Atomics.store(this.job, JOB, QUIT);
    for (const worker of this.workers) {
      Atomics.store(worker.slot, GO, QUIT);
      Atomics.notify(worker.slot, GO);
      this.stop(worker);
    }
  }

  /**
   * Marks at most `helpers` ready workers (not sitting out) enlisted in the next job, the others not
   * (setThreadCount lowered, or benched); gives the enlisted ones scratch blocks of `scratchBytes`.
   */
  private enlist(helpers: number, scratchBytes: number): Worker[] {
    const now = performance.now();
    helpers = this.workersWithACore(now, helpers);
    const enlisted: Worker[] = [];
    for (const worker of this.workers) {
      const enlist =
        enlisted.length < helpers && Atomics.load(worker.slot, STATE) === READY && worker.health.enlistable(now);
      if (enlist) {
        if (scratchBytes > 0) this.ensureScratch(worker, scratchBytes);
        Atomics.store(worker.slot, TAKEN, 0);
        enlisted.push(worker);
      }
      Atomics.store(worker.slot, ENLISTED, enlist ? 1 : 0);
    }
    return enlisted;
  }

  /**
   * No job is in flight here (the last one completed), so no worker uses its old block, but for one late
   * from a chunk this thread took over: it is let finish first.
   */
  private ensureScratch(worker: Worker, bytes: number): void {
    if (worker.scratchBytes >= bytes) return;
    while (Atomics.load(worker.slot, RUNNING) !== 0) {
      if (this.canBlock) Atomics.wait(worker.slot, RUNNING, 1, 0.1);
    }
    Atomics.store(worker.slot, SCRATCH, 0);
    this.wasm.free(worker.scratch);
    worker.scratch = 0;
    worker.scratchBytes = 0;
    worker.scratch = this.wasm.alloc(bytes);
    worker.scratchBytes = bytes;
    Atomics.store(worker.slot, SCRATCH_BYTES, bytes);
    Atomics.store(worker.slot, SCRATCH, worker.scratch);
  }

  private start(): void {
    const slotBuffer = new SharedArrayBuffer(SLOT_WORDS * 4);
    new Int32Array(slotBuffer)[SPIN_US] = WORKER_SPIN_MS * 1000;
    const worker: Worker = {
      slot: new Int32Array(slotBuffer),
      slotTimes: new Float64Array(slotBuffer),
      polledSeen: 0,
      descheduledSeen: 0,
      health: new WorkerHealth(),
      handle: null,
      scratch: 0,
      scratchBytes: 0,
    };
    this.workers.push(worker);
    const fail = () => Atomics.store(worker.slot, STATE, FAILED);
    const { module, memory } = this.wasm.threads;
    spawnThread(
      { module, memory, job: this.jobBuffer, slot: slotBuffer, queue: this.queue.words.buffer as SharedArrayBuffer },
      fail,
    ).then((handle) => {
      worker.handle = handle;
      if (this.disposed) this.stop(worker);
    }, fail);
  }

  private stop(worker: Worker): void {
    worker.handle?.terminate();
    worker.handle = null;
  }
}
