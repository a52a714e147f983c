// What a thread pool's public statistics say about the jobs it ran.

/**
 * Jobs the pool's workers were enlisted in since its last resetWorkerHealth(), summed over the workers
 * (0: everything ran on the calling thread).
 * @param {import('../../dist/threads/pool.js').ThreadPool} pool
 */
export const jobsSinceReset = (pool) => pool.workerStats().reduce((sum, worker) => sum + worker.jobs, 0);

/**
 * Workers enlisted in at least one job since the pool's last resetWorkerHealth().
 * @param {import('../../dist/threads/pool.js').ThreadPool} pool
 */
export const workersEnlisted = (pool) => pool.workerStats().filter((worker) => worker.jobs > 0).length;

/**
 * Makes 'simd' run its threaded build with 2 threads, its workers enlisted however busy the machine is: the build
 * is chosen when a backend is made, so 'simd' is made anew if an earlier test file made it with one thread.
 */
export async function useThreadedSimd() {
  const { onBackend, simd, simdBackend, tf } = await import('./setup.mjs');
  // The workers run whatever else keeps the machine busy: these tests are about results and the pool's rules.
  const { countOtherLoad } = await import('../../dist/threads/other_load.js');
  countOtherLoad(false);
  simd.setThreadCount(2);
  const hasPool = await onBackend('simd', () => simdBackend().threadPool != null);
  if (!hasPool) {
    const factory = tf.findBackendFactory('simd');
    tf.removeBackend('simd');
    tf.registerBackend('simd', factory, 3);
  }
}

/**
 * Runs `fn` on 'simd' with `count` threads, then back to 2.
 * @template T
 * @param {number} count
 * @param {() => T | Promise<T>} fn
 * @returns {Promise<T>}
 */
export async function withThreads(count, fn) {
  const { onBackend, simd } = await import('./setup.mjs');
  simd.setThreadCount(count);
  try {
    return await onBackend('simd', fn);
  } finally {
    simd.setThreadCount(2);
  }
}
