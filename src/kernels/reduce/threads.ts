// Reductions split over threads: reduce_f32 / reduce_i32 fold the middle axis of an [outer, n, inner] view,
// and each output depends on one of the `outer` blocks only, so shares are runs of whole blocks (the same
// call on fewer blocks, pointers moved to the first), several per thread (chunksFor). The results are those
// of one call, bit for bit.
// Reductions with one block (a sum over every element, or down the rows of a matrix) stay on one thread.

import type { ThreadPool } from '../../threads/pool.js';
import { cutRange } from '../../threads/ranges.js';
import { chunksFor, helpersFor } from '../../threads/split_policy.js';
import { SWEEP_SPLIT } from '../../threads/sweep.js';
import type { SimdWasm } from '../../wasm/module.js';

const BYTES = 4;

/**
 * kernel(op, x, out, outer, n, inner, divisor) on as many threads as pay off (the thresholds of a cheap
 * element-wise sweep, per element read). reduce_i32 takes no divisor: pass undefined.
 */
export function reduceAlongMiddle(
  wasm: SimdWasm,
  pool: ThreadPool | null,
  kernel: 'reduce_f32' | 'reduce_i32',
  op: number,
  x: number,
  out: number,
  outer: number,
  n: number,
  inner: number,
  divisor?: number,
): void {
  const workers = Math.min(outer - 1, helpersFor(pool, outer * n * inner, SWEEP_SPLIT));
  if (workers <= 0) {
    // Called by name, with no argument list built: most reductions are small, and this runs for each.
    const work = outer * n * inner;
    if (kernel === 'reduce_f32') wasm.launch('reduce_f32', [op, x, out, outer, n, inner, divisor ?? 1], work);
    else wasm.launch('reduce_i32', [op, x, out, outer, n, inner], work);
    return;
  }
  const tail = divisor == null ? [] : [divisor];
  const parts = chunksFor(outer * n * inner, workers + 1, SWEEP_SPLIT.awake / 2);
  const shares = cutRange(outer, parts).map(([o0, blocks]) => [
    op,
    x + o0 * n * inner * BYTES,
    out + o0 * inner * BYTES,
    blocks,
    n,
    inner,
    ...tail,
  ]);
  pool!.run(kernel, shares, workers);
}
