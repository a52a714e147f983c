// Runs of floats: the inner loops of im2col (copy a pixel's channels) and col2im (add them back), fills.

/**
 * Below this many floats a run is copied or cleared in a loop: the engines call out to a runtime function for
 * memory.copy and memory.fill, which costs more than the few vectors a pixel of 3 channels (an RGB stem's
 * im2col) or a short filter row holds.
 */
const SHORT_RUN: i32 = 64;

/** dst[0..n) = src[0..n) (the runs do not overlap). */
@inline
export function copyFloats(dst: usize, src: usize, n: i32): void {
  if (n >= SHORT_RUN) {
    memory.copy(dst, src, <usize>n << 2);
    return;
  }
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(dst + (<usize>i << 2), v128.load(src + (<usize>i << 2)));
  for (; i < n; i++) store<f32>(dst + (<usize>i << 2), load<f32>(src + (<usize>i << 2)));
}

/** dst[0..n) = 0. */
@inline
export function zeroFloats(dst: usize, n: i32): void {
  if (n >= SHORT_RUN) {
    memory.fill(dst, 0, <usize>n << 2);
    return;
  }
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(dst + (<usize>i << 2), f32x4.splat(0));
  for (; i < n; i++) store<f32>(dst + (<usize>i << 2), 0);
}

/** dst[0..n) = value (a fill value, a pixel outside the image). */
export function fillFloats(dst: usize, n: i32, value: f32): void {
  const splat = f32x4.splat(value);
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(dst + (<usize>i << 2), splat);
  for (; i < n; i++) store<f32>(dst + (<usize>i << 2), value);
}

/** dst[0..n) += src[0..n). */
export function addFloats(dst: usize, src: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = <usize>i << 2;
    v128.store(dst + at, f32x4.add(v128.load(dst + at), v128.load(src + at)));
  }
  for (; i < n; i++) {
    const at = <usize>i << 2;
    store<f32>(dst + at, load<f32>(dst + at) + load<f32>(src + at));
  }
}
