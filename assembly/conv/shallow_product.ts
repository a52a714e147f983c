// C = epilogue(A·B) for shallow products (small depth k: pointwise convolutions of few channels, the patch
// matrix of an RGB stem), read in place: A by rows (each value splat across the lanes), B by rows as stored
// (the filter, k rows of n). With a small k the packed GEMM would spend more on packing A and on loading and
// storing each output tile than on the k multiply-adds per output; here each output is summed in registers
// over the whole depth and stored once, finished. Tiles of 4 rows × 8 columns; edges by 1 row, 4 columns and
// single columns. Rows of A are processed in blocks that stay in L2 while every column block sweeps them.
// A row of A may also be read as `segments` runs of `span` floats, `segStep` bytes apart: the receptive field
// of an output pixel read in the input itself (one run per filter row), so a convolution of few input
// channels needs no patch matrix where its windows lie inside the image.
import {
  ACTIVATION_LEAKYRELU, ACTIVATION_LINEAR, ACTIVATION_PRELU, ACTIVATION_RELU, ACTIVATION_RELU6, activateBiased, activationBias, activationOf,
  ExpBased, LeakyRelu, Linear, Prelu, Relu, Relu6,
} from '../activation/activate';
import { biasVector, Epilogue, finishScalar, finishVector, slopeVector } from '../gemm/epilogue';
import { madd } from '../simd/madd';

/** Rows of A per block: ROW_BLOCK · k floats stay in L2 across the column blocks. */
const ROW_BLOCK: i32 = 256;

/**
 * Rows i..i+3, columns j..j+7 (A rows lda bytes apart, each read as `runs`; B rows ldb bytes apart, C rows ldc
 * bytes apart), finished with activation Act and the bias and slope of columns j..j+7 (b0v, b1v: their
 * activationBias; s0, s1).
 */
@inline
function tile4x8<Act>(
  e: Epilogue, segments: i32, span: i32, segStep: usize, a: usize, lda: usize, b: usize, ldb: usize, c: usize, ldc: usize,
  b0v: v128, b1v: v128, s0: v128, s1: v128,
): void {
  let c00 = f32x4.splat(0);
  let c01 = c00; let c10 = c00; let c11 = c00; let c20 = c00; let c21 = c00; let c30 = c00; let c31 = c00;
  // One do-while per run of A (a loop test at the bottom, as the GEMM micro-kernel's; an empty run has no
  // step); the four rows' values lie lda, 2·lda and 3·lda bytes past row 0's.
  const lda2 = lda << 1;
  const lda3 = lda2 + lda;
  const runs = span > 0 ? segments : 0;
  let bk = b;
  let run = a;
  for (let seg = 0; seg < runs; seg++) {
    let a0 = run;
    const end = a0 + (<usize>span << 2);
    do {
      const b0 = v128.load(bk);
      const b1 = v128.load(bk, 16);
      let x = v128.load32_splat(a0);
      c00 = madd(x, b0, c00); c01 = madd(x, b1, c01);
      x = v128.load32_splat(a0 + lda);
      c10 = madd(x, b0, c10); c11 = madd(x, b1, c11);
      x = v128.load32_splat(a0 + lda2);
      c20 = madd(x, b0, c20); c21 = madd(x, b1, c21);
      x = v128.load32_splat(a0 + lda3);
      c30 = madd(x, b0, c30); c31 = madd(x, b1, c31);
      a0 += 4;
      bk += ldb;
    } while (a0 < end);
    run += segStep;
  }
  const act = activationOf<Act>(e.activation);
  v128.store(c, activateBiased(f32x4.add(c00, b0v), act, s0)); v128.store(c, activateBiased(f32x4.add(c01, b1v), act, s1), 16);
  c += ldc;
  v128.store(c, activateBiased(f32x4.add(c10, b0v), act, s0)); v128.store(c, activateBiased(f32x4.add(c11, b1v), act, s1), 16);
  c += ldc;
  v128.store(c, activateBiased(f32x4.add(c20, b0v), act, s0)); v128.store(c, activateBiased(f32x4.add(c21, b1v), act, s1), 16);
  c += ldc;
  v128.store(c, activateBiased(f32x4.add(c30, b0v), act, s0)); v128.store(c, activateBiased(f32x4.add(c31, b1v), act, s1), 16);
}

/** Rows i0..fours (a multiple of 4 rows), columns 0..n8 (a multiple of 8), finished with activation Act. */
function tiles<Act>(
  e: Epilogue, i0: i32, fours: i32, n8: i32, segments: i32, span: i32, segStep: usize, a: usize, lda: usize, b: usize, ldb: usize,
  c: usize, ldc: usize,
): void {
  for (let j = 0; j < n8; j += 8) {
    const bj = b + (<usize>j << 2);
    const act = activationOf<Act>(e.activation);
    const b0v = activationBias(biasVector(e, j), act);
    const b1v = activationBias(biasVector(e, j + 4), act);
    const s0 = slopeVector(e, j);
    const s1 = slopeVector(e, j + 4);
    for (let i = i0; i < fours; i += 4) {
      tile4x8<Act>(e, segments, span, segStep, a + <usize>i * lda, lda, bj, ldb, c + <usize>i * ldc + (<usize>j << 2), ldc,
        b0v, b1v, s0, s1);
    }
  }
}

/** Row i (at a, read as runs), columns j..j+3. */
@inline
function tile1x4(e: Epilogue, segments: i32, span: i32, segStep: usize, a: usize, b: usize, ldb: usize, c: usize, i: i32, j: i32): void {
  let acc = f32x4.splat(0);
  let bk = b;
  for (let seg = 0; seg < segments; seg++) {
    const as = a + <usize>seg * segStep;
    for (let q = 0; q < span; q++) {
      acc = madd(v128.load32_splat(as + (<usize>q << 2)), v128.load(bk), acc);
      bk += ldb;
    }
  }
  v128.store(c, finishVector(e, acc, i, j));
}

