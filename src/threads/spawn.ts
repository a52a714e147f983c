// Starts one worker thread running src/threads/worker.ts: with node:worker_threads wherever it exists
// (Node, Deno, Bun), unreferenced so that a script exits without disposing the backend (Deno's Web Workers
// would keep the process alive); a module Web Worker in browsers.
import type { ThreadInit } from './control.js';

export interface ThreadHandle {
  terminate(): void;
}

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

type WorkerThreads = typeof import('node:worker_threads');

/**
 * node:worker_threads now, where the runtime can load it synchronously (getBuiltinModule: Node >= 20.16,
 * Deno, Bun); else null, and it is imported asynchronously.
 */
function workerThreadsNow(): WorkerThreads | null {
  const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  if (typeof runtime?.getBuiltinModule !== 'function') return null;
  return runtime.getBuiltinModule('node:worker_threads') as WorkerThreads;
}

/**
 * Starts a worker; `onFail` runs if it cannot load or dies (it then never becomes ready). The worker is
 * created before this returns wherever the runtime allows: a training loop that never yields to the event
 * loop (nor runs its microtasks) would otherwise never see its workers start.
 */
export async function spawnThread(init: ThreadInit, onFail: () => void): Promise<ThreadHandle> {
  if (!hasWorkerThreads()) return startWebWorker(init, onFail);
  const workerThreads = workerThreadsNow() ?? (await import('node:worker_threads'));
  return startNodeWorker(workerThreads.Worker, init, onFail);
}

function startNodeWorker(Worker: WorkerThreads['Worker'], init: ThreadInit, onFail: () => void): ThreadHandle {
  // None of the parent's options: some fail a worker (--input-type of node -e, V8 flags such as --expose-gc),
  // and the worker needs none (V8 flags are per process anyway).
  const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: init, execArgv: [] });
  worker.unref();
  worker.on('error', onFail);
  return { terminate: () => void worker.terminate() };
}

function startWebWorker(init: ThreadInit, onFail: () => void): ThreadHandle {
  const WorkerClass = (globalThis as { Worker?: WebWorkerConstructor }).Worker;
  if (WorkerClass == null) throw new Error('no Worker in this runtime');
  // The URL is made here, not at load: bundles for hosts without workers (Cloudflare) have no import.meta.url.
  const worker = new WorkerClass(new URL('./worker.js', import.meta.url), { type: 'module' });
  worker.unref?.();
  worker.onerror = onFail;
  worker.postMessage(init);
  return { terminate: () => worker.terminate() };
}
