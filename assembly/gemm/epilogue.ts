// What happens to a finished output value on its way to memory: optional bias, then an activation.
// Bias and prelu weights are broadcast over the output: element (i, j) sits at ptr + i·rowStride + j·colStride
// (strides in bytes; colStride is 0 or 4, rowStride anything, 0 when broadcast along rows).

export const ACTIVATION_LINEAR: i32 = 0;
export const ACTIVATION_RELU: i32 = 1;
export const ACTIVATION_RELU6: i32 = 2;
export const ACTIVATION_ELU: i32 = 3;
export const ACTIVATION_LEAKYRELU: i32 = 4;
export const ACTIVATION_PRELU: i32 = 5;
export const ACTIVATION_SIGMOID: i32 = 6;

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

// Same formulas as tfjs-backend-cpu (which computes exp in float64).
@inline
function elu(x: f32): f32 {
  return x >= 0 ? x : <f32>(Math.exp(<f64>x) - 1);
}

@inline
function sigmoid(x: f32): f32 {
  return <f32>(1 / (1 + Math.exp(-<f64>x)));
}

/** Bias and activation of output (i, j). */
export function finishScalar(x: f32, i: i32, j: i32): f32 {
  if (biasPtr != 0) x += broadcastLoadScalar(biasPtr, biasRowStride, biasColStride, i, j);
  switch (activation) {
    case ACTIVATION_RELU: return max<f32>(0, x);
    case ACTIVATION_RELU6: return min<f32>(max<f32>(0, x), 6);
    case ACTIVATION_ELU: return elu(x);
    case ACTIVATION_LEAKYRELU: return x < 0 ? leakyAlpha * x : x;
    case ACTIVATION_PRELU:
      return x < 0 ? broadcastLoadScalar(preluPtr, preluRowStride, preluColStride, i, j) * x : x;
    case ACTIVATION_SIGMOID: return sigmoid(x);
    default: return x;
  }
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

/** activation `act` of four values that have their bias; `slope` is the negative side's (leakyrelu, prelu). */
@inline
export function activateVector(v: v128, act: i32, slope: v128): v128 {
  const zero = f32x4.splat(0);
  switch (act) {
    case ACTIVATION_LINEAR: return v;
    // WebAssembly's min and max propagate NaN and order -0 < +0, like Math.min and Math.max.
    case ACTIVATION_RELU: return f32x4.max(zero, v);
    case ACTIVATION_RELU6: return f32x4.min(f32x4.max(zero, v), f32x4.splat(6));
    case ACTIVATION_LEAKYRELU:
    case ACTIVATION_PRELU:
      return v128.bitselect(f32x4.mul(v, slope), v, f32x4.lt(v, zero));
    default: {
      // elu and sigmoid need exp: lane by lane, still on the way to memory.
      let out = v;
      out = f32x4.replace_lane(out, 0, activateScalar(act, f32x4.extract_lane(v, 0)));
      out = f32x4.replace_lane(out, 1, activateScalar(act, f32x4.extract_lane(v, 1)));
      out = f32x4.replace_lane(out, 2, activateScalar(act, f32x4.extract_lane(v, 2)));
      out = f32x4.replace_lane(out, 3, activateScalar(act, f32x4.extract_lane(v, 3)));
      return out;
    }
  }
}

/** The exp-based activations, on a value that already has its bias. */
function activateScalar(act: i32, x: f32): f32 {
  return act == ACTIVATION_ELU ? elu(x) : sigmoid(x);
}
