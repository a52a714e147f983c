// gemv.ts's row product for one row of A against a B met again unchanged (a model's weights), from a copy of
// B packed once into panels of GEMV_PANEL columns: panel after panel, k rows of GEMV_PANEL contiguous floats.
// Each panel is one sequential stream whose sums stay in registers over all k rows, where gemv.ts streams four
// rows of B at a time and reads and writes its partial sums once per four rows: 1×1280·1280×1000 with B in
// L3 measured ~0.09 → ~0.07 ms. Every output still starts from +0 and adds rows p = 0..k−1 in order, one
// madd each, and the last n mod 4 columns are summed as scalars as gemv.ts sums them: the results are
// gemv.ts's bit for bit.
import { Epilogue, finishScalar, finishStored, hasEpilogue } from './epilogue';
import { allFinite } from '../simd/finite';
import { madd } from '../simd/madd';

/**
 * Columns per panel: six v128 sums (eight measured ~2× slower: V8 spills registers). Whole panels are summed
 * two at a time, twelve sums from one splat of x[p]: 4–14% faster on 784×500 and 1280×1000, plain and relaxed.
 */
export const GEMV_PANEL: i32 = 24;
const ROW_BYTES: usize = <usize>GEMV_PANEL * 4;

/**
 * Bytes before the panels: an i32, 1 when every value of B is finite (then a row p with x[p] = ±0 adds ±0 to
 * every sum, which leaves it as it is, and may be skipped), padded to a vector.
 */
const HEADER_BYTES: usize = 16;

/** Bytes of B (k × n) packed into panels, after the header. */
export function gemvPackedBytes(n: i32, k: i32): usize {
  return HEADER_BYTES + <usize>((n + GEMV_PANEL - 1) / GEMV_PANEL) * ROW_BYTES * <usize>k;
}

/**
 * Packs B (k × n, row p at b + p·rowStride bytes, contiguous columns) into panels after the header at `dst`
 * (gemvPackedBytes(n, k) bytes); columns of the last panel past n are zeros.
 */
export function packGemvPanels(n: i32, k: i32, b: usize, rowStride: usize, dst: usize): void {
  let to = dst + HEADER_BYTES;
  let finite = true;
  for (let j0 = 0; j0 < n; j0 += GEMV_PANEL) {
    const width = <usize>min(GEMV_PANEL, n - j0) * 4;
    let from = b + <usize>j0 * 4;
    for (let p = 0; p < k; p++, from += rowStride, to += ROW_BYTES) {
      memory.copy(to, from, width);
      if (width < ROW_BYTES) memory.fill(to + width, 0, ROW_BYTES - width);
      finite = finite && allFinite(to, <i32>(ROW_BYTES >> 2));
    }
  }
  store<i32>(dst, finite ? 1 : 0);
}

/** Whether a quarter or more of x[0..k) (x[p] at x + p·xStride) is ±0: rows worth skipping. */
function mostlySparse(k: i32, x: usize, xStride: usize): bool {
  let zeros = 0;
  let xp = x;
  for (let p = 0; p < k; p++, xp += xStride) zeros += i32(load<f32>(xp) == 0);
  return zeros * 4 >= k;
}

/**
 * y[0..n) = e(x·B) for the columns of B from panel `firstPanel` on (B packed by packGemvPanels at `packed`, k
 * rows), x[p] at x + p·xStride (bytes), as row 0 of C; `edge`: GEMV_PANEL floats of scratch for the last panel's
 * sums when it is partial. Where B is all finite and x is a quarter or more zeros (ReLU outputs, one-hot or
 * mostly blank inputs), the rows of B facing a zero are not read.
 */
export function gemvPacked(
  e: Epilogue, n: i32, k: i32, x: usize, xStride: usize, packed: usize, firstPanel: i32, y: usize, edge: usize,
): void {
  const panelBytes = ROW_BYTES * <usize>k;
  const panels = packed + HEADER_BYTES + <usize>firstPanel * panelBytes;
  const skipZeros = load<i32>(packed) != 0 && mostlySparse(k, x, xStride);
  let panel = panels;
  let j0 = 0;
  if (!skipZeros) {
    // Two whole panels at a time: twelve independent sums (a fused multiply-add's latency hidden).
    for (; j0 + 2 * GEMV_PANEL <= n; j0 += 2 * GEMV_PANEL, panel += 2 * panelBytes) {
      panelPairSums(k, x, xStride, panel, panelBytes, y + <usize>j0 * 4);
    }
  }
  for (; j0 < n; j0 += GEMV_PANEL, panel += panelBytes) {
    const out = y + <usize>j0 * 4;
    const sums = j0 + GEMV_PANEL <= n ? out : edge;
    if (skipZeros) panelSumsSkippingZeros(k, x, xStride, panel, sums);
    else panelSums(k, x, xStride, panel, sums);
    if (sums == edge) memory.copy(out, edge, <usize>(n - j0) * 4);
  }
  const n4 = n & ~3;
  for (let j = n4; j < n; j++) {
    const column = panels + <usize>(j / GEMV_PANEL) * panelBytes + <usize>(j % GEMV_PANEL) * 4;
    store<f32>(y + <usize>j * 4, columnSum(k, x, xStride, column));
  }
  if (!hasEpilogue(e)) return;
  finishStored(e, y, n4, 0, 0);
  for (let j = n4; j < n; j++) {
    const at = y + <usize>j * 4;
    store<f32>(at, finishScalar(e, load<f32>(at), 0, j));
  }
}