/** Row i (at a, read as runs), column j. */
@inline
function dot(segments: i32, span: i32, segStep: usize, a: usize, b: usize, ldb: usize): f32 {
  let acc: f32 = 0;
  let bk = b;
  for (let seg = 0; seg < segments; seg++) {
    const as = a + <usize>seg * segStep;
    for (let q = 0; q < span; q++) {
      acc += load<f32>(as + (<usize>q << 2)) * load<f32>(bk);
      bk += ldb;
    }
  }
  return acc;
}

/** Rows i0..i1 (a multiple of 4 rows), columns 0..n8, finished with the current activation. */
function tilesActivated(
  e: Epilogue, i0: i32, i1: i32, n8: i32, segments: i32, span: i32, segStep: usize, a: usize, lda: usize, b: usize,
  ldb: usize, c: usize, ldc: usize,
): void {
  switch (e.activation) {
    case ACTIVATION_LINEAR: tiles<Linear>(e, i0, i1, n8, segments, span, segStep, a, lda, b, ldb, c, ldc); break;
    case ACTIVATION_RELU: tiles<Relu>(e, i0, i1, n8, segments, span, segStep, a, lda, b, ldb, c, ldc); break;
    case ACTIVATION_RELU6: tiles<Relu6>(e, i0, i1, n8, segments, span, segStep, a, lda, b, ldb, c, ldc); break;
    case ACTIVATION_LEAKYRELU: tiles<LeakyRelu>(e, i0, i1, n8, segments, span, segStep, a, lda, b, ldb, c, ldc); break;
    case ACTIVATION_PRELU: tiles<Prelu>(e, i0, i1, n8, segments, span, segStep, a, lda, b, ldb, c, ldc); break;
    default: tiles<ExpBased>(e, i0, i1, n8, segments, span, segStep, a, lda, b, ldb, c, ldc);
  }
}

/** Rows i0..i1 of C, every column. */
function rowBlock(
  e: Epilogue, i0: i32, i1: i32, n: i32, segments: i32, span: i32, segStep: usize, a: usize, lda: usize, b: usize, ldb: usize,
  c: usize, ldc: usize,
): void {
  const fours = i0 + ((i1 - i0) & ~3);
  const j = n & ~7;
  tilesActivated(e, i0, fours, j, segments, span, segStep, a, lda, b, ldb, c, ldc);
  // A remainder of 1 to 3 rows runs as one more 4-row tile, over the last four rows: it computes the rows it
  // shares with the previous tile again, to the same values. Row by row, each output would be one dependent
  // chain of k multiply-adds, several times slower per output.
  const tiled = fours < i1 && i1 - i0 >= 4 ? i1 : fours;
  if (tiled > fours) tilesActivated(e, i1 - 4, i1, j, segments, span, segStep, a, lda, b, ldb, c, ldc);
  // Column edge, then the row edge: one row at a time.
  for (let i = i0; i < i1; i++) {
    const ai = a + <usize>i * lda;
    const ci = c + <usize>i * ldc;
    let jj = i < tiled ? j : 0;
    for (; jj + 4 <= n; jj += 4) {
      tile1x4(e, segments, span, segStep, ai, b + (<usize>jj << 2), ldb, ci + (<usize>jj << 2), i, jj);
    }
    for (; jj < n; jj++) {
      const sum = dot(segments, span, segStep, ai, b + (<usize>jj << 2), ldb);
      store<f32>(ci + (<usize>jj << 2), finishScalar(e, sum, i, jj));
    }
  }
}

/**
 * C (m × n, rows ldc bytes apart) = epilogue(A · B (segments·span × n, rows n floats)), row i of A at a + i·lda
 * (bytes), read as `segments` runs of `span` floats, segStep bytes apart.
 */
function runsProduct(
  e: Epilogue, m: i32, n: i32, segments: i32, span: i32, segStep: usize, a: usize, lda: usize, b: usize, c: usize, ldc: usize,
): void {
  const bRow = <usize>n << 2;
  for (let i0 = 0; i0 < m; i0 += ROW_BLOCK) {
    rowBlock(e, i0, min(m, i0 + ROW_BLOCK), n, segments, span, segStep, a, lda, b, bRow, c, ldc);
  }
}

/** C (m × n, row stride ldc floats) = e(A (m × k, row stride lda floats) · B (k × n, rows n floats)). */
export function shallowProduct(e: Epilogue, m: i32, n: i32, k: i32, a: usize, lda: i32, b: usize, c: usize, ldc: i32): void {
  runsProduct(e, m, n, 1, k, 0, a, <usize>lda << 2, b, c, <usize>ldc << 2);
}

/**
 * C = e(A · B) for m output pixels of a convolution whose windows lie inside the input: row i of A (the
 * receptive field of pixel i, in the filter's (row, column, channel) order) is read in the input itself, as
 * `filterRows` runs of `span` floats (one filter row's pixels, contiguous), `rowStep` bytes apart, the pixels'
 * windows `pixelStep` bytes apart. B: the filter (rows n floats); C rows n floats apart.
 */
export function shallowWindows(
  e: Epilogue, m: i32, n: i32, filterRows: i32, span: i32, rowStep: usize, x: usize, pixelStep: usize, b: usize, c: usize,
): void {
  runsProduct(e, m, n, filterRows, span, rowStep, x, pixelStep, b, c, <usize>n << 2);
}
