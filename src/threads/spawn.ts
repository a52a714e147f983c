// Starts one worker thread running src/threads/worker.ts: with node:worker_threads wherever it exists
// (Node, Deno, Bun), unreferenced so that a script exits without disposing the backend (Deno's Web Workers
// would keep the process alive); a module Web Worker in browsers. The browser path names the script as
// `new URL('./worker.js', import.meta.url)`, which Vite and webpack emit as an asset and rewrite: the
// script is self-contained (scripts/bundle.mjs), so it runs as emitted.

import { nodeBuiltin } from '../node_builtin.js';
import { besideThisScript } from '../script_url.js';
import type { ThreadInit } from './control.js';

export interface ThreadHandle {
  terminate(): void;
}

type WorkerThreads = typeof import('node:worker_threads');

/** node:worker_threads, where the runtime has it: Node, and Deno and Bun (which report the Node version they match). */
function workerThreads(): WorkerThreads | undefined {
  if ((globalThis as { process?: { versions?: Record<string, string> } }).process?.versions?.node == null)
    return undefined;
  return nodeBuiltin<WorkerThreads>('node:worker_threads');
}

/** The worker script's name beside this module (a variable: only the browser path is for bundlers to see). */
const WORKER_SCRIPT = './worker.js';

/**
 * Starts a worker; `onFail` runs if it cannot load or dies (it then never becomes ready). The worker is
 * created before this returns: a training loop that never yields to the event loop (nor runs its
 * microtasks) would otherwise never see its workers start.
 */
export async function spawnThread(init: ThreadInit, onFail: () => void): Promise<ThreadHandle> {
  const threads = workerThreads();
  return threads != null ? startNodeWorker(threads.Worker, init, onFail) : startWebWorker(init, onFail);
}

function startNodeWorker(NodeWorker: WorkerThreads['Worker'], init: ThreadInit, onFail: () => void): ThreadHandle {
  // None of the parent's options: some fail a worker (--input-type of node -e, V8 flags such as --expose-gc),
  // and the worker needs none (V8 flags are per process anyway).
  const worker = new NodeWorker(new URL(WORKER_SCRIPT, import.meta.url), { workerData: init, execArgv: [] });
  worker.unref();
  worker.on('error', onFail);
  return { terminate: () => void worker.terminate() };
}

function startWebWorker(init: ThreadInit, onFail: () => void): ThreadHandle {
  if (typeof Worker === 'undefined') throw new Error('no Worker in this runtime');
  // The URL is made here, not at load: bundles for hosts without workers (Cloudflare) have no import.meta.url.
  const worker = new Worker(
    besideThisScript('worker.js', () => new URL('./worker.js', import.meta.url)),
    { type: 'module' },
  );
  worker.onerror = onFail;
  worker.postMessage(init);
  return { terminate: () => worker.terminate() };
}
