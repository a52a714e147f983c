// Whether new backends guard their memory (red zones around every block, checked after every kernel):
// tf.env().set('SIMD_GUARD_MEMORY', true), or TFJS_SIMD_GUARD_MEMORY=1 in the environment of the process.
import { env } from '@tensorflow/tfjs-core';

export const GUARD_MEMORY_FLAG = 'SIMD_GUARD_MEMORY';

function fromProcessEnvironment(): boolean {
  try {
    const vars = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
    const value = vars?.TFJS_SIMD_GUARD_MEMORY;
    return value != null && value !== '' && value !== '0' && value !== 'false';
  } catch {
    return false; // a runtime that denies access to its environment
  }
}

env().registerFlag(GUARD_MEMORY_FLAG, fromProcessEnvironment);

/** Whether a backend created now guards its memory. */
export function guardedMemoryWanted(): boolean {
  return env().getBool(GUARD_MEMORY_FLAG);
}
