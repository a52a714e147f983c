// How many threads the kernels may use: setThreadCount(n), else every core the runtime reports.
import { nodeBuiltin } from '../node_builtin.js';

let requested: number | null = null;

/**
 * Sets how many threads (the calling one included) matrix products are split over. 1 turns threads off.
 * Backends made from then on pick their build by it (more than 1: the threaded build, where the runtime has
 * shared memory); running backends with threads follow it from their next product on, up to any count.
 */
export function setThreadCount(count: number): void {
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`setThreadCount: expected an integer >= 1, got ${String(count)}.`);
  }
  requested = count;
}

let cores: number | null = null;

/** Cores the runtime reports: navigator.hardwareConcurrency (browsers, Deno, Bun, Node >= 21), else node:os. */
function detectCores(): number {
  const fromNavigator = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  if (typeof fromNavigator === 'number' && fromNavigator >= 1) return fromNavigator;
  const os = nodeBuiltin<typeof import('node:os')>('node:os');
  if (os == null) return 1;
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length || 1;
}

/** The thread count asked for: setThreadCount's, else the core count (known once requestedThreadCount ran). */
export function currentThreadCount(): number {
  return requested ?? cores ?? 1;
}

/** The thread count asked for, detecting the core count on first use. */
export function requestedThreadCount(): number {
  if (requested == null && cores == null) cores = detectCores();
  return currentThreadCount();
}
