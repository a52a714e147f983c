// Convolution (2-D, or 3-D: every routine reads the geometry's depth) and its two gradients as GEMMs over
// the patch matrix P (one row per output pixel, see im2col.ts), in chunks of output pixels so that each
// chunk of P is built and consumed while in cache:
//   forward          y  = P · W                (W: filterD·filterH·filterW·inC × outC, the filter as stored)
//   input gradient   dx = col2im(dy · Wᵀ)
//   filter gradient  dW = Pᵀ · dy              (summed over chunks)
// A pointwise convolution (1×1, stride 1, no padding) skips the patch matrix: P is the input itself. Every
// routine takes the call's geometry g, its epilogue e (linear for the gradients) and its scratch block
// (scratch.ts): the GEMM's buffers, the patches, a partial sum.
import { Epilogue } from '../gemm/epilogue';
import { gemm } from '../gemm/gemm';
import { gemv } from '../gemm/gemv';
import { addFloats, zeroFloats } from '../simd/copy';
import { ConvGeometry } from './geometry';
import { col2im, im2col } from './im2col';
import { chunkRows, gemmBuffersIn, partialIn, patchesIn } from './scratch';
import { shallowProduct, shallowWindows } from './shallow_product';

/**
 * C = A·B (gemm's arguments) for the convolutions' products. One output channel makes products of one column
 * (forward, filter gradient) and a depth of one (input gradient): the packed 4×8 tile would waste most of
 * its work on them, so those run unpacked, as dot products or rows scaled and added.
 */
function product(
  e: Epilogue, m: i32, n: i32, k: i32, a: usize, rsA: i32, csA: i32, b: usize, rsB: i32, csB: i32, c: usize,
  ldc: i32, scratch: usize, packedB: usize = 0,
): void {
  if (packedB == 0 && (n == 1 || k == 1) && gemv(e, m, n, k, a, rsA, csA, b, rsB, csB, c, ldc)) return;
  gemm(e, m, n, k, a, rsA, csA, b, rsB, csB, c, ldc, gemmBuffersIn(scratch), packedB);
}

/** Deepest product of patches run unpacked (shallowProduct): beyond, packing pays for itself. */
export const SHALLOW_DEPTH: i32 = 48;
/**
 * Deepest pointwise product run unpacked. Its A is the input as it lies and an 8-column strip of the filter
 * (k × 32 bytes) stays in L1 while the rows sweep it, so packing A buys nothing back: measured 1.15–1.3× the
 * packed GEMM's speed at depths 96–576 on both builds (B packed on every call), and about even at 960–1024
 * on the plain one.
 */
export const POINTWISE_SHALLOW_DEPTH: i32 = 768;
/**
 * A pointwise product at least this deep into at least POINTWISE_WIDE_CHANNELS output channels runs packed
 * anyway: the filter, read as stored, is a strip of k cache lines per 8 columns, which a wide filter's strips
 * evict from L1 as fast as the rows sweep them, where its packing (kept between calls for weights) is one
 * contiguous panel. Measured against the GEMM with B kept packed (784–3136 pixels): depth ≥ 64 into 384–960
 * channels 1.05–1.18× faster packed on both builds, into 96–192 about even; 16–32 channels 1.05–1.18× faster
 * unpacked at every depth.
 */
export const POINTWISE_WIDE_DEPTH: i32 = 64;
export const POINTWISE_WIDE_CHANNELS: i32 = 128;

/** Whether a pointwise product of depth k into outC channels runs unpacked (shallowProduct). */
export function pointwiseUnpacked(k: i32, outC: i32): bool {
  return k <= POINTWISE_SHALLOW_DEPTH && (k < POINTWISE_WIDE_DEPTH || outC < POINTWISE_WIDE_CHANNELS);
}

/**
 * The forward product of m output pixels (rows of length k, lda floats apart) and the filter: unpacked where
 * `unpacked` says so (and there are 4 output channels or more); else on the GEMM, from `packedFilter` where
 * it is not 0 (the filter packed whole, as tiles.ts lays out B).
 */
function forwardProduct(
  e: Epilogue, outC: i32, m: i32, k: i32, a: usize, lda: i32, filter: usize, out: usize, scratch: usize,
  unpacked: bool, packedFilter: usize,
): void {
  if (unpacked && outC >= 4) shallowProduct(e, m, outC, k, a, lda, filter, out, outC);
  else product(e, m, outC, k, a, lda, 1, filter, outC, 1, out, outC, scratch, packedFilter);
}

/**
 * Whether the forward product of a convolution (k = its patch length) runs on the packed GEMM, whose B (the
 * filter) can then come packed once for many calls (a model's weights): a pointwise one where it is not run
 * unpacked, any other deeper than the unpacked patch product; either with two output channels or more (one
 * makes dot products).
 */
