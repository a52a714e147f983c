// Starts one worker thread running src/threads/worker.ts: with node:worker_threads wherever it exists
// (Node, Deno, Bun), unreferenced so that a script exits without disposing the backend (Deno's Web Workers
// would keep the process alive); a module Web Worker in browsers.
import type { ThreadInit } from './control.js';

export interface ThreadHandle {
  terminate(): void;
}

const WORKER_URL = new URL('./worker.js', import.meta.url);

/** Whether node:worker_threads exists: Node, and Deno and Bun (which report the Node version they match). */
export function hasWorkerThreads(): boolean {
  return (globalThis as { process?: { versions?: Record<string, string> } }).process?.versions?.node != null;
}

interface WebWorker {
  postMessage(message: unknown): void;
  terminate(): void;
  unref?(): void;
  onerror: ((event: unknown) => void) | null;
}
type WebWorkerConstructor = new (url: URL, options: { type: 'module' }) => WebWorker;

/** Starts a worker; `onFail` runs if it cannot load or dies (it then never becomes ready). */
export async function spawnThread(init: ThreadInit, onFail: () => void): Promise<ThreadHandle> {
  if (hasWorkerThreads()) {
    const { Worker } = await import('node:worker_threads');
    // The parent's Node options, but --input-type, which fails a worker started from a file (node -e …).
    const execArgv = process.execArgv.filter((option) => !option.startsWith('--input-type'));
    const worker = new Worker(WORKER_URL, { workerData: init, execArgv });
    worker.unref();
    worker.on('error', onFail);
    return { terminate: () => void worker.terminate() };
  }
  const WorkerClass = (globalThis as { Worker?: WebWorkerConstructor }).Worker;
  if (WorkerClass == null) throw new Error('no Worker in this runtime');
  const worker = new WorkerClass(WORKER_URL, { type: 'module' });
  worker.unref?.();
  worker.onerror = onFail;
  worker.postMessage(init);
  return { terminate: () => worker.terminate() };
}
