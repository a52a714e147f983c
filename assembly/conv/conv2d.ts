// Convolution and its two gradients as GEMMs over the patch matrix P (one row per output pixel, see
// im2col.ts), in chunks of output pixels so that each chunk of P is built and consumed while in cache:
//   forward          y  = P · W                (W: filterH·filterW·inC × outC, the filter as stored)
//   input gradient   dx = col2im(dy · Wᵀ)
//   filter gradient  dW = Pᵀ · dy              (summed over chunks)
// A pointwise convolution (1×1, stride 1, no padding) skips the patch matrix: P is the input itself. Every
// routine takes the convolution's scratch block (scratch.ts): the GEMM's buffers, the patches, a partial sum.
import { gemm } from '../gemm/gemm';
import { gemv } from '../gemm/gemv';
import { addFloats, zeroFloats } from '../simd/copy';
import {
  batch, dilationH, dilationW, filterH, filterW, inC, inH, inW, isPointwise, outC, outH, outPixels, outW, padLeft, padTop,
  patchLength, strideH, strideW,
} from './geometry';
import { col2im, im2col } from './im2col';
import { chunkRows, partialIn, patchesIn } from './scratch';
import { shallowProduct, shallowWindows } from './shallow_product';

/**
 * C = A·B (gemm's arguments) for the convolutions' products. One output channel makes products of one column
 * (forward, filter gradient) and a depth of one (input gradient): the packed 4×8 tile would waste most of
 * its work on them, so those run unpacked, as dot products or rows scaled and added.
 */
function product(
  m: i32, n: i32, k: i32, a: usize, rsA: i32, csA: i32, b: usize, rsB: i32, csB: i32, c: usize, ldc: i32,
  scratch: usize,
): void {
  if ((n == 1 || k == 1) && gemv(m, n, k, a, rsA, csA, b, rsB, csB, c, ldc)) return;
  gemm(m, n, k, a, rsA, csA, b, rsB, csB, c, ldc, scratch);
}

/** Deepest forward product run unpacked (shallowProduct): beyond, packing pays for itself. */
const SHALLOW_DEPTH: i32 = 48;

/** The forward product of m output pixels (patch rows of length k, lda floats apart) and the filter. */
function forwardProduct(m: i32, k: i32, a: usize, lda: i32, filter: usize, out: usize, scratch: usize): void {
  if (k <= SHALLOW_DEPTH && outC >= 4) shallowProduct(m, outC, k, a, lda, filter, out, outC);
  else product(m, outC, k, a, lda, 1, filter, outC, 1, out, outC, scratch);
}

/** out = epilogue(conv(x, filter)), with the GEMM's current epilogue. */
export function conv2dForward(x: usize, filter: usize, out: usize, scratch: usize): void {
  const m = outPixels();
  const k = patchLength();
  if (m == 0 || outC == 0) return;
  if (isPointwise()) {
    forwardProduct(m, k, x, k, filter, out, scratch);
    return;
  }
  if (k <= SHALLOW_DEPTH && outC >= 4 && dilationW == 1) {
    shallowForward(x, filter, out, scratch);
    return;
  }
  patchForward(x, filter, out, 0, m, scratch);
}

/** Output pixels r0..r1 (counted over batch · outH · outW) through the patch matrix, in cache-sized chunks. */
function patchForward(x: usize, filter: usize, out: usize, r0: i32, r1: i32, scratch: usize): void {
  const k = patchLength();
  const rows = chunkRows(k);
  const patches = patchesIn(scratch);
  for (let c0 = r0; c0 < r1; c0 += rows) {
    const c1 = min(r1, c0 + rows);
    im2col(x, patches, c0, c1);
    forwardProduct(c1 - c0, k, patches, k, filter, out + (<usize>c0 * <usize>outC << 2), scratch);
  }
}

/**
 * A shallow convolution (few input channels, such as an RGB stem) row by row: the pixels whose window lies
 * inside the image read it in place (shallowWindows), the others through the patch matrix. Both sum every
 * output in the same order. Building the patch matrix cost about as much as the product at such depths.
 */
function shallowForward(x: usize, filter: usize, out: usize, scratch: usize): void {
  const pixelBytes = <usize>inC << 2;
  const rowBytes = <usize>inW * pixelBytes;
  // Output columns lo..hi have their window inside the image's width.
  const lo = min(outW, (padLeft + strideW - 1) / strideW);
  const lastStart = inW - filterW + padLeft; // the largest ox·strideW whose window ends inside
  const hi = lastStart < 0 ? lo : max(lo, min(outW, lastStart / strideW + 1));
  const windowRows = (filterH - 1) * dilationH + 1;
  for (let b = 0; b < batch; b++) {
    const image = x + <usize>b * <usize>inH * rowBytes;
    for (let oy = 0; oy < outH; oy++) {
      const r = (b * outH + oy) * outW;
      const y0 = oy * strideH - padTop;
      if (y0 < 0 || y0 + windowRows > inH || lo >= hi) {
        patchForward(x, filter, out, r, r + outW, scratch);
        continue;
      }
      patchForward(x, filter, out, r, r + lo, scratch);
      const first = image + <usize>y0 * rowBytes + <usize>(lo * strideW - padLeft) * pixelBytes;
      shallowWindows(hi - lo, outC, filterH, filterW * inC, <usize>dilationH * rowBytes, first,
        <usize>strideW * pixelBytes, filter, out + (<usize>(r + lo) * <usize>outC << 2));
      patchForward(x, filter, out, r + hi, r + outW, scratch);
    }
  }
}

