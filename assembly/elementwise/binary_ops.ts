// The math of each binary op on 4 lanes. `binaryOp` is only called with a constant op, so after
// inlining every kernel keeps just its own branch.
import { choose, splatF } from '../simd/lanes';
import {
  floorDivLanes, floorDivLanesI32, mulI32, perLane, perLaneI32, SCALAR_MOD, SCALAR_POW, SCALAR_SQUARED_DIFF,
} from './scalar';

export const ADD: i32 = 0;
export const SUB: i32 = 1;
export const MUL: i32 = 2;
export const DIV: i32 = 3;
export const MAX: i32 = 4;
export const MIN: i32 = 5;
export const POW: i32 = 6;
export const SQUARED_DIFF: i32 = 7;
export const MOD: i32 = 8;
export const FLOOR_DIV: i32 = 9;
export const PRELU: i32 = 10;
export const ELU_GRAD: i32 = 11;
export const EQ: i32 = 12;
export const NE: i32 = 13;
export const LT: i32 = 14;
export const LE: i32 = 15;
export const GT: i32 = 16;
export const GE: i32 = 17;
export const ADD_I: i32 = 20;
export const SUB_I: i32 = 21;
export const MUL_I: i32 = 22;
export const MAX_I: i32 = 23;
export const MIN_I: i32 = 24;
export const EQ_I: i32 = 25;
export const NE_I: i32 = 26;
export const LT_I: i32 = 27;
export const LE_I: i32 = 28;
export const GT_I: i32 = 29;
export const GE_I: i32 = 30;
export const FLOOR_DIV_I: i32 = 31;
export const MOD_I: i32 = 32;
export const POW_I: i32 = 33;
export const SQUARED_DIFF_I: i32 = 34;
export const AND: i32 = 35;
export const OR: i32 = 36;

@inline export function binaryOp(op: i32, a: v128, b: v128): v128 {
  // float32
  if (op == ADD) return f32x4.add(a, b);
  if (op == SUB) return f32x4.sub(a, b);
  if (op == MUL) return f32x4.mul(a, b);
  if (op == DIV) return f32x4.div(a, b);
  if (op == MAX) return f32x4.max(a, b); // NaN-propagating, like Math.max
  if (op == MIN) return f32x4.min(a, b);
  if (op == POW) return perLane(SCALAR_POW, a, b);
  if (op == SQUARED_DIFF) {
    const d = f32x4.sub(a, b);
    return f32x4.mul(d, d);
  }
  if (op == MOD) return perLane(SCALAR_MOD, a, b);
  if (op == FLOOR_DIV) return floorDivLanes(a, b);
  if (op == PRELU) return choose(f32x4.lt(a, splatF(0)), f32x4.mul(a, b), a); // a = x, b = alpha
  if (op == ELU_GRAD) { // a = dy, b = y
    return choose(f32x4.ge(b, splatF(0)), a, f32x4.mul(a, f32x4.add(b, splatF(1.0))));
  }
  if (op == EQ) return f32x4.eq(a, b);
  if (op == NE) return f32x4.ne(a, b);
  if (op == LT) return f32x4.lt(a, b);
  if (op == LE) return f32x4.le(a, b);
  if (op == GT) return f32x4.gt(a, b);
  if (op == GE) return f32x4.ge(a, b);
  // int32: the cpu's float64 result stored into an Int32Array (wrapping modulo 2^32)
  if (op == ADD_I) return i32x4.add(a, b);
  if (op == SUB_I) return i32x4.sub(a, b);
  if (op == MUL_I) return mulI32(a, b);
  if (op == MAX_I) return i32x4.max_s(a, b);
  if (op == MIN_I) return i32x4.min_s(a, b);
  if (op == EQ_I) return i32x4.eq(a, b);
  if (op == NE_I) return i32x4.ne(a, b);
  if (op == LT_I) return i32x4.lt_s(a, b);
  if (op == LE_I) return i32x4.le_s(a, b);
  if (op == GT_I) return i32x4.gt_s(a, b);
  if (op == GE_I) return i32x4.ge_s(a, b);
  if (op == FLOOR_DIV_I) return floorDivLanesI32(a, b);
  if (op == MOD_I) return perLaneI32(SCALAR_MOD, a, b);
  if (op == POW_I) return perLaneI32(SCALAR_POW, a, b);
  if (op == SQUARED_DIFF_I) return perLaneI32(SCALAR_SQUARED_DIFF, a, b);
  // bool (lanes hold 0 or 1)
  const zero = i32x4.splat(0);
  if (op == AND) return v128.and(i32x4.ne(a, zero), i32x4.ne(b, zero));
  return v128.or(i32x4.ne(a, zero), i32x4.ne(b, zero)); // OR
}
