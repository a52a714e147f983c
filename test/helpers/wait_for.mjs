// @ts-check
// Waiting on a condition with a deadline, instead of sleeping a fixed time and hoping it was long enough.

/**
 * Polls `condition` (sync or async) every `intervalMs`, leaving the event loop free in between, until it
 * returns a truthy value, which is returned. Throws, naming `what`, if that has not happened by `timeoutMs`.
 * @template T
 * @param {() => T | Promise<T>} condition
 * @param {{ timeoutMs?: number, intervalMs?: number, what: string }} options
 * @returns {Promise<T>}
 */
export async function waitFor(condition, { timeoutMs = 5000, intervalMs = 5, what }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
