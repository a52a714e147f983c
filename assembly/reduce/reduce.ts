// Entry points of the axis reductions. Every call reduces the middle axis of a [outer, n, inner] view (n >= 1);
// inner == 1 is the contiguous-row case. Multi-axis reductions are sequences of such calls (planned in TS).
import { reduceColumns, sumColumnsF32 } from './columns';
import { OP_MAX, OP_MIN, OP_SUM } from './ops';
import { reduceRows } from './rows';

@inline function reduce<T>(op: i32, x: usize, out: usize, outer: i32, n: i32, inner: i32, divisor: f64): void {
  if (inner == 1) {
    reduceRows<T>(op, x, out, outer, n, divisor);
  } else if (isFloat<T>() && op == OP_SUM) {
    sumColumnsF32(x, out, outer, n, inner, divisor);
  } else {
    reduceColumns<T>(op, x, out, outer, n, inner);
  }
}

/** Sum (divided by `divisor`, 1 unless Mean), Max or Min of float32; Max/Min propagate NaN. */
export function reduce_f32(op: i32, x: usize, out: usize, outer: i32, n: i32, inner: i32, divisor: f64): void {
  if (op == OP_SUM) reduce<f32>(OP_SUM, x, out, outer, n, inner, divisor);
  else if (op == OP_MAX) reduce<f32>(OP_MAX, x, out, outer, n, inner, 1);
  else if (op == OP_MIN) reduce<f32>(OP_MIN, x, out, outer, n, inner, 1);
}

/** Sum (wrapping, as cpu's Int32Array writes), Max or Min of int32. */
export function reduce_i32(op: i32, x: usize, out: usize, outer: i32, n: i32, inner: i32): void {
  if (op == OP_SUM) reduce<i32>(OP_SUM, x, out, outer, n, inner, 1);
  else if (op == OP_MAX) reduce<i32>(OP_MAX, x, out, outer, n, inner, 1);
  else if (op == OP_MIN) reduce<i32>(OP_MIN, x, out, outer, n, inner, 1);
}

/** Any (OP_MAX) or All (OP_MIN) of bool bytes holding 0 or 1. */
export function reduce_bool(op: i32, x: usize, out: usize, outer: i32, n: i32, inner: i32): void {
  if (op == OP_MAX) reduce<u8>(OP_MAX, x, out, outer, n, inner, 1);
  else if (op == OP_MIN) reduce<u8>(OP_MIN, x, out, outer, n, inner, 1);
}
