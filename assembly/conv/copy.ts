// Runs of floats: the inner loops of im2col (copy a pixel's channels) and col2im (add them back).

/** dst[0..n) = src[0..n). */
@inline
export function copyFloats(dst: usize, src: usize, n: i32): void {
  memory.copy(dst, src, <usize>n << 2);
}

/** dst[0..n) = 0. */
@inline
export function zeroFloats(dst: usize, n: i32): void {
  memory.fill(dst, 0, <usize>n << 2);
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
