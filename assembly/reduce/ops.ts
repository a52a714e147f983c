// Reduction operators as codes. Every kernel takes the code as an argument of an @inline function, so after
// inlining with a constant code the optimiser keeps only that operator's instructions.
// The codes are shared with src/ through src/wasm/constants.generated.ts (scripts/build-wasm.mjs).

export const OP_SUM: i32 = 0;
/** NaN-propagating maximum for floats (f32x4.max); unsigned maximum for bool bytes, i.e. logical or. */
export const OP_MAX: i32 = 1;
/** NaN-propagating minimum for floats (f32x4.min); unsigned minimum for bool bytes, i.e. logical and. */
export const OP_MIN: i32 = 2;
export const OP_PROD: i32 = 3;

/** Lanes of type T in one v128. */
@inline export function lanes<T>(): i32 {
  return 16 / sizeof<T>();
}

/** `a op b` lane-wise, for f32 (4 lanes), i32 (4 lanes) or u8 (16 lanes, bool). */
@inline export function combineVec<T>(op: i32, a: v128, b: v128): v128 {
  if (isFloat<T>()) {
    if (op == OP_SUM) return f32x4.add(a, b);
    if (op == OP_PROD) return f32x4.mul(a, b);
    if (op == OP_MAX) return f32x4.max(a, b);
    return f32x4.min(a, b);
  } else if (sizeof<T>() == 4) {
    if (op == OP_SUM) return i32x4.add(a, b);
    if (op == OP_PROD) return i32x4.mul(a, b);
    if (op == OP_MAX) return i32x4.max_s(a, b);
    return i32x4.min_s(a, b);
  } else {
    if (op == OP_SUM) return i8x16.add(a, b);
    if (op == OP_MAX) return i8x16.max_u(a, b);
    return i8x16.min_u(a, b);
  }
}

/**
 * acc op v for the loops' running accumulators. For float maxima and minima, f32x4.max/min are slow on x86 (they
 * fix up NaN and signed zeros): pmax/pmin are one instruction but drop NaN from v, so a NaN lane of v is or-ed
 * in as all-ones bits, a NaN that pmax/pmin keep from then on. (Signed zeros are settled in zeros.ts.)
 */
@inline export function accumulateVec<T>(op: i32, acc: v128, v: v128): v128 {
  if (isFloat<T>() && op == OP_MAX) return v128.or(f32x4.pmax(acc, v), f32x4.ne(v, v));
  if (isFloat<T>() && op == OP_MIN) return v128.or(f32x4.pmin(acc, v), f32x4.ne(v, v));
  return combineVec<T>(op, acc, v);
}

/** `a op b` on scalars, with the same NaN rules as combineVec (f32.max/f32.min propagate NaN). */
@inline export function combineScalar<T>(op: i32, a: T, b: T): T {
  if (op == OP_SUM) return a + b;
  if (op == OP_PROD) return a * b;
  if (op == OP_MAX) return max<T>(a, b);
  return min<T>(a, b);
}

/** The neutral element of op (for scans that start from it). */
@inline export function identityOf<T>(op: i32): T {
  return op == OP_PROD ? <T>1 : <T>0;
}

/** Folds the lanes of v with op into one value. */
@inline export function horizontal<T>(op: i32, v: v128): T {
  v = combineVec<T>(op, v, v128.shuffle<i32>(v, v, 2, 3, 0, 1));
  v = combineVec<T>(op, v, v128.shuffle<i32>(v, v, 1, 0, 3, 2));
  if (sizeof<T>() == 1) {
    v = combineVec<T>(op, v, v128.shuffle<u16>(v, v, 1, 0, 3, 2, 5, 4, 7, 6));
    v = combineVec<T>(op, v, v128.shuffle<u8>(v, v, 1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14));
    return <T>i8x16.extract_lane_u(v, 0);
  }
  if (isFloat<T>()) return <T>f32x4.extract_lane(v, 0);
  return <T>i32x4.extract_lane(v, 0);
}
