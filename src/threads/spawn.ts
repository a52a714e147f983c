// Starts one worker thread running src/threads/worker.ts: worker_threads in Node (unreferenced, so that a
// script exits without disposing the backend), a module Web Worker elsewhere (Deno, Bun, browsers).
import type { ThreadInit } from './control.js';

export interface ThreadHandle {
  terminate(): void;
}

const WORKER_URL = new URL('./worker.js', import.meta.url);

function isNode(): boolean {
  const versions = (globalThis as { process?: { versions?: Record<string, string> } }).process?.versions;
  return versions?.node != null && versions.bun == null && !('Deno' in globalThis);
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
  if (isNode()) {
    const { Worker } = await import('node:worker_threads');
    const worker = new Worker(WORKER_URL, { workerData: init });
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
