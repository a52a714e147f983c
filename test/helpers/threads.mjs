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
