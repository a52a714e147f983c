// A 2-D transpose of 32-bit elements in 4×4 register tiles, walked in cache-sized blocks:
// out[i][j] = in at (src + 4·i + srcColStride·j), written to (dst + dstRowStride·i + 4·j).
// Source columns (i) and destination rows (j) are contiguous; the other direction is strided.

const BLOCK: i32 = 32;

@inline function tile4x4(dst: usize, src: usize, srcColStride: usize, dstRowStride: usize): void {
  // v_k = source column j+k = destination column k of rows i..i+3.
  const v0 = v128.load(src);
  const v1 = v128.load(src + srcColStride);
  const v2 = v128.load(src + 2 * srcColStride);
  const v3 = v128.load(src + 3 * srcColStride);
  const t0 = i32x4.shuffle(v0, v1, 0, 4, 1, 5);
  const t1 = i32x4.shuffle(v2, v3, 0, 4, 1, 5);
  const t2 = i32x4.shuffle(v0, v1, 2, 6, 3, 7);
  const t3 = i32x4.shuffle(v2, v3, 2, 6, 3, 7);
  v128.store(dst, i32x4.shuffle(t0, t1, 0, 1, 4, 5));
  v128.store(dst + dstRowStride, i32x4.shuffle(t0, t1, 2, 3, 6, 7));
  v128.store(dst + 2 * dstRowStride, i32x4.shuffle(t2, t3, 0, 1, 4, 5));
  v128.store(dst + 3 * dstRowStride, i32x4.shuffle(t2, t3, 2, 3, 6, 7));
}

@inline function element(dst: usize, src: usize, i: i32, j: i32, srcColStride: usize, dstRowStride: usize): void {
  store<u32>(dst + <usize>i * dstRowStride + (<usize>j << 2), load<u32>(src + (<usize>i << 2) + <usize>j * srcColStride));
}

export function transposeTile32(
  dst: usize, src: usize, rows: i32, cols: i32, srcColStride: i32, dstRowStride: i32,
): void {
  const ss = <usize>srcColStride;
  const ds = <usize>dstRowStride;
  const rows4 = rows & ~3;
  const cols4 = cols & ~3;
  for (let ib = 0; ib < rows4; ib += BLOCK) {
    const iEnd = min(ib + BLOCK, rows4);
    for (let jb = 0; jb < cols4; jb += BLOCK) {
      const jEnd = min(jb + BLOCK, cols4);
      for (let i = ib; i < iEnd; i += 4) {
        for (let j = jb; j < jEnd; j += 4) {
          tile4x4(dst + <usize>i * ds + (<usize>j << 2), src + (<usize>i << 2) + <usize>j * ss, ss, ds);
        }
      }
    }
    for (let i = ib; i < iEnd; i++) {
      for (let j = cols4; j < cols; j++) element(dst, src, i, j, ss, ds);
    }
  }
  for (let i = rows4; i < rows; i++) {
    for (let j = 0; j < cols; j++) element(dst, src, i, j, ss, ds);
  }
}
