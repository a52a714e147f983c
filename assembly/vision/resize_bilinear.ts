// Bilinear resizing of NHWC images and its gradient. The caller computes, with tfjs-backend-cpu's float64
// formulas, each output row's two source rows and their blend, and each output column's two source columns and
// theirs (maps: i32 top[outH], bottom[outH], left[outW], right[outW], then f32 rowFrac[outH], colFrac[outW]).
//   y[b, r, c] = top + (bottom − top)·rowFrac[r], where top = x[b, top[r], left[c]] + (x[b, top[r], right[c]] −
//   x[b, top[r], left[c]])·colFrac[c] and bottom likewise on row bottom[r] (the CPU's order of operations).
// The forward pass is separable: each source row is blended along columns once into a row buffer (kept while
// consecutive output rows reuse it), then pairs of row buffers are blended along rows, vectorised over whole rows.

// The maps, one after another: i32 tables of source rows (outH) and columns (outW), then f32 fractions.
const TOP: i32 = 0;
const BOTTOM: i32 = 1;
const LEFT: i32 = 2;
const RIGHT: i32 = 3;
const ROW_FRAC: i32 = 4;
const COL_FRAC: i32 = 5;

/** Address of map `which` (a constant): the maps before it hold outH or outW entries of 4 bytes each. */
@inline
function mapAt(maps: usize, outH: i32, outW: i32, which: i32): usize {
  const rowMapsBefore = which == TOP ? 0 : which == BOTTOM ? 1 : which == COL_FRAC ? 3 : 2;
  const colMapsBefore = which <= LEFT ? 0 : which == RIGHT ? 1 : 2;
  return maps + ((<usize>rowMapsBefore * <usize>outH + <usize>colMapsBefore * <usize>outW) << 2);
}

/** Entry i of an i32 table. */
@inline
function entry(table: usize, i: i32): i32 {
  return load<i32>(table + (<usize>i << 2));
}

/** out[i] = lo[i] + (hi[i] − lo[i])·f, for the floats before byte `vectorBytes` (a multiple of 16), two vectors per step. */
@inline
function blendVectors(out: usize, lo: usize, hi: usize, fv: v128, vectorBytes: usize): void {
  let at: usize = 0;
  for (; at + 32 <= vectorBytes; at += 32) {
    const l0 = v128.load(lo + at);
    const l1 = v128.load(lo + at, 16);
    v128.store(out + at, f32x4.add(l0, f32x4.mul(f32x4.sub(v128.load(hi + at), l0), fv)));
    v128.store(out + at, f32x4.add(l1, f32x4.mul(f32x4.sub(v128.load(hi + at, 16), l1), fv)), 16);
  }
  if (at < vectorBytes) {
    const l = v128.load(lo + at);
    v128.store(out + at, f32x4.add(l, f32x4.mul(f32x4.sub(v128.load(hi + at), l), fv)));
  }
}

/** out[i] = lo[i] + (hi[i] − lo[i])·f, for floats `from` ≤ i < n. */
@inline
function blendScalars(out: usize, lo: usize, hi: usize, f: f32, from: i32, n: i32): void {
  for (let i = from; i < n; i++) {
    const at = <usize>i << 2;
    const l = load<f32>(lo + at);
    store<f32>(out + at, l + (load<f32>(hi + at) - l) * f);
  }
}

/**
 * Blends source row `row` of `image` along columns into buf (outW pixels of `channels` floats). Pixels narrower
 * than a vector (1–3 channels: RGB) are blended a vector at a time all the same: the lanes past the pixel are
 * stored too, and overwritten by the next pixel's. The last pixels, whose vector would pass the buffer or read
 * past imageEnd, take the scalar path (source columns only grow along the row).
 */
