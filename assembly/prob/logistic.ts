// The pass both logistic forward kernels (sigmoid cross-entropy, Bernoulli log-likelihood) start each row or
// block with.
import { expNegAbs } from '../math/logistic';
import { F32_BYTES, loadLanes, storeLanes } from '../simd/lanes';

/** e[0..n) = exp(−|l[0..n)|). */
export function expNegAbsRow(l: usize, e: usize, n: i32): void {
  let j = 0;
  for (; j + 4 <= n; j += 4) v128.store(e + <usize>j * F32_BYTES, expNegAbs(v128.load(l + <usize>j * F32_BYTES)));
  for (; j < n; j++) storeLanes(e + <usize>j * F32_BYTES, expNegAbs(loadLanes(l + <usize>j * F32_BYTES, 1)), 1);
}