export function forwardPacksFilter(pointwise: bool, k: i32, outC: i32): bool {
  return outC > 1 && (pointwise ? !pointwiseUnpacked(k, outC) : k > SHALLOW_DEPTH);
}

/**
 * out = e(conv(x, filter)). `packedFilter` (not 0, only where forwardPacksFilter): the filter packed whole for
 * the GEMM, read instead of `filter`; the sums are those of packing it on the way, bit for bit.
 */
export function conv2dForward(
  g: ConvGeometry, e: Epilogue, x: usize, filter: usize, out: usize, scratch: usize, packedFilter: usize = 0,
): void {
  const outC = g.outC;
  const m = g.outPixels();
  const k = g.patchLength();
  if (m == 0 || outC == 0) return;
  if (g.isPointwise()) {
    forwardProduct(e, outC, m, k, x, k, filter, out, scratch, pointwiseUnpacked(k, outC), packedFilter);
    return;
  }
  if (k <= SHALLOW_DEPTH && outC >= 4 && g.dilationW == 1 && g.isFlat()) {
    shallowForward(g, e, x, filter, out, scratch);
    return;
  }
  patchForward(g, e, x, filter, out, 0, m, scratch, packedFilter);
}

/** Output pixels r0..r1 (counted over batch · outD · outH · outW) through the patch matrix, in cache-sized chunks. */
function patchForward(
  g: ConvGeometry, e: Epilogue, x: usize, filter: usize, out: usize, r0: i32, r1: i32, scratch: usize,
  packedFilter: usize = 0,
): void {
  const outC = g.outC;
  const k = g.patchLength();
  const rows = chunkRows(k);
  const patches = patchesIn(g, scratch);
  for (let c0 = r0; c0 < r1; c0 += rows) {
    const c1 = min(r1, c0 + rows);
    im2col(g, x, patches, c0, c1);
    const outRows = out + (<usize>c0 * <usize>outC << 2);
    forwardProduct(e, outC, c1 - c0, k, patches, k, filter, outRows, scratch, k <= SHALLOW_DEPTH, packedFilter);
  }
}

/**
 * A shallow 2-D convolution (few input channels, such as an RGB stem) row by row: the pixels whose window lies
 * inside the image read it in place (shallowWindows), the others through the patch matrix. Both sum every
 * output in the same order. Building the patch matrix cost about as much as the product at such depths.
 */
function shallowForward(g: ConvGeometry, e: Epilogue, x: usize, filter: usize, out: usize, scratch: usize): void {
  const outW = g.outW;
  const outC = g.outC;
  const strideW = g.strideW;
  const padLeft = g.padLeft;
  const pixelBytes = <usize>g.inC << 2;
  const rowBytes = <usize>g.inW * pixelBytes;
  // Output columns lo..hi have their window inside the image's width.
  const lo = min(outW, (padLeft + strideW - 1) / strideW);
  const lastStart = g.inW - g.filterW + padLeft; // the largest ox·strideW whose window ends inside
  const inside = lastStart < 0 ? lo : max(lo, min(outW, lastStart / strideW + 1));
  // The pixels of a short right edge (one or two, often) run with the interior pixels before them, up to 4:
  // the patch path's product then runs as 4-row tiles, not one dependent chain per output.
  const hi = inside < outW ? max(lo, min(inside, outW - 4)) : inside;
  const windowRows = (g.filterH - 1) * g.dilationH + 1;
  for (let b = 0; b < g.batch; b++) {
    const image = x + <usize>b * <usize>g.inH * rowBytes;
    for (let oy = 0; oy < g.outH; oy++) {
      const r = (b * g.outH + oy) * outW;
      const y0 = oy * g.strideH - g.padTop;
      if (y0 < 0 || y0 + windowRows > g.inH || lo >= hi) {
        patchForward(g, e, x, filter, out, r, r + outW, scratch);
        continue;
      }
      patchForward(g, e, x, filter, out, r, r + lo, scratch);
      const first = image + <usize>y0 * rowBytes + <usize>(lo * strideW - padLeft) * pixelBytes;
      shallowWindows(e, hi - lo, outC, g.filterH, g.filterW * g.inC, <usize>g.dilationH * rowBytes, first,
        <usize>strideW * pixelBytes, filter, out + (<usize>(r + lo) * <usize>outC << 2));
      patchForward(g, e, x, filter, out, r + hi, r + outW, scratch);
    }
  }
}

