// Packing: copies a block of A or B into panels the micro-kernel reads front to back.
// A block of `len` lines (rows of A, or columns of B) by `depth` (the k dimension) becomes panels of
// `width` lines: panel p holds, for each k, the values of lines p·width … p·width+width-1 side by side.
// Lines past `len` are zero, so edge tiles run the same micro-kernel as full ones.
// Element (line, k) of the source is at src + line·lineStride + k·depthStride (strides in bytes), which
// covers A, Aᵀ, B and Bᵀ alike: no transposed copy is ever made.

/** Packs the block; returns nothing, writes ceil(len / width) · depth · width floats to dst. */
export function packPanels(
  dst: usize, src: usize, len: i32, depth: i32, lineStride: usize, depthStride: usize, width: i32,
): void {
  const panelBytes = <usize>depth * <usize>width * 4;
  const fullPanels = len / width;
  for (let p = 0; p < fullPanels; p++) {
    const from = src + <usize>(p * width) * lineStride;
    const to = dst + <usize>p * panelBytes;
    if (lineStride == 4) packContiguousLines(to, from, depth, depthStride, width);
    else if (depthStride == 4) packContiguousDepth(to, from, depth, lineStride, width);
    else packScalar(to, from, width, width, depth, lineStride, depthStride, width);
  }
  const rest = len - fullPanels * width;
  if (rest > 0) {
    packScalar(dst + <usize>fullPanels * panelBytes, src + <usize>(fullPanels * width) * lineStride,
      rest, width, depth, lineStride, depthStride, width);
  }
}

/** Lines adjacent in memory (A transposed, B as is): each k is a straight copy of `width` floats. */
function packContiguousLines(dst: usize, src: usize, depth: i32, depthStride: usize, width: i32): void {
  // The widths of the micro-kernel's panels get straight-line copies (the general loop costs ~10% at 64³).
  if (width == 8) {
    for (let k = 0; k < depth; k++, src += depthStride, dst += 32) {
      v128.store(dst, v128.load(src));
      v128.store(dst, v128.load(src, 16), 16);
    }
    return;
  }
  if (width == 4) {
    for (let k = 0; k < depth; k++, src += depthStride, dst += 16) v128.store(dst, v128.load(src));
    return;
  }
  const rowBytes = <usize>width * 4;
  for (let k = 0; k < depth; k++) {
    let w = 0;
    for (; w + 4 <= width; w += 4) v128.store(dst + <usize>w * 4, v128.load(src + <usize>w * 4));
    for (; w < width; w++) store<f32>(dst + <usize>w * 4, load<f32>(src + <usize>w * 4));
    src += depthStride;
    dst += rowBytes;
  }
}

/** k adjacent in memory (A as is, B transposed): 4×4 blocks are transposed in registers. */
function packContiguousDepth(dst: usize, src: usize, depth: i32, lineStride: usize, width: i32): void {
  const rowBytes = <usize>width * 4;
  let w = 0;
  for (; w + 4 <= width; w += 4) {
    const line = src + <usize>w * lineStride;
    const out = dst + <usize>w * 4;
    let k = 0;
    for (; k + 4 <= depth; k += 4) {
      const at = line + <usize>k * 4;
      const r0 = v128.load(at);
      const r1 = v128.load(at + lineStride);
      const r2 = v128.load(at + 2 * lineStride);
      const r3 = v128.load(at + 3 * lineStride);
      const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
      const t1 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
      const t2 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
      const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
      const row = out + <usize>k * rowBytes;
      v128.store(row, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5));
      v128.store(row + rowBytes, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7));
      v128.store(row + 2 * rowBytes, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5));
      v128.store(row + 3 * rowBytes, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7));
    }
    packScalar(out + <usize>k * rowBytes, line + <usize>k * 4, 4, 4, depth - k, lineStride, 4, width);
  }
  if (w < width) {
    packScalar(dst + <usize>w * 4, src + <usize>w * lineStride, width - w, width - w, depth, lineStride, 4, width);
  }
}

/**
 * The general case, also used for edges and remainders: `lines` lines of `depth` values into the first
 * `fill` floats of rows `rowFloats` apart (floats lines … fill-1 of each row are zeroed).
 */
function packScalar(
  dst: usize, src: usize, lines: i32, fill: i32, depth: i32, lineStride: usize, depthStride: usize, rowFloats: i32,
): void {
  const rowBytes = <usize>rowFloats * 4;
  for (let k = 0; k < depth; k++) {
    const from = src + <usize>k * depthStride;
    const to = dst + <usize>k * rowBytes;
    for (let w = 0; w < lines; w++) store<f32>(to + <usize>w * 4, load<f32>(from + <usize>w * lineStride));
    for (let w = lines; w < fill; w++) store<f32>(to + <usize>w * 4, 0);
  }
}
