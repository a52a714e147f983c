// Products without packing: a row vector (or a few rows, M ≤ 3 at the call site) times a matrix, and a
// matrix times a column vector (N = 1), computed from the operands where they live. Packing would copy the
// whole matrix to use each of its values once or a few times; here each value is read once, vectorised
// along whichever dimension of the matrix is contiguous in memory: across its rows (y += x[k]·row k) or
// along k (dot products). The epilogue (bias, activation) runs on the finished outputs, as in the GEMM's
// store step.
import { Epilogue, finishScalar, finishStored, hasEpilogue } from './epilogue';
import { madd } from '../simd/madd';

// What happens to finished outputs: stored as they are, or through the epilogue as row i of C, or (N = 1,
// computed as Cᵀ = op(B)ᵀ·op(A)ᵀ) as the column C[0..n, 0].
const STORE: i32 = 0;
const FINISH_ROW: i32 = 1;
const FINISH_COLUMN: i32 = 2;

/**
 * C = A·B (strides in elements, as gemm()) without packing: N = 1 as a matrix-vector product; otherwise
 * row by row of A (meant for M = 1 and small M) when op(B) has contiguous rows, or when op(B)ᵀ does and A
 * has contiguous rows (dot products). Returns false, having done nothing, for other layouts and for
 * k = 0 (which gemm() fills).
 */
export function gemv(
  e: Epilogue, m: i32, n: i32, k: i32,
  a: usize, rsA: i32, csA: i32,
  b: usize, rsB: i32, csB: i32,
  c: usize, ldc: i32,
): bool {
  if (k == 0) return false;
  const finishing = hasEpilogue(e);
  if (n == 1 && m > 1 && ldc == 1) {
    // The column C[.., 0] as the row Cᵀ = op(B)ᵀ·op(A)ᵀ, x = column 0 of op(B); element (p, i) of op(A)ᵀ
    // at a + i·rsA + p·csA.
    const column = finishing ? FINISH_COLUMN : STORE;
    if (rsA == 1) {
      axpyRows(e, 1, m, k, b, 0, <usize>rsB * 4, a, <usize>csA * 4, c, 0, column);
      return true;
    }
    if (csA == 1 && rsB == 1) {
      dotRows(e, m, k, b, a, <usize>rsA * 4, c, 0, column);
      return true;
    }
  }
  const row = finishing ? FINISH_ROW : STORE;
  // Rows of C = rows of A times op(B); element (p, j) of op(B) at b + p·rsB + j·csB.
  if (csB == 1) {
    axpyRows(e, m, n, k, a, <usize>rsA * 4, <usize>csA * 4, b, <usize>rsB * 4, c, <usize>ldc * 4, row);
    return true;
  }
  if (rsB == 1 && csA == 1) {
    for (let i = 0; i < m; i++) {
      dotRows(e, n, k, a + <usize>i * <usize>rsA * 4, b, <usize>csB * 4, c + <usize>i * <usize>ldc * 4, i, row);
    }
    return true;
  }
  return false;
}

/**
 * Y[i, j] = Σ_p X[i, p]·W[p, j] for i < rows, j < n: X[i, p] at x + i·xRowStride + p·xStride, row p of W at
 * w + p·wRowStride with contiguous columns, row i of Y at y + i·yRowStride (all in bytes).
 * W is streamed four rows at a time, front to back (sequential reads, which measured ~30% faster than
 * walking down columns in register-resident blocks); the four rows stay in L1 while every row of X uses
 * them, and the partial sums of Y, in L1 too, are read and written once per four rows. Y starts at zero
 * and every pass adds to it, so the loops carry no first-pass branch (0 + x·w is what a first pass
 * computed). `finish`: STORE, FINISH_ROW or FINISH_COLUMN.
 */
