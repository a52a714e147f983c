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

/** Blends source row `row` of `image` along columns into buf (outW pixels of `channels` floats). */
function blendColumns(
  image: usize, row: i32, buf: usize, inW: i32, channels: i32, outW: i32, left: usize, right: usize, colFrac: usize,
): void {
  const pixelBytes = <usize>channels << 2;
  const rowStart = image + <usize>row * <usize>inW * pixelBytes;
  let out = buf;
  for (let c = 0; c < outW; c++) {
    const at = <usize>c << 2;
    const l = rowStart + <usize>load<i32>(left + at) * pixelBytes;
    const r = rowStart + <usize>load<i32>(right + at) * pixelBytes;
    const f = load<f32>(colFrac + at);
    let d = 0;
    if (channels >= 4) {
      const fv = f32x4.splat(f);
      for (; d + 4 <= channels; d += 4) {
        const o = <usize>d << 2;
        const lv = v128.load(l + o);
        v128.store(out + o, f32x4.add(lv, f32x4.mul(f32x4.sub(v128.load(r + o), lv), fv)));
      }
    }
    for (; d < channels; d++) {
      const o = <usize>d << 2;
      const lv = load<f32>(l + o);
      store<f32>(out + o, lv + (load<f32>(r + o) - lv) * f);
    }
    out += pixelBytes;
  }
}

/**
 * out_k[i] = top[i] + (bottom[i] − top[i])·f_k for i < n, for the `count` output rows k (rowBytes apart) that
 * blend the same two source rows with fractions fracs[0..count): each difference is loaded and formed once.
 */
function blendRows(out: usize, rowBytes: usize, top: usize, bottom: usize, fracs: usize, count: i32, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = <usize>i << 2;
    const t = v128.load(top + at);
    const d = f32x4.sub(v128.load(bottom + at), t);
    let o = out + at;
    for (let k = 0; k < count; k++) {
      v128.store(o, f32x4.add(t, f32x4.mul(d, v128.load32_splat(fracs + (<usize>k << 2)))));
      o += rowBytes;
    }
  }
  for (; i < n; i++) {
    const at = <usize>i << 2;
    const t = load<f32>(top + at);
    const d = load<f32>(bottom + at) - t;
    for (let k = 0; k < count; k++) store<f32>(out + <usize>k * rowBytes + at, t + d * load<f32>(fracs + (<usize>k << 2)));
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
        if (heldA == u) { blendColumns(image, t, rows + rowBytes, inW, channels, outW, left, right, colFrac); heldB = t; }
        else { blendColumns(image, t, rows, inW, channels, outW, left, right, colFrac); heldA = t; }
      }
      if (u != heldA && u != heldB) {
        if (heldA == t) { blendColumns(image, u, rows + rowBytes, inW, channels, outW, left, right, colFrac); heldB = u; }
        else { blendColumns(image, u, rows, inW, channels, outW, left, right, colFrac); heldA = u; }
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
