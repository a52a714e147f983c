// f32x4.max(+0, -0) is +0 and f32x4.min(+0, -0) is -0, but tfjs-backend-cpu keeps the first of equal values.
// When a float maximum or minimum is a zero, its sign is taken from the first zero of the reduced values.

/** The first zero among n values `stride` bytes apart (called only when one exists). */
@inline export function firstZero(p: usize, n: i32, stride: usize): f32 {
  for (let k = 0; k < n; k++) {
    const v = load<f32>(p + <usize>k * stride);
    if (v == 0) return v;
  }
  return 0;
}

/** For each zero out[i] of a column reduction of [n, inner] at `base`, the sign of the column's first zero. */
@inline export function fixZeroSigns(base: usize, dst: usize, n: i32, inner: i32): void {
  const rowBytes = <usize>inner << 2;
  for (let i = 0; i < inner; i++) {
    const at = dst + (<usize>i << 2);
    if (load<f32>(at) == 0) store<f32>(at, firstZero(base + (<usize>i << 2), n, rowBytes));
  }
}