function blendColumns(
  image: usize, imageEnd: usize, row: i32, buf: usize, inW: i32, channels: i32, outW: i32, left: usize,
  right: usize, colFrac: usize,
): void {
  const pixelBytes = <usize>channels << 2;
  const rowStart = image + <usize>row * <usize>inW * pixelBytes;
  let c = 0;
  if (channels < 4 && outW * channels >= 4) {
    let vectorColumns = (outW * channels - 4) / channels + 1;
    while (vectorColumns > 0 && rowStart + <usize>entry(right, vectorColumns - 1) * pixelBytes + 16 > imageEnd) {
      vectorColumns--;
    }
    let out = buf;
    for (; c < vectorColumns; c++) {
      const at = <usize>c << 2;
      const l = v128.load(rowStart + <usize>load<i32>(left + at) * pixelBytes);
      const r = v128.load(rowStart + <usize>load<i32>(right + at) * pixelBytes);
      v128.store(out, f32x4.add(l, f32x4.mul(f32x4.sub(r, l), v128.load32_splat(colFrac + at))));
      out += pixelBytes;
    }
  }
  const vectorBytes = <usize>(channels & ~3) << 2;
  for (; c < outW; c++) {
    const at = <usize>c << 2;
    const l = rowStart + <usize>load<i32>(left + at) * pixelBytes;
    const r = rowStart + <usize>load<i32>(right + at) * pixelBytes;
    const f = load<f32>(colFrac + at);
    const out = buf + <usize>c * pixelBytes;
    blendVectors(out, l, r, f32x4.splat(f), vectorBytes);
    blendScalars(out, l, r, f, channels & ~3, channels);
  }
}

/**
 * out_k[i] = top[i] + (bottom[i] − top[i])·f_k for i < n, for the `count` output rows k (rowBytes apart) that
 * blend the same two source rows with fractions fracs[0..count): two rows at a time, each difference formed
 * once for both.
 */
function blendRows(out: usize, rowBytes: usize, top: usize, bottom: usize, fracs: usize, count: i32, n: i32): void {
  const vectorBytes = <usize>(n & ~3) << 2;
  let k = 0;
  for (; k + 2 <= count; k += 2) {
    const f0 = load<f32>(fracs + (<usize>k << 2));
    const f1 = load<f32>(fracs + (<usize>k << 2), 4);
    const v0 = f32x4.splat(f0);
    const v1 = f32x4.splat(f1);
    const o0 = out + <usize>k * rowBytes;
    const o1 = o0 + rowBytes;
    for (let at: usize = 0; at < vectorBytes; at += 16) {
      const t = v128.load(top + at);
      const d = f32x4.sub(v128.load(bottom + at), t);
      v128.store(o0 + at, f32x4.add(t, f32x4.mul(d, v0)));
      v128.store(o1 + at, f32x4.add(t, f32x4.mul(d, v1)));
    }
    blendScalars(o0, top, bottom, f0, n & ~3, n);
    blendScalars(o1, top, bottom, f1, n & ~3, n);
  }
  if (k < count) {
    const f = load<f32>(fracs + (<usize>k << 2));
    const o = out + <usize>k * rowBytes;
    blendVectors(o, top, bottom, f32x4.splat(f), vectorBytes);
    blendScalars(o, top, bottom, f, n & ~3, n);
  }
}

