// The activations a GEMM or a convolution fuses into its output, applied to a value that has its bias, by
// code; and the same activations as marker types, for loops compiled once per activation.

export const ACTIVATION_LINEAR: i32 = 0;
export const ACTIVATION_RELU: i32 = 1;
export const ACTIVATION_RELU6: i32 = 2;
export const ACTIVATION_ELU: i32 = 3;
export const ACTIVATION_LEAKYRELU: i32 = 4;
export const ACTIVATION_PRELU: i32 = 5;
export const ACTIVATION_SIGMOID: i32 = 6;

// Same formulas as tfjs-backend-cpu (which computes exp in float64).
// @ts-ignore: decorator
@inline function elu(x: f32): f32 {
  return x >= 0 ? x : <f32>(Math.exp(<f64>x) - 1);
}

// @ts-ignore: decorator
@inline function sigmoid(x: f32): f32 {
  return <f32>(1 / (1 + Math.exp(-<f64>x)));
}

/** Activation `act` of one value; `slope` is the negative side's (leakyrelu's alpha, the prelu weight). */
export function activateScalar(act: i32, x: f32, slope: f32): f32 {
  switch (act) {
    case ACTIVATION_RELU: return max<f32>(0, x);
    case ACTIVATION_RELU6: return min<f32>(max<f32>(0, x), 6);
    case ACTIVATION_ELU: return elu(x);
    case ACTIVATION_LEAKYRELU:
    case ACTIVATION_PRELU: return x < 0 ? slope * x : x;
    case ACTIVATION_SIGMOID: return sigmoid(x);
    default: return x;
  }
}

/** Activation `act` of four values; `slope` holds the negative side's slopes. */
// @ts-ignore: decorator
@inline export function activateVector(v: v128, act: i32, slope: v128): v128 {
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
      // elu and sigmoid take exp in float64, as the cpu does: lane by lane.
      let out = v;
      out = f32x4.replace_lane(out, 0, activateScalar(act, f32x4.extract_lane(v, 0), 0));
      out = f32x4.replace_lane(out, 1, activateScalar(act, f32x4.extract_lane(v, 1), 0));
      out = f32x4.replace_lane(out, 2, activateScalar(act, f32x4.extract_lane(v, 2), 0));
      out = f32x4.replace_lane(out, 3, activateScalar(act, f32x4.extract_lane(v, 3), 0));
      return out;
    }
  }
}

/**
 * The bias to add before activateBiased: relu and relu6 take +0 for a -0 lane (their outputs are equal, both
 * map either zero to +0), so that sum + bias is never -0 (only -0 + -0 rounds to -0). Others keep it as is.
 */
// @ts-ignore: decorator
@inline export function activationBias(bias: v128, act: i32): v128 {
  return act == ACTIVATION_RELU || act == ACTIVATION_RELU6 ? f32x4.add(bias, f32x4.splat(0)) : bias;
}

/**
 * activateVector of v = sum + activationBias(bias), equal bit for bit: with no -0 to order, relu and relu6 are
 * pseudo-max and pseudo-min (one x86 instruction each, where min and max take seven or eight), and they keep a
 * NaN v (their first operand).
 */
// @ts-ignore: decorator
@inline export function activateBiased(v: v128, act: i32, slope: v128): v128 {
  const zero = f32x4.splat(0);
  if (act == ACTIVATION_RELU) return f32x4.pmax(v, zero);
  if (act == ACTIVATION_RELU6) return f32x4.pmin(f32x4.pmax(v, zero), f32x4.splat(6));
  return activateVector(v, act, slope);
}

// The activations as types (marker classes), so that a loop templated on one is compiled once per activation
// with the activation test folded away; a value would be tested for every stored vector.
export class Linear {}
export class Relu {}
export class Relu6 {}
export class LeakyRelu {}
export class Prelu {}
export class ExpBased {}

/** The activation code of marker type Act (ExpBased: `current`, elu or sigmoid, tested per value). */
// @ts-ignore: decorator
@inline export function activationOf<Act>(current: i32): i32 {
  if (idof<Act>() == idof<Linear>()) return ACTIVATION_LINEAR;
  if (idof<Act>() == idof<Relu>()) return ACTIVATION_RELU;
  if (idof<Act>() == idof<Relu6>()) return ACTIVATION_RELU6;
  if (idof<Act>() == idof<LeakyRelu>()) return ACTIVATION_LEAKYRELU;
  if (idof<Act>() == idof<Prelu>()) return ACTIVATION_PRELU;
  return current;
}