/** out[0..GEMV_PANEL) = Σ_p x[p]·panel row p, from +0, rows in order. */
function panelSums(k: i32, x: usize, xStride: usize, panel: usize, out: usize): void {
  let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0);
  let s3 = f32x4.splat(0), s4 = f32x4.splat(0), s5 = f32x4.splat(0);
  let xp = x;
  const end = panel + ROW_BYTES * <usize>k;
  for (let w = panel; w < end; w += ROW_BYTES, xp += xStride) {
    const xv = v128.load32_splat(xp);
    s0 = madd(xv, v128.load(w), s0);
    s1 = madd(xv, v128.load(w, 16), s1);
    s2 = madd(xv, v128.load(w, 32), s2);
    s3 = madd(xv, v128.load(w, 48), s3);
    s4 = madd(xv, v128.load(w, 64), s4);
    s5 = madd(xv, v128.load(w, 80), s5);
  }
  v128.store(out, s0);
  v128.store(out, s1, 16);
  v128.store(out, s2, 32);
  v128.store(out, s3, 48);
  v128.store(out, s4, 64);
  v128.store(out, s5, 80);
}

/** panelSums of two panels side by side (the second panelBytes after the first) into out[0..2·GEMV_PANEL). */
function panelPairSums(k: i32, x: usize, xStride: usize, panel: usize, panelBytes: usize, out: usize): void {
  let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0);
  let s3 = f32x4.splat(0), s4 = f32x4.splat(0), s5 = f32x4.splat(0);
  let t0 = f32x4.splat(0), t1 = f32x4.splat(0), t2 = f32x4.splat(0);
  let t3 = f32x4.splat(0), t4 = f32x4.splat(0), t5 = f32x4.splat(0);
  let xp = x;
  const end = panel + ROW_BYTES * <usize>k;
  for (let w = panel; w < end; w += ROW_BYTES, xp += xStride) {
    const xv = v128.load32_splat(xp);
    const v = w + panelBytes;
    s0 = madd(xv, v128.load(w), s0);
    s1 = madd(xv, v128.load(w, 16), s1);
    s2 = madd(xv, v128.load(w, 32), s2);
    s3 = madd(xv, v128.load(w, 48), s3);
    s4 = madd(xv, v128.load(w, 64), s4);
    s5 = madd(xv, v128.load(w, 80), s5);
    t0 = madd(xv, v128.load(v), t0);
    t1 = madd(xv, v128.load(v, 16), t1);
    t2 = madd(xv, v128.load(v, 32), t2);
    t3 = madd(xv, v128.load(v, 48), t3);
    t4 = madd(xv, v128.load(v, 64), t4);
    t5 = madd(xv, v128.load(v, 80), t5);
  }
  v128.store(out, s0);
  v128.store(out, s1, 16);
  v128.store(out, s2, 32);
  v128.store(out, s3, 48);
  v128.store(out, s4, 64);
  v128.store(out, s5, 80);
  v128.store(out, t0, 96);
  v128.store(out, t1, 112);
  v128.store(out, t2, 128);
  v128.store(out, t3, 144);
  v128.store(out, t4, 160);
  v128.store(out, t5, 176);
}

/**
 * panelSums, the rows facing x[p] = ±0 skipped (B all finite: they would add ±0 to sums that start at +0). A
 * loop of its own: one inlined loop with the skip as a constant flag measured ~25% slower on sparse rows.
 */
function panelSumsSkippingZeros(k: i32, x: usize, xStride: usize, panel: usize, out: usize): void {
  let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0);
  let s3 = f32x4.splat(0), s4 = f32x4.splat(0), s5 = f32x4.splat(0);
  let xp = x;
  const end = panel + ROW_BYTES * <usize>k;
  for (let w = panel; w < end; w += ROW_BYTES, xp += xStride) {
    const xs = load<f32>(xp);
    if (xs == 0) continue;
    const xv = f32x4.splat(xs);
    s0 = madd(xv, v128.load(w), s0);
    s1 = madd(xv, v128.load(w, 16), s1);
    s2 = madd(xv, v128.load(w, 32), s2);
    s3 = madd(xv, v128.load(w, 48), s3);
    s4 = madd(xv, v128.load(w, 64), s4);
    s5 = madd(xv, v128.load(w, 80), s5);
  }
  v128.store(out, s0);
  v128.store(out, s1, 16);
  v128.store(out, s2, 32);
  v128.store(out, s3, 48);
  v128.store(out, s4, 64);
  v128.store(out, s5, 80);
}

/** Σ_p x[p]·column[p·GEMV_PANEL] in float32 multiplies and adds, from +0: gemv.ts's scalar tail. */
function columnSum(k: i32, x: usize, xStride: usize, column: usize): f32 {
  let sum: f32 = 0;
  let xp = x;
  const end = column + ROW_BYTES * <usize>k;
  for (let w = column; w < end; w += ROW_BYTES, xp += xStride) sum += load<f32>(xp) * load<f32>(w);
  return sum;
}