/** y = bilinear resize of x; rows: scratch of 2 · outW · channels floats for two column-blended rows. */
export function resizeBilinear(
  x: usize, y: usize, batch: i32, inH: i32, inW: i32, channels: i32, outH: i32, outW: i32, maps: usize, rows: usize,
): void {
  const top = mapAt(maps, outH, outW, TOP);
  const bottom = mapAt(maps, outH, outW, BOTTOM);
  const left = mapAt(maps, outH, outW, LEFT);
  const right = mapAt(maps, outH, outW, RIGHT);
  const rowFrac = mapAt(maps, outH, outW, ROW_FRAC);
  const colFrac = mapAt(maps, outH, outW, COL_FRAC);
  const rowFloats = outW * channels;
  const rowBytes = <usize>rowFloats << 2;
  const imageBytes = <usize>inH * <usize>inW * (<usize>channels << 2);
  let out = y;
  for (let b = 0; b < batch; b++) {
    const image = x + <usize>b * imageBytes;
    const imageEnd = image + imageBytes;
    // Which source row each of the two buffers holds (-1: none yet).
    let heldA = -1;
    let heldB = -1;
    for (let r = 0; r < outH;) {
      const t = entry(top, r);
      const u = entry(bottom, r);
      // The following output rows that blend the same two source rows (an upscale's runs).
      let count = 1;
      while (r + count < outH && entry(top, r + count) == t && entry(bottom, r + count) == u) count++;
      if (t != heldA && t != heldB) {
        // Keep the buffer that holds u, if one does.
        if (heldA == u) { blendColumns(image, imageEnd, t, rows + rowBytes, inW, channels, outW, left, right, colFrac); heldB = t; }
        else { blendColumns(image, imageEnd, t, rows, inW, channels, outW, left, right, colFrac); heldA = t; }
      }
      if (u != heldA && u != heldB) {
        if (heldA == t) { blendColumns(image, imageEnd, u, rows + rowBytes, inW, channels, outW, left, right, colFrac); heldB = u; }
        else { blendColumns(image, imageEnd, u, rows, inW, channels, outW, left, right, colFrac); heldA = u; }
      }
      const tRow = heldA == t ? rows : rows + rowBytes;
      const uRow = heldA == u ? rows : rows + rowBytes;
      blendRows(out, rowBytes, tRow, uRow, rowFrac + (<usize>r << 2), count, rowFloats);
      out += <usize>count * rowBytes;
      r += count;
    }
  }
}

/** dst[0..n) += src[0..n)·w. */
@inline
function addScaled(dst: usize, src: usize, w: f32, n: i32): void {
  const wv = f32x4.splat(w);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = <usize>i << 2;
    v128.store(dst + at, f32x4.add(v128.load(dst + at), f32x4.mul(v128.load(src + at), wv)));
  }
  for (; i < n; i++) {
    const at = <usize>i << 2;
    store<f32>(dst + at, load<f32>(dst + at) + load<f32>(src + at) * w);
  }
}

/** dx = the adjoint of resizeBilinear on the same maps: each dy pixel added to its four sources with their weights. */
export function resizeBilinearBackprop(
  dy: usize, dx: usize, batch: i32, inH: i32, inW: i32, channels: i32, outH: i32, outW: i32, maps: usize,
): void {
  const top = mapAt(maps, outH, outW, TOP);
  const bottom = mapAt(maps, outH, outW, BOTTOM);
  const left = mapAt(maps, outH, outW, LEFT);
  const right = mapAt(maps, outH, outW, RIGHT);
  const rowFrac = mapAt(maps, outH, outW, ROW_FRAC);
  const colFrac = mapAt(maps, outH, outW, COL_FRAC);
  const pixelBytes = <usize>channels << 2;
  const imageBytes = <usize>inH * <usize>inW * pixelBytes;
  memory.fill(dx, 0, <usize>batch * imageBytes);
  let src = dy;
  for (let b = 0; b < batch; b++) {
    const image = dx + <usize>b * imageBytes;
    for (let r = 0; r < outH; r++) {
      const rAt = <usize>r << 2;
      const topRow = image + <usize>load<i32>(top + rAt) * <usize>inW * pixelBytes;
      const bottomRow = image + <usize>load<i32>(bottom + rAt) * <usize>inW * pixelBytes;
      const rf = load<f32>(rowFrac + rAt);
      for (let c = 0; c < outW; c++) {
        const cAt = <usize>c << 2;
        const l = <usize>load<i32>(left + cAt) * pixelBytes;
        const rt = <usize>load<i32>(right + cAt) * pixelBytes;
        const cf = load<f32>(colFrac + cAt);
        addScaled(topRow + l, src, (1 - rf) * (1 - cf), channels);
        addScaled(topRow + rt, src, (1 - rf) * cf, channels);
        addScaled(bottomRow + l, src, rf * (1 - cf), channels);
        addScaled(bottomRow + rt, src, rf * cf, channels);
        src += pixelBytes;
      }
    }
  }
}
