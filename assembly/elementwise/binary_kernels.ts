// Exported binary kernels: (a, b, out, inner, aInc, bInc, outerDims, meta); see binary_loop.ts.
import { binaryLoop } from './binary_loop';
import {
  ADD, ADD_I, AND, DIV, ELU_GRAD, EQ, EQ_I, FLOOR_DIV, FLOOR_DIV_I, GE, GE_I, GT, GT_I, LE, LE_I, LT, LT_I, MAX, MAX_I,
  MIN, MIN_I, MOD, MOD_I, MUL, MUL_I, NE, NE_I, OR, POW, POW_I, PRELU, SQUARED_DIFF, SQUARED_DIFF_I, SUB, SUB_I,
} from './binary_ops';
import { BOOL, F32, I32 } from './lanes';

export function add_f32(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(ADD, F32, F32, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function sub_f32(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(SUB, F32, F32, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function mul_f32(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(MUL, F32, F32, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function div_f32(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(DIV, F32, F32, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function maximum_f32(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(MAX, F32, F32, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function minimum_f32(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(MIN, F32, F32, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function pow_f32(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(POW, F32, F32, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function squared_difference_f32(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(SQUARED_DIFF, F32, F32, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function mod_f32(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(MOD, F32, F32, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function floor_div_f32(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(FLOOR_DIV, F32, I32, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function prelu_f32(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(PRELU, F32, F32, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function elu_grad_f32(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(ELU_GRAD, F32, F32, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function equal_f32(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(EQ, F32, BOOL, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function not_equal_f32(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(NE, F32, BOOL, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function less_f32(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(LT, F32, BOOL, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function less_equal_f32(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(LE, F32, BOOL, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function greater_f32(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(GT, F32, BOOL, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function greater_equal_f32(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(GE, F32, BOOL, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function add_i32(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(ADD_I, I32, I32, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function sub_i32(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(SUB_I, I32, I32, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function mul_i32(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(MUL_I, I32, I32, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function maximum_i32(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(MAX_I, I32, I32, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function minimum_i32(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(MIN_I, I32, I32, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function equal_i32(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(EQ_I, I32, BOOL, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function not_equal_i32(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(NE_I, I32, BOOL, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function less_i32(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(LT_I, I32, BOOL, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function less_equal_i32(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(LE_I, I32, BOOL, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function greater_i32(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(GT_I, I32, BOOL, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function greater_equal_i32(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(GE_I, I32, BOOL, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function floor_div_i32(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(FLOOR_DIV_I, I32, I32, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function mod_i32(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(MOD_I, I32, I32, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function pow_i32(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(POW_I, I32, I32, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function squared_difference_i32(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(SQUARED_DIFF_I, I32, I32, a, b, out, inner, aInc, bInc, outerDims, meta);
}
// bool comparisons: 0/1 lanes compare as integers.
export function equal_bool(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(EQ_I, BOOL, BOOL, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function not_equal_bool(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(NE_I, BOOL, BOOL, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function less_bool(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(LT_I, BOOL, BOOL, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function less_equal_bool(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(LE_I, BOOL, BOOL, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function greater_bool(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(GT_I, BOOL, BOOL, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function greater_equal_bool(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(GE_I, BOOL, BOOL, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function logical_and_bool(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(AND, BOOL, BOOL, a, b, out, inner, aInc, bInc, outerDims, meta);
}
export function logical_or_bool(
  a: usize, b: usize, out: usize, inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  binaryLoop(OR, BOOL, BOOL, a, b, out, inner, aInc, bInc, outerDims, meta);
}
