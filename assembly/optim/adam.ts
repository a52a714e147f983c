// Adam's update of one variable in one sweep over g, m, v and the parameter p (Kingma & Ba):
//   m' = β1·m + (1−β1)·g
//   v' = β2·v + (1−β2)·g²
//   p' = p + (−lr)·( (m' / (1−β1ᵗ)) / (√(v' / (1−β2ᵗ)) + ε) )
// Each operation rounds to float32 once, in the order tfjs's AdamOptimizer runs its separate ops, and no
// multiply-add is fused: the results are bit for bit those of the composite on 'cpu'.
import { F32_BYTES, loadLanes, storeLanes } from '../simd/lanes';

// @ts-ignore: decorator
@inline function adamLanes(
  g: usize, m: usize, v: usize, p: usize, mOut: usize, vOut: usize, pOut: usize, o: usize, lanes: i32,
  beta1: v128, oneMinusBeta1: v128, beta2: v128, oneMinusBeta2: v128,
  oneMinusAccBeta1: v128, oneMinusAccBeta2: v128, epsilon: v128, negLearningRate: v128): void {
  const grad = loadLanes(g + o, lanes);
  const m1 = f32x4.add(f32x4.mul(loadLanes(m + o, lanes), beta1), f32x4.mul(grad, oneMinusBeta1));
  const v1 = f32x4.add(f32x4.mul(loadLanes(v + o, lanes), beta2), f32x4.mul(f32x4.mul(grad, grad), oneMinusBeta2));
  const mHat = f32x4.div(m1, oneMinusAccBeta1);
  const vHat = f32x4.div(v1, oneMinusAccBeta2);
  const step = f32x4.mul(f32x4.div(mHat, f32x4.add(f32x4.sqrt(vHat), epsilon)), negLearningRate);
  storeLanes(mOut + o, m1, lanes);
  storeLanes(vOut + o, v1, lanes);
  storeLanes(pOut + o, f32x4.add(step, loadLanes(p + o, lanes)), lanes);
}

/**
 * New m, v and parameter of n float32 values. The outputs may not alias the inputs (each is read once,
 * before its output is written, so aliasing would also be correct, but tensors are immutable in tfjs).
 */
export function optim_adam_f32(
  g: usize, m: usize, v: usize, p: usize, mOut: usize, vOut: usize, pOut: usize, n: i32,
  beta1: f32, oneMinusBeta1: f32, beta2: f32, oneMinusBeta2: f32,
  oneMinusAccBeta1: f32, oneMinusAccBeta2: f32, epsilon: f32, negLearningRate: f32): void {
  const b1 = f32x4.splat(beta1);
  const c1 = f32x4.splat(oneMinusBeta1);
  const b2 = f32x4.splat(beta2);
  const c2 = f32x4.splat(oneMinusBeta2);
  const a1 = f32x4.splat(oneMinusAccBeta1);
  const a2 = f32x4.splat(oneMinusAccBeta2);
  const eps = f32x4.splat(epsilon);
  const lr = f32x4.splat(negLearningRate);
  let i = 0;
  for (; i + 4 <= n; i += 4) adamLanes(g, m, v, p, mOut, vOut, pOut, <usize>i * F32_BYTES, 4, b1, c1, b2, c2, a1, a2, eps, lr);
  for (; i < n; i++) adamLanes(g, m, v, p, mOut, vOut, pOut, <usize>i * F32_BYTES, 1, b1, c1, b2, c2, a1, a2, eps, lr);
}
