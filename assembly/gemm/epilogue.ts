// What happens to a finished output value on its way to memory: optional bias, then an activation.
// Bias and prelu weights are broadcast over the output: element (i, j) sits at ptr + i·rowStride + j·colStride
// (strides in bytes; colStride is 0 or 4, rowStride anything, 0 when broadcast along rows).
import { ACTIVATION_LINEAR, ACTIVATION_PRELU, activateScalar, activateVector } from '../activation/activate';

let activation: i32 = ACTIVATION_LINEAR;
let leakyAlpha: f32 = 0;
let biasPtr: usize = 0;
let biasRowStride: usize = 0;
let biasColStride: usize = 0;
let preluPtr: usize = 0;
let preluRowStride: usize = 0;
let preluColStride: usize = 0;

export function setEpilogue(
  act: i32, alpha: f32,
  bias: usize, biasRs: usize, biasCs: usize,
  prelu: usize, preluRs: usize, preluCs: usize,
): void {
  activation = act;
  leakyAlpha = alpha;
  biasPtr = bias;
  biasRowStride = biasRs;
  biasColStride = biasCs;
  preluPtr = prelu;
  preluRowStride = preluRs;
  preluColStride = preluCs;
}

/** Whether finished values need any work beyond being stored. */
@inline
export function hasEpilogue(): bool {
  return biasPtr != 0 || activation != ACTIVATION_LINEAR;
}

@inline
function broadcastLoad(ptr: usize, rowStride: usize, colStride: usize, i: i32, j: i32): v128 {
  const at = ptr + <usize>i * rowStride + <usize>j * colStride;
  return colStride == 0 ? v128.load32_splat(at) : v128.load(at);
}

@inline
function broadcastLoadScalar(ptr: usize, rowStride: usize, colStride: usize, i: i32, j: i32): f32 {
  return load<f32>(ptr + <usize>i * rowStride + <usize>j * colStride);
}

/** Bias and activation of output (i, j). */
export function finishScalar(x: f32, i: i32, j: i32): f32 {
  if (biasPtr != 0) x += broadcastLoadScalar(biasPtr, biasRowStride, biasColStride, i, j);
  const slope = activation == ACTIVATION_PRELU ? broadcastLoadScalar(preluPtr, preluRowStride, preluColStride, i, j)
    : leakyAlpha;
  return activateScalar(activation, x, slope);
}

/** Bias and activation of the `count` (a multiple of 4) stored outputs (i, j…) at c, in place. */
export function finishStored(c: usize, count: i32, i: i32, j: i32): void {
  for (let q = 0; q < count; q += 4) {
    const at = c + <usize>q * 4;
    v128.store(at, finishVector(v128.load(at), i, j + q));
  }
}

/** Bias and activation of outputs (i, j..j+3). */
@inline
export function finishVector(v: v128, i: i32, j: i32): v128 {
  if (biasPtr != 0) v = f32x4.add(v, broadcastLoad(biasPtr, biasRowStride, biasColStride, i, j));
  const slope = activation == ACTIVATION_PRELU ? broadcastLoad(preluPtr, preluRowStride, preluColStride, i, j)
    : f32x4.splat(leakyAlpha);
  return activateVector(v, activation, slope);
}

/** The bias of outputs (0, j..j+3) (zeros without one), for loops that keep it in a register. */
@inline
export function biasVector(j: i32): v128 {
  return biasPtr != 0 ? broadcastLoad(biasPtr, 0, biasColStride, 0, j) : f32x4.splat(0);
}

/** The negative-side slope of outputs (0, j..j+3): prelu weights or leakyrelu's alpha. */
@inline
export function slopeVector(j: i32): v128 {
  return activation == ACTIVATION_PRELU ? broadcastLoad(preluPtr, 0, preluColStride, 0, j) : f32x4.splat(leakyAlpha);
}

/** The activation as last set. */
@inline
export function currentActivation(): i32 {
  return activation;
}