function axpyRows(
  e: Epilogue, rows: i32, n: i32, k: i32, x: usize, xRowStride: usize, xStride: usize, w: usize, wRowStride: usize,
  y: usize, yRowStride: usize, finish: i32,
): void {
  for (let i = 0; i < rows; i++) memory.fill(y + <usize>i * yRowStride, 0, <usize>n * 4);
  let p = 0;
  for (; p + 4 <= k; p += 4) {
    const block = w + <usize>p * wRowStride;
    for (let i = 0; i < rows; i++) {
      const xi = x + <usize>i * xRowStride + <usize>p * xStride;
      addFourRows(n, xi, xStride, block, wRowStride, y + <usize>i * yRowStride);
    }
  }
  for (; p < k; p++) {
    const row = w + <usize>p * wRowStride;
    for (let i = 0; i < rows; i++) {
      addRow(n, load<f32>(x + <usize>i * xRowStride + <usize>p * xStride), row, y + <usize>i * yRowStride);
    }
  }
  if (finish == STORE) return;
  const n4 = n & ~3;
  for (let i = 0; i < rows; i++) {
    const yi = y + <usize>i * yRowStride;
    finishBlock(e, yi, n4, i, 0, finish);
    for (let j = n4; j < n; j++) storeFinished(e, yi, i, j, load<f32>(yi + <usize>j * 4), finish);
  }
}

/**
 * y[0..n) += Σ_{q<4} x[q]·W[q, 0..n), in order q = 0..3, rows of W `rowStride` bytes apart: one pointer walks
 * row 0, rows 1–3 are at fixed distances from it. Sixteen columns per iteration, as four groups that each
 * load, update and store their four sums: the store ends a group, which keeps V8 from hoisting all sixteen
 * loads of W ahead of the arithmetic and spilling registers (8 rows or 16 columns in one group measured
 * 10–30% slower). 1×1280·1280×1000, W in L3: ~0.13 → ~0.09 ms plain, ~0.08 ms relaxed.
 */
function addFourRows(n: i32, x: usize, xStride: usize, w: usize, rowStride: usize, y: usize): void {
  const f0 = load<f32>(x), f1 = load<f32>(x + xStride), f2 = load<f32>(x + 2 * xStride), f3 = load<f32>(x + 3 * xStride);
  const x0 = f32x4.splat(f0), x1 = f32x4.splat(f1), x2 = f32x4.splat(f2), x3 = f32x4.splat(f3);
  const d1 = rowStride, d2 = 2 * rowStride, d3 = 3 * rowStride;
  let wp = w;
  let yp = y;
  const end16 = w + <usize>(n & ~15) * 4;
  for (; wp < end16; wp += 64, yp += 64) {
    addFourRowsGroup(x0, x1, x2, x3, wp, d1, d2, d3, yp);
    addFourRowsGroup(x0, x1, x2, x3, wp + 16, d1, d2, d3, yp + 16);
    addFourRowsGroup(x0, x1, x2, x3, wp + 32, d1, d2, d3, yp + 32);
    addFourRowsGroup(x0, x1, x2, x3, wp + 48, d1, d2, d3, yp + 48);
  }
  const end4 = w + <usize>(n & ~3) * 4;
  for (; wp < end4; wp += 16, yp += 16) addFourRowsGroup(x0, x1, x2, x3, wp, d1, d2, d3, yp);
  const end = w + <usize>n * 4;
  for (; wp < end; wp += 4, yp += 4) {
    let s = load<f32>(yp);
    s += f0 * load<f32>(wp);
    s += f1 * load<f32>(wp + d1);
    s += f2 * load<f32>(wp + d2);
    s += f3 * load<f32>(wp + d3);
    store<f32>(yp, s);
  }
}

/** y[0..4) += x0·w[0..4) + x1·w[d1..) + x2·w[d2..) + x3·w[d3..), one madd per row, in that order. */
@inline
function addFourRowsGroup(
  x0: v128, x1: v128, x2: v128, x3: v128, w: usize, d1: usize, d2: usize, d3: usize, y: usize,
): void {
  let s = v128.load(y);
  s = madd(x0, v128.load(w), s);
  s = madd(x1, v128.load(w + d1), s);
  s = madd(x2, v128.load(w + d2), s);
  s = madd(x3, v128.load(w + d3), s);
  v128.store(y, s);
}

/** y[0..n) += f·w[0..n). */
function addRow(n: i32, f: f32, w: usize, y: usize): void {
  const xv = f32x4.splat(f);
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const o = <usize>j * 4;
    v128.store(y + o, madd(xv, v128.load(w + o), v128.load(y + o)));
  }
  for (; j < n; j++) {
    const o = <usize>j * 4;
    store<f32>(y + o, load<f32>(y + o) + f * load<f32>(w + o));
  }
}

