// Per-lane float64 evaluation, for ops where tfjs-backend-cpu's float64 result is the reference and no
// cheap vector form matches it (pow, mod, floor division, int32 products; sin and cos of huge arguments),
// and JavaScript's ToInt32.

/** JavaScript's ToInt32 (what storing into an Int32Array does): truncate, wrap modulo 2^32; NaN, ±Inf give 0. */
export function toInt32(v: f64): i32 {
  if (!isFinite(v)) return 0;
  v = trunc(v);
  if (abs(v) < 2147483648.0) return <i32>v;
  const wrapped = v - Math.floor(v / 4294967296.0) * 4294967296.0; // exact, in [0, 2^32)
  return <i32><u32>wrapped;
}

/** tfjs-backend-cpu's mod: the remainder takes the sign of the divisor. */
export function modF64(a: f64, b: f64): f64 {
  const rem = a % b;
  if ((a < 0 && b < 0) || (a >= 0 && b >= 0)) return rem;
  return (rem + b) % b;
}

export const SCALAR_POW: i32 = 0;
export const SCALAR_MOD: i32 = 1;
export const SCALAR_SIN: i32 = 2;
export const SCALAR_COS: i32 = 3;
export const SCALAR_MUL: i32 = 4;
export const SCALAR_SQUARED_DIFF: i32 = 5;

@inline function scalarOp(op: i32, x: f64, y: f64): f64 {
  if (op == SCALAR_POW) return Math.pow(x, y);
  if (op == SCALAR_MOD) return modF64(x, y);
  if (op == SCALAR_SIN) return Math.sin(x);
  if (op == SCALAR_COS) return Math.cos(x);
  if (op == SCALAR_MUL) return x * y;
  return (x - y) * (x - y); // SCALAR_SQUARED_DIFF
}

/** Applies a float64 scalar op lane by lane, rounding each result to float32. */
@inline export function perLane(op: i32, a: v128, b: v128): v128 {
  let r = f32x4.splat(scalarF32(op, f32x4.extract_lane(a, 0), f32x4.extract_lane(b, 0)));
  r = f32x4.replace_lane(r, 1, scalarF32(op, f32x4.extract_lane(a, 1), f32x4.extract_lane(b, 1)));
  r = f32x4.replace_lane(r, 2, scalarF32(op, f32x4.extract_lane(a, 2), f32x4.extract_lane(b, 2)));
  return f32x4.replace_lane(r, 3, scalarF32(op, f32x4.extract_lane(a, 3), f32x4.extract_lane(b, 3)));
}

@inline function scalarF32(op: i32, x: f32, y: f32): f32 {
  return <f32>scalarOp(op, <f64>x, <f64>y);
}

/**
 * Applies a float64 scalar op to int32 lanes, stored as an Int32Array stores the result (ToInt32): what
 * tfjs-backend-cpu computes for int32 tensors.
 */
@inline export function perLaneI32(op: i32, a: v128, b: v128): v128 {
  let r = i32x4.splat(scalarI32(op, i32x4.extract_lane(a, 0), i32x4.extract_lane(b, 0)));
  r = i32x4.replace_lane(r, 1, scalarI32(op, i32x4.extract_lane(a, 1), i32x4.extract_lane(b, 1)));
  r = i32x4.replace_lane(r, 2, scalarI32(op, i32x4.extract_lane(a, 2), i32x4.extract_lane(b, 2)));
  return i32x4.replace_lane(r, 3, scalarI32(op, i32x4.extract_lane(a, 3), i32x4.extract_lane(b, 3)));
}

@inline function scalarI32(op: i32, x: i32, y: i32): i32 {
  return toInt32(scalarOp(op, <f64>x, <f64>y));
}

/**
 * int32 a * b as tfjs-backend-cpu computes it: the float64 product, wrapped to int32. That is the
 * wrapping integer product unless |a * b| > 2^53, where float64 rounds first.
 */
@inline export function mulI32(a: v128, b: v128): v128 {
  const limit = i64x2.splat(1 << 53);
  const low = i64x2.gt_s(i64x2.abs(i64x2.extmul_low_i32x4_s(a, b)), limit);
  const high = i64x2.gt_s(i64x2.abs(i64x2.extmul_high_i32x4_s(a, b)), limit);
  if (!v128.any_true(v128.or(low, high))) return i32x4.mul(a, b);
  return perLaneI32(SCALAR_MUL, a, b);
}

/** floor(a / b) in float64, stored as int32 the way tfjs-backend-cpu stores it. */
@inline export function floorDivLanes(a: v128, b: v128): v128 {
  let r = i32x4.splat(0);
  r = i32x4.replace_lane(r, 0, floorDivScalar(<f64>f32x4.extract_lane(a, 0), <f64>f32x4.extract_lane(b, 0)));
  r = i32x4.replace_lane(r, 1, floorDivScalar(<f64>f32x4.extract_lane(a, 1), <f64>f32x4.extract_lane(b, 1)));
  r = i32x4.replace_lane(r, 2, floorDivScalar(<f64>f32x4.extract_lane(a, 2), <f64>f32x4.extract_lane(b, 2)));
  return i32x4.replace_lane(r, 3, floorDivScalar(<f64>f32x4.extract_lane(a, 3), <f64>f32x4.extract_lane(b, 3)));
}

/** The same for int32 lanes. */
@inline export function floorDivLanesI32(a: v128, b: v128): v128 {
  let r = i32x4.splat(0);
  r = i32x4.replace_lane(r, 0, floorDivScalar(i32x4.extract_lane(a, 0), i32x4.extract_lane(b, 0)));
  r = i32x4.replace_lane(r, 1, floorDivScalar(i32x4.extract_lane(a, 1), i32x4.extract_lane(b, 1)));
  r = i32x4.replace_lane(r, 2, floorDivScalar(i32x4.extract_lane(a, 2), i32x4.extract_lane(b, 2)));
  return i32x4.replace_lane(r, 3, floorDivScalar(i32x4.extract_lane(a, 3), i32x4.extract_lane(b, 3)));
}

// Division by zero gives ±Infinity or NaN, which ToInt32 makes 0, as in tfjs-backend-cpu.
@inline function floorDivScalar(a: f64, b: f64): i32 {
  return toInt32(Math.floor(a / b));
}

/** float32 to int32 as Int32Array.from does: vector truncation when every lane is in range. */
@inline export function castF32ToI32(x: v128): v128 {
  if (i32x4.all_true(f32x4.lt(f32x4.abs(x), f32x4.splat(2147483648.0)))) return i32x4.trunc_sat_f32x4_s(x);
  let r = i32x4.splat(0);
  r = i32x4.replace_lane(r, 0, toInt32(<f64>f32x4.extract_lane(x, 0)));
  r = i32x4.replace_lane(r, 1, toInt32(<f64>f32x4.extract_lane(x, 1)));
  r = i32x4.replace_lane(r, 2, toInt32(<f64>f32x4.extract_lane(x, 2)));
  return i32x4.replace_lane(r, 3, toInt32(<f64>f32x4.extract_lane(x, 3)));
}