/** dx = the gradient of conv(x, filter) with respect to x, given dy. */
export function conv2dBackpropInput(
  g: ConvGeometry, e: Epilogue, dy: usize, filter: usize, dx: usize, scratch: usize,
): void {
  const inC = g.inC;
  const outC = g.outC;
  const m = g.outPixels();
  const k = g.patchLength();
  const inputSize = g.inPixels() * inC;
  if (inputSize == 0) return;
  if (g.isPointwise()) {
    product(e, m, inC, outC, dy, outC, 1, filter, 1, outC, dx, inC, scratch);
    return;
  }
  zeroFloats(dx, inputSize);
  if (m == 0) return;
  const rows = chunkRows(k);
  const patches = patchesIn(g, scratch);
  for (let r0 = 0; r0 < m; r0 += rows) {
    const r1 = min(m, r0 + rows);
    product(e, r1 - r0, k, outC, dy + (<usize>r0 * <usize>outC << 2), outC, 1, filter, 1, outC, patches, k, scratch);
    col2im(g, patches, dx, r0, r1);
  }
}

/**
 * dW[:, c0..c1) = the gradient of conv(x, filter) with respect to the filter, given dy: columns c0 to c1
 * of it (output channels; all of them for one thread, a block per thread when split).
 */
export function conv2dBackpropFilter(
  g: ConvGeometry, e: Epilogue, x: usize, dy: usize, dw: usize, c0: i32, c1: i32, scratch: usize,
): void {
  const outC = g.outC;
  const m = g.outPixels();
  const k = g.patchLength();
  const columns = c1 - c0;
  if (k == 0 || columns <= 0) return;
  // Row stride outC for dy and dW; the block starts at column c0 of both.
  const dyBlock = dy + (<usize>c0 << 2);
  const dwBlock = dw + (<usize>c0 << 2);
  if (g.isPointwise()) {
    product(e, k, columns, m, x, 1, k, dyBlock, outC, 1, dwBlock, outC, scratch);
    return;
  }
  if (m == 0) {
    for (let row = 0; row < k; row++) zeroFloats(dwBlock + (<usize>row * <usize>outC << 2), columns);
    return;
  }
  const rows = chunkRows(k);
  const patches = patchesIn(g, scratch);
  const partial = m > rows ? partialIn(g, scratch) + (<usize>c0 << 2) : 0;
  for (let r0 = 0; r0 < m; r0 += rows) {
    const r1 = min(m, r0 + rows);
    im2col(g, x, patches, r0, r1);
    const target = r0 == 0 ? dwBlock : partial;
    product(e, k, columns, r1 - r0, patches, 1, k, dyBlock + (<usize>r0 * <usize>outC << 2), outC, 1, target, outC,
      scratch);
    if (r0 > 0) addBlock(dwBlock, partial, k, columns, outC);
  }
}

/**
 * Threads: chunks q0..q1 of the filter gradient's chunks of output pixels (the loop above), each product
 * stored whole: chunk 0 into dW, chunk q > 0 into partials + (q − 1)·k·outC floats. Summing the partials into
 * dW in chunk order (conv2dSumPartials) then gives the loop's result bit for bit.
 */
export function conv2dBackpropFilterChunks(
  g: ConvGeometry, e: Epilogue, x: usize, dy: usize, dw: usize, partials: usize, q0: i32, q1: i32, scratch: usize,
): void {
  const outC = g.outC;
  const m = g.outPixels();
  const k = g.patchLength();
  const rows = chunkRows(k);
  const patches = patchesIn(g, scratch);
  for (let q = q0; q < q1; q++) {
    const r0 = q * rows;
    const r1 = min(m, r0 + rows);
    im2col(g, x, patches, r0, r1);
    const target = q == 0 ? dw : partials + (<usize>(q - 1) * <usize>k * <usize>outC << 2);
    product(e, k, outC, r1 - r0, patches, 1, k, dy + (<usize>r0 * <usize>outC << 2), outC, 1, target, outC, scratch);
  }
}

/** dW (`floats` floats) += each of the `chunks` − 1 partials, in chunk order. */
export function conv2dSumPartials(dw: usize, partials: usize, chunks: i32, floats: i32): void {
  for (let q = 1; q < chunks; q++) addFloats(dw, partials + (<usize>(q - 1) * <usize>floats << 2), floats);
}

/** dst += src over a block of `rows` rows of `columns` floats, both with row stride outC. */
function addBlock(dst: usize, src: usize, rows: i32, columns: i32, outC: i32): void {
  if (columns == outC) {
    addFloats(dst, src, rows * columns);
    return;
  }
  for (let row = 0; row < rows; row++) {
    const at = <usize>row * <usize>outC << 2;
    addFloats(dst + at, src + at, columns);
  }
}
