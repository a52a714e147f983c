// Element-wise sweeps split over threads: a kernel of the form kernel(...pointers, n, ...scalars), whose
// element i reads and writes only element i of each array, runs on ranges of the arrays, every pointer
// moved to the range's start. The results are those of one sweep, bit for bit. Sweeps too short to pay for
// the hand-over run on this thread.
import type { ThreadPool } from './pool.js';
import type { SharedKernel } from './control.js';
import { helpersFor, SplitThreshold } from './split_policy.js';
import type { SimdWasm } from '../wasm/module.js';

/** Ranges start on 64-byte boundaries (16 float32): no two threads write to one cache line. */
const ALIGN = 16;
const F32 = 4;

/**
 * kernel(...pointers, n, ...scalars) over n float32 elements, on as many threads as pay off (`threshold`:
 * elements per thread).
 */
export function elementwiseF32(
  wasm: SimdWasm, pool: ThreadPool | null, kernel: SharedKernel, pointers: number[], n: number, scalars: number[],
  threshold: SplitThreshold,
): void {
  const workers = helpersFor(pool, n, threshold);
  if (workers === 0) {
    wasm.kernels[kernel](...pointers, n, ...scalars);
    return;
  }
  pool!.run(kernel, splitRange(pointers, n, scalars, workers + 1), workers);
}

/** Cuts [0, n) into at most `parts` ranges of whole 64-byte lines, as argument lists of the kernel. */
export function splitRange(pointers: number[], n: number, scalars: number[], parts: number): number[][] {
  const step = Math.ceil(Math.ceil(n / ALIGN) / parts) * ALIGN;
  const chunks: number[][] = [];
  for (let start = 0; start < n; start += step) {
    const size = Math.min(step, n - start);
    chunks.push([...pointers.map((ptr) => ptr + start * F32), size, ...scalars]);
  }
  return chunks;
}
