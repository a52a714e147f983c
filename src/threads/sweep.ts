// Element-wise sweeps split over threads: a kernel of the form kernel(...pointers, n, ...scalars), whose
// element i reads and writes only element i of each array (4-byte elements; an operand broadcast along the
// sweep has stride 0), runs on ranges of the arrays, every pointer moved to the range's start. The results
// are those of one sweep, bit for bit. A sweep is cut into several ranges per thread (split_policy.ts,
// chunksFor), taken by whichever thread is free. Sweeps too short to pay for the hand-over run on this thread.

import type { ExportName } from '../wasm/export_types.js';
import type { SimdWasm } from '../wasm/module.js';
import type { ThreadPool } from './pool.js';
import { cutRange } from './ranges.js';
import { chunksFor, helpersFor, type SplitThreshold } from './split_policy.js';

/** Ranges start on 64-byte boundaries (16 elements): no two threads write to one cache line. */
const ALIGN = 16;
const BYTES = 4;

/**
 * Elements per thread from which splitting a cheap sweep (an add: memory-bound, ~0.2 ns per element) pays;
 * dearer ones (exp, tanh) pay earlier. Measured on 2 cores, split in 2 ÷ one thread (bench/suites/threads.mjs,
 * "Add of … values on the kernel"): with the worker awake, 32k values 0.8×, 64k 1.4×, 256k 1.7×; with the
 * worker asleep (woken after 5 ms idle), even 1M values 0.8×.
 */
export const SWEEP_SPLIT: SplitThreshold = { awake: 1 << 15, asleep: 1 << 21 };

/**
 * kernel(...pointers, n, ...scalars) over n elements, on as many threads as pay off (`threshold`: elements
 * per thread); `strides[i]` is 1 (the default) for an operand read or written element by element, 0 for one
 * broadcast.
 */
export function elementwiseSweep(
  wasm: SimdWasm,
  pool: ThreadPool | null,
  kernel: ExportName,
  pointers: number[],
  n: number,
  scalars: number[],
  threshold: SplitThreshold,
  strides?: number[],
): void {
  const workers = helpersFor(pool, n, threshold);
  if (workers === 0) {
    wasm.call(kernel, [...pointers, n, ...scalars]);
    return;
  }
  const parts = chunksFor(n, workers + 1, threshold.awake / 2);
  pool!.run(kernel, splitRange(pointers, n, scalars, parts, strides), workers);
}

/** Cuts [0, n) into at most `parts` ranges of whole 64-byte lines, as argument lists of the kernel. */
export function splitRange(
  pointers: number[],
  n: number,
  scalars: number[],
  parts: number,
  strides?: number[],
): number[][] {
  return cutRange(n, parts, ALIGN).map(([start, size]) => [
    ...pointers.map((ptr, i) => ptr + start * (strides?.[i] ?? 1) * BYTES),
    size,
    ...scalars,
  ]);
}
