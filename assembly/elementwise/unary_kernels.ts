// Exported unary kernels: (x, out, n, p0, p1), p0 and p1 being the op's attributes; see unary_loop.ts.
import { BOOL, F32, I32 } from './lanes';
import { unaryLoop } from './unary_loop';
import {
  ABS, ABS_I, CEIL, CLIP, COPY, COS, ELU, ERF, EXP, EXPM1, F32_TO_I32, FLOOR, I32_TO_F32, IS_FINITE, IS_INF, IS_NAN,
  LEAKY_RELU, LOG, LOG1P, NEG, NEG_I, NONZERO, NONZERO_I, NOT, RECIPROCAL, RELU, RELU6, ROUND, RSQRT, SELU, SIGMOID,
  SIGN, SIN, SOFTPLUS, SQRT, SQUARE, STEP, TANH,
} from './unary_ops';

export function neg_f32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(NEG, F32, F32, x, out, n, p0, p1);
}
export function exp_f32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(EXP, F32, F32, x, out, n, p0, p1);
}
export function log_f32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(LOG, F32, F32, x, out, n, p0, p1);
}
export function log1p_f32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(LOG1P, F32, F32, x, out, n, p0, p1);
}
export function expm1_f32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(EXPM1, F32, F32, x, out, n, p0, p1);
}
export function sqrt_f32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(SQRT, F32, F32, x, out, n, p0, p1);
}
export function rsqrt_f32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(RSQRT, F32, F32, x, out, n, p0, p1);
}
export function square_f32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(SQUARE, F32, F32, x, out, n, p0, p1);
}
export function abs_f32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(ABS, F32, F32, x, out, n, p0, p1);
}
export function sign_f32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(SIGN, F32, F32, x, out, n, p0, p1);
}
export function relu_f32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(RELU, F32, F32, x, out, n, p0, p1);
}
export function relu6_f32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(RELU6, F32, F32, x, out, n, p0, p1);
}
export function elu_f32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(ELU, F32, F32, x, out, n, p0, p1);
}
export function selu_f32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(SELU, F32, F32, x, out, n, p0, p1);
}
export function leaky_relu_f32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(LEAKY_RELU, F32, F32, x, out, n, p0, p1);
}
export function sigmoid_f32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(SIGMOID, F32, F32, x, out, n, p0, p1);
}
export function softplus_f32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(SOFTPLUS, F32, F32, x, out, n, p0, p1);
}
export function tanh_f32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(TANH, F32, F32, x, out, n, p0, p1);
}
export function step_f32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(STEP, F32, F32, x, out, n, p0, p1);
}
export function clip_by_value_f32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(CLIP, F32, F32, x, out, n, p0, p1);
}
export function reciprocal_f32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(RECIPROCAL, F32, F32, x, out, n, p0, p1);
}
export function floor_f32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(FLOOR, F32, F32, x, out, n, p0, p1);
}
export function ceil_f32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(CEIL, F32, F32, x, out, n, p0, p1);
}
export function round_f32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(ROUND, F32, F32, x, out, n, p0, p1);
}
export function sin_f32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(SIN, F32, F32, x, out, n, p0, p1);
}
export function cos_f32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(COS, F32, F32, x, out, n, p0, p1);
}
export function erf_f32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(ERF, F32, F32, x, out, n, p0, p1);
}
export function is_nan_f32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(IS_NAN, F32, BOOL, x, out, n, p0, p1);
}
export function is_inf_f32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(IS_INF, F32, BOOL, x, out, n, p0, p1);
}
export function is_finite_f32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(IS_FINITE, F32, BOOL, x, out, n, p0, p1);
}
export function cast_f32_bool(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(NONZERO, F32, BOOL, x, out, n, p0, p1);
}
export function cast_f32_i32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(F32_TO_I32, F32, I32, x, out, n, p0, p1);
}
export function neg_i32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(NEG_I, I32, I32, x, out, n, p0, p1);
}
export function abs_i32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(ABS_I, I32, I32, x, out, n, p0, p1);
}
export function cast_i32_f32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(I32_TO_F32, I32, F32, x, out, n, p0, p1);
}
export function cast_i32_bool(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(NONZERO_I, I32, BOOL, x, out, n, p0, p1);
}
export function cast_bool_i32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(COPY, BOOL, I32, x, out, n, p0, p1);
}
export function cast_bool_f32(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(I32_TO_F32, BOOL, F32, x, out, n, p0, p1);
}
export function logical_not_bool(x: usize, out: usize, n: i32, p0: f32, p1: f32): void {
  unaryLoop(NOT, BOOL, BOOL, x, out, n, p0, p1);
}
