// Sigmoid cross-entropy with logits, element-wise, in TensorFlow's stable form
//   loss = max(x, 0) − x·z + log(1 + exp(−|x|))      (x: logits, z: labels)
// and its gradient: ∂/∂x = sigmoid(x) − z, ∂/∂z = −x, with sigmoid from the same exp(−|x|).
import { log1pUnitV } from '../math/log';
import { expNegAbs, sigmoidFromExp } from '../math/logistic';
import { F32_BYTES, loadLanes, storeLanes } from '../simd/lanes';
import { expNegAbsRow } from './logistic';

/** The loss from z, x and e = exp(−|x|). */
// @ts-ignore: decorator
@inline function loss(z: v128, x: v128, e: v128): v128 {
  const softplusTail = log1pUnitV(e);
  // pmax(x, 0) is max(x, 0) in one x86 instruction, and keeps a NaN x (its first operand).
  return f32x4.add(f32x4.sub(f32x4.pmax(x, f32x4.splat(0)), f32x4.mul(x, z)), softplusTail);
}

/** Elements per block of the two passes: the block's e stays in L1 between them. */
const BLOCK: i32 = 1024;

/**
 * In blocks, two passes each: e = exp(−|x|) into `out`, then the loss from it in place. Two short loops overlap
 * their independent iterations better than one long one (see bernoulli.ts).
 */
export function prob_sigmoid_cross_entropy_f32(labels: usize, logits: usize, out: usize, size: i32): void {
  for (let start = 0; start < size; start += BLOCK) {
    const end = min(start + BLOCK, size);
    expNegAbsRow(logits + <usize>start * F32_BYTES, out + <usize>start * F32_BYTES, end - start);
    let i = start;
    for (; i + 4 <= end; i += 4) {
      const o = <usize>i * F32_BYTES;
      v128.store(out + o, loss(v128.load(labels + o), v128.load(logits + o), v128.load(out + o)));
    }
    for (; i < end; i++) {
      const o = <usize>i * F32_BYTES;
      storeLanes(out + o, loss(loadLanes(labels + o, 1), loadLanes(logits + o, 1), loadLanes(out + o, 1)), 1);
    }
  }
}

export function prob_sigmoid_cross_entropy_grad_f32(
  labels: usize, logits: usize, dy: usize, dLabels: usize, dLogits: usize, size: i32): void {
  let i = 0;
  for (; i + 4 <= size; i += 4) gradStep(labels, logits, dy, dLabels, dLogits, <usize>i * F32_BYTES, 4);
  for (; i < size; i++) gradStep(labels, logits, dy, dLabels, dLogits, <usize>i * F32_BYTES, 1);
}

// @ts-ignore: decorator
@inline function gradStep(
  labels: usize, logits: usize, dy: usize, dLabels: usize, dLogits: usize, o: usize, lanes: i32): void {
  const z = loadLanes(labels + o, lanes);
  const x = loadLanes(logits + o, lanes);
  const g = loadLanes(dy + o, lanes);
  const sigmoid = sigmoidFromExp(x, expNegAbs(x));
  storeLanes(dLogits + o, f32x4.mul(f32x4.sub(sigmoid, z), g), lanes);
  storeLanes(dLabels + o, f32x4.mul(f32x4.neg(x), g), lanes);
}