/** dx = the gradient of conv(x, filter) with respect to x, given dy. */
export function conv2dBackpropInput(dy: usize, filter: usize, dx: usize, scratch: usize): void {
  const m = outPixels();
  const k = patchLength();
  const inputSize = batch * inH * inW * inC;
  if (inputSize == 0) return;
  if (isPointwise()) {
    product(m, inC, outC, dy, outC, 1, filter, 1, outC, dx, inC, scratch);
    return;
  }
  zeroFloats(dx, inputSize);
  if (m == 0) return;
  const rows = chunkRows(k);
  const patches = patchesIn(scratch);
  for (let r0 = 0; r0 < m; r0 += rows) {
    const r1 = min(m, r0 + rows);
    product(r1 - r0, k, outC, dy + (<usize>r0 * <usize>outC << 2), outC, 1, filter, 1, outC, patches, k, scratch);
    col2im(patches, dx, r0, r1);
  }
}

/**
 * dW[:, c0..c1) = the gradient of conv(x, filter) with respect to the filter, given dy: columns c0 to c1
 * of it (output channels; all of them for one thread, a block per thread when split).
 */
export function conv2dBackpropFilter(x: usize, dy: usize, dw: usize, c0: i32, c1: i32, scratch: usize): void {
  const m = outPixels();
  const k = patchLength();
  const columns = c1 - c0;
  if (k == 0 || columns <= 0) return;
  // Row stride outC for dy and dW; the block starts at column c0 of both.
  const dyBlock = dy + (<usize>c0 << 2);
  const dwBlock = dw + (<usize>c0 << 2);
  if (isPointwise()) {
    product(k, columns, m, x, 1, k, dyBlock, outC, 1, dwBlock, outC, scratch);
    return;
  }
  if (m == 0) {
    for (let row = 0; row < k; row++) zeroFloats(dwBlock + (<usize>row * <usize>outC << 2), columns);
    return;
  }
  const rows = chunkRows(k);
  const patches = patchesIn(scratch);
  const partial = m > rows ? partialIn(scratch) + (<usize>c0 << 2) : 0;
  for (let r0 = 0; r0 < m; r0 += rows) {
    const r1 = min(m, r0 + rows);
    im2col(x, patches, r0, r1);
    const target = r0 == 0 ? dwBlock : partial;
    product(k, columns, r1 - r0, patches, 1, k, dyBlock + (<usize>r0 * <usize>outC << 2), outC, 1, target, outC,
      scratch);
    if (r0 > 0) addBlock(dwBlock, partial, k, columns);
  }
}

/**
 * Threads: chunks q0..q1 of the filter gradient's chunks of output pixels (the loop above), each product
 * stored whole: chunk 0 into dW, chunk q > 0 into partials + (q − 1)·k·outC floats. Summing the partials into
 * dW in chunk order (conv2dSumPartials) then gives the loop's result bit for bit.
 */
export function conv2dBackpropFilterChunks(
  x: usize, dy: usize, dw: usize, partials: usize, q0: i32, q1: i32, scratch: usize,
): void {
  const m = outPixels();
  const k = patchLength();
  const rows = chunkRows(k);
  const patches = patchesIn(scratch);
  for (let q = q0; q < q1; q++) {
    const r0 = q * rows;
    const r1 = min(m, r0 + rows);
    im2col(x, patches, r0, r1);
    const target = q == 0 ? dw : partials + (<usize>(q - 1) * <usize>k * <usize>outC << 2);
    product(k, outC, r1 - r0, patches, 1, k, dy + (<usize>r0 * <usize>outC << 2), outC, 1, target, outC, scratch);
  }
}

/** Chunks of output pixels the filter gradient takes on the current geometry (not pointwise). */
export function filterGradientChunks(): i32 {
  const rows = chunkRows(patchLength());
  return (outPixels() + rows - 1) / rows;
}

/** dW += each of the `chunks` − 1 partials, in chunk order. */
export function conv2dSumPartials(dw: usize, partials: usize, chunks: i32): void {
  const floats = patchLength() * outC;
  for (let q = 1; q < chunks; q++) addFloats(dw, partials + (<usize>(q - 1) * <usize>floats << 2), floats);
}

/** dst += src over a block of `rows` rows of `columns` floats, both with row stride outC. */
function addBlock(dst: usize, src: usize, rows: i32, columns: i32): void {
  if (columns == outC) {
    addFloats(dst, src, rows * columns);
    return;
  }
  for (let row = 0; row < rows; row++) {
    const at = <usize>row * <usize>outC << 2;
    addFloats(dst + at, src + at, columns);
  }
}