/**
 * y[j] = Σ_p x[p]·W[j, p] for j < n, where row j of W is at w + j·rowStride (bytes), contiguous over p,
 * and x is contiguous: dot products, four rows at a time so each load of x serves four of them. The outputs
 * are row i of C (or, for a transposed output, its column).
 */
function dotRows(e: Epilogue, n: i32, k: i32, x: usize, w: usize, rowStride: usize, y: usize, i: i32, finish: i32): void {
  const k4 = k & ~3;
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const r0 = w + <usize>j * rowStride;
    const r1 = r0 + rowStride;
    const r2 = r1 + rowStride;
    const r3 = r2 + rowStride;
    let s0 = f32x4.splat(0), s1 = f32x4.splat(0), s2 = f32x4.splat(0), s3 = f32x4.splat(0);
    for (let p = 0; p < k4; p += 4) {
      const off = <usize>p * 4;
      const xv = v128.load(x + off);
      s0 = madd(xv, v128.load(r0 + off), s0);
      s1 = madd(xv, v128.load(r1 + off), s1);
      s2 = madd(xv, v128.load(r2 + off), s2);
      s3 = madd(xv, v128.load(r3 + off), s3);
    }
    // Transpose-and-add: lane q of the result is the horizontal sum of s_q.
    const t01 = f32x4.add(v128.shuffle<f32>(s0, s1, 0, 4, 1, 5), v128.shuffle<f32>(s0, s1, 2, 6, 3, 7));
    const t23 = f32x4.add(v128.shuffle<f32>(s2, s3, 0, 4, 1, 5), v128.shuffle<f32>(s2, s3, 2, 6, 3, 7));
    let sums = f32x4.add(v128.shuffle<f32>(t01, t23, 0, 1, 4, 5), v128.shuffle<f32>(t01, t23, 2, 3, 6, 7));
    if (k4 < k) {
      sums = f32x4.add(sums, f32x4(
        tailDot(x, r0, k4, k), tailDot(x, r1, k4, k), tailDot(x, r2, k4, k), tailDot(x, r3, k4, k)));
    }
    const out = y + <usize>j * 4;
    v128.store(out, sums);
    finishBlock(e, out, 4, i, j, finish);
  }
  for (; j < n; j++) {
    const row = w + <usize>j * rowStride;
    let s = f32x4.splat(0);
    for (let p = 0; p < k4; p += 4) s = madd(v128.load(x + <usize>p * 4), v128.load(row + <usize>p * 4), s);
    // The lanes summed in the order of the four-row body's transpose-and-add, so that a row's result does
    // not depend on whether it falls in a group of four (callers may cut the rows anywhere).
    const lanes = (f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 2)) +
      (f32x4.extract_lane(s, 1) + f32x4.extract_lane(s, 3));
    const sum = k4 < k ? lanes + tailDot(x, row, k4, k) : lanes;
    storeFinished(e, y, i, j, sum, finish);
  }
}

/** Σ x[p]·row[p] for p in [from, to): the k values past the last whole v128. */
@inline
function tailDot(x: usize, row: usize, from: i32, to: i32): f32 {
  let sum: f32 = 0;
  for (let p = from; p < to; p++) sum += load<f32>(x + <usize>p * 4) * load<f32>(row + <usize>p * 4);
  return sum;
}

/**
 * Epilogue e of the `count` (a multiple of 4) outputs stored at `at`: row i, columns o, o + 1, … of C (for a
 * transposed output: column i, rows o, o + 1, …).
 */
@inline
function finishBlock(e: Epilogue, at: usize, count: i32, i: i32, o: i32, finish: i32): void {
  if (finish == STORE) return;
  if (finish == FINISH_ROW) {
    finishStored(e, at, count, i, o);
    return;
  }
  for (let q = 0; q < count; q++) {
    const to = at + <usize>q * 4;
    store<f32>(to, finishScalar(e, load<f32>(to), o + q, i));
  }
}

/** Stores output o of vector i (row i of C, or column i when transposed) at y + o·4, through the epilogue e. */
@inline
function storeFinished(e: Epilogue, y: usize, i: i32, o: i32, x: f32, finish: i32): void {
  if (finish != STORE) x = finish == FINISH_COLUMN ? finishScalar(e, x, o, i) : finishScalar(e, x, i, o);
  store<f32>(y + <usize>o * 4, x);
}
