// Convolutions split over threads (assembly/conv/threads.ts), in shares taken by whichever thread is free:
// forward and input-gradient shares are runs of whole images, several per thread (a single image's forward
// pass: runs of its output rows, or of its pixels when pointwise); filter-gradient shares
// are runs of the gradient's chunks of output pixels (each chunk's product kept apart, then summed in chunk
// order as one thread sums them) or, where there is one chunk or the partials would be too large, blocks of
// output channels on micro-tile edges. Every share computes its values as one thread would, so the results
// do not depend on the thread count. Convolutions too small to pay for the hand-over run on this thread.
import type { Chunk, ThreadPool } from '../../threads/pool.js';
import { cutRange } from '../../threads/ranges.js';
import { chunksFor, helpersFor, type SplitThreshold } from '../../threads/split_policy.js';
// CONV_BACKPROP_FILTER_CHUNKS: the filter gradient by chunks of output pixels (a share kind, not a kernel's).
import { CONV_BACKPROP_FILTER_CHUNKS, CONV_FORWARD_PACKED } from '../../wasm/constants.generated.js';
import type { SimdWasm } from '../../wasm/module.js';
import { CHUNK_MACS } from '../gemm/plan.js';
import { type GemmEpilogue, gemmF32, MR, NO_EPILOGUE, NR, PRODUCT_SPLIT } from '../gemm/threads.js';

export const CONV_FORWARD = 0;
export const CONV_BACKPROP_INPUT = 1;
export const CONV_BACKPROP_FILTER = 2;
export type ConvKind =
  | typeof CONV_FORWARD
  | typeof CONV_BACKPROP_INPUT
  | typeof CONV_BACKPROP_FILTER
  | typeof CONV_FORWARD_PACKED;
/**
 * Partial filter gradients kept at most, in bytes: beyond, filter gradients split by blocks of output
 * channels (or, with fewer than two blocks, stay on one thread).
 */
export const MAX_PARTIAL_BYTES = 16 << 20;

/** The conv family's first arguments: input and output [b, h, w, c] (b once), filter, strides, dilations, padding. */
export type ConvGeometry = [
  batch: number,
  inHeight: number,
  inWidth: number,
  inChannels: number,
  outHeight: number,
  outWidth: number,
  outChannels: number,
  filterHeight: number,
  filterWidth: number,
  strideHeight: number,
  strideWidth: number,
  dilationHeight: number,
  dilationWidth: number,
  padTop: number,
  padLeft: number,
];

const F32 = 4;

/**
 * The convolution `kind` on `geometry`: input, operand and out as conv_2d_share_f32 takes them, on as many
 * threads as pay off. A null epilogue stores plain values. `packedFilter` (not 0, forward only, where
 * packsFilter): the filter packed whole for the GEMM (wholeBPacking), read instead of the operand.
 */
export function convF32(
  wasm: SimdWasm,
  pool: ThreadPool | null,
  kind: ConvKind,
  geometry: ConvGeometry,
  input: number,
  operand: number,
  out: number,
  epilogue: GemmEpilogue | null,
  packedFilter = 0,
): void {
  const [b, , , ic, oh, ow, oc, fh, fw] = geometry;
  const macs = b * oh * ow * fh * fw * ic * oc;
  if (packedFilter !== 0 && isPointwise(geometry)) {
    // The product assembly/conv/conv2d.ts runs for it (input · filter), from the kept packing.
    const m = b * oh * ow;
    const split = b === 1 ? SINGLE_IMAGE_SPLIT : PRODUCT_SPLIT;
    gemmF32(wasm, pool, [m, oc, ic, input, ic, 1, operand, oc, 1, out, oc], epilogue, packedFilter, split);
    return;
  }
  if (packedFilter !== 0) {
    // Patches times the kept packing, in shares that all read it.
    convF32(wasm, pool, CONV_FORWARD_PACKED, geometry, input, packedFilter, out, epilogue);
    return;
  }
  if (kind === CONV_BACKPROP_FILTER) {
    // By chunks of output pixels where it can (no work repeated, many small shares), else by blocks of
    // output channels where there are two or more.
    const chunks = wasm.kernels.conv_2d_filter_gradient_chunks(...geometry);
    if (chunks >= 2 && partialBytesFor(geometry, chunks) <= MAX_PARTIAL_BYTES) {
      filterGradientByChunks(wasm, pool, geometry, input, operand, out, macs, chunks);
      return;
    }
    if (oc < 2 * NR) {
      convOnThisThread(wasm, kind, geometry, input, operand, out, null);
      return;
    }
  }
  const forward = kind === CONV_FORWARD || kind === CONV_FORWARD_PACKED;
  const units =
    kind === CONV_BACKPROP_FILTER
      ? Math.floor(oc / NR)
      : forward
        ? forwardUnits(wasm, geometry, kind === CONV_FORWARD_PACKED)
        : b;
  const threshold = forward && b === 1 ? SINGLE_IMAGE_SPLIT : PRODUCT_SPLIT;
  const workers = Math.min(units - 1, helpersFor(pool, macs, threshold));
  if (workers <= 0) {
    convOnThisThread(wasm, kind, geometry, input, operand, out, epilogue);
    return;
  }
  // Image runs cost nothing extra, so they are many (a late thread then holds the others up by one); each
  // block of output channels of the filter gradient rebuilds the patches of every image, so those are few.
  const parts = kind === CONV_BACKPROP_FILTER ? workers + 1 : chunksFor(macs, workers + 1, CHUNK_MACS);
  const shares = splitConv(kind, geometry, input, operand, out, epilogue ?? NO_EPILOGUE, parts);
  const scratchBytes = Math.max(
    ...shares.map(
      (share) => (wasm.call('conv_2d_share_f32_scratch_bytes', [kind, ...share.slice(1, 16)]) as number) >>> 0,
    ),
  );
  pool!.run('conv_2d_share_f32', shares, workers, scratchBytes);
}

/**
 * Multiply-adds per thread from which a single image's forward pass splits: as a product's with awake workers
 * (a model's kernels run back to back, so its workers poll between them), 2²⁰ with sleeping ones. Since each
 * share reuses the kept packed filter, splitting the 0.2–1.8M multiply-add convolutions of a batch-1
 * MobileNetV2 (α 0.35, 128×128, compiled, 2 shared cores, alternating runs) pays: 1.13× against splitting
 * from 2²⁰ (1.22× with GEMV_SPLIT's awake threshold lowered too).
 */
const SINGLE_IMAGE_SPLIT: SplitThreshold = { awake: 1 << 17, asleep: 1 << 20 };

/**
 * Shares a forward convolution can be cut into: its images, or for a single image (batch-1 inference) its
 * output rows, or for a pointwise one its output pixels in micro-tile rows. A single image whose product runs
 * on the packed GEMM stays whole unless its filter comes packed (`packed`): each share would pack it all.
 */
function forwardUnits(wasm: SimdWasm, geometry: ConvGeometry, packed: boolean): number {
  const [b, , , , oh, ow] = geometry;
  if (b > 1) return b;
  if (!packed && packsFilter(wasm, geometry)) return 1;
  return isPointwise(geometry) ? Math.ceil((oh * ow) / MR) : oh;
}

/**
 * Whether a 2-D forward convolution multiplies on the packed GEMM (assembly/conv/conv2d.ts's forwardPacksFilter),
 * whose packed filter can then be kept between calls.
 */
export function packsFilter(wasm: SimdWasm, geometry: ConvGeometry): boolean {
  const [, , , ic, , , oc, fh, fw] = geometry;
  return wasm.kernels.conv_2d_forward_packs_filter(isPointwise(geometry), fh * fw * ic, oc);
}

/** Whether a convolution is a plain product of its input (1×1 filter, stride 1, no padding): assembly/conv/geometry.ts's rule. */
export function isPointwise(geometry: ConvGeometry): boolean {
  const [, ih, iw, , oh, ow, , fh, fw, sh, sw, , , padTop, padLeft] = geometry;
  return fh === 1 && fw === 1 && sh === 1 && sw === 1 && padTop === 0 && padLeft === 0 && oh === ih && ow === iw;
}

/** Bytes of the partial filter gradients of chunks 1 … chunks−1. */
function partialBytesFor(geometry: ConvGeometry, chunks: number): number {
  const [, , , ic, , , oc, fh, fw] = geometry;
  return (chunks - 1) * fh * fw * ic * oc * F32;
}

/** The filter gradient, its `chunks` (≥ 2) chunks of output pixels split over threads. */
function filterGradientByChunks(
  wasm: SimdWasm,
  pool: ThreadPool | null,
  geometry: ConvGeometry,
  x: number,
  dy: number,
  dw: number,
  macs: number,
  chunks: number,
): void {
  const { kernels } = wasm;
  const workers = Math.min(chunks - 1, helpersFor(pool, macs, PRODUCT_SPLIT));
  if (workers <= 0) {
    convOnThisThread(wasm, CONV_BACKPROP_FILTER, geometry, x, dy, dw, null);
    return;
  }
  const partials = wasm.alloc(partialBytesFor(geometry, chunks));
  try {
    const parts = chunksFor(macs, workers + 1, CHUNK_MACS);
    const shares: Chunk[] = cutRange(chunks, parts).map(([q0, count]) => [
      CONV_BACKPROP_FILTER_CHUNKS,
      ...geometry,
      x,
      dy,
      dw,
      q0,
      q0 + count,
      partials,
      ...NO_EPILOGUE,
    ]);
    pool!.run(
      'conv_2d_share_f32',
      shares,
      workers,
      kernels.conv_2d_share_f32_scratch_bytes(CONV_BACKPROP_FILTER_CHUNKS, ...geometry) >>> 0,
    );
    kernels.conv_2d_sum_partials_f32(...geometry, dw, partials, chunks);
  } finally {
    wasm.free(partials);
  }
}

/**
 * The whole convolution as one share, on this thread, in a scratch block of its own: launched where that pays
 * (SimdWasm.launch); else its arguments are passed one by one: building and spreading arrays of them cost a
 * small convolution (2×2×8 → 8) about a fifth of its time.
 */
function convOnThisThread(
  wasm: SimdWasm,
  kind: ConvKind,
  geometry: ConvGeometry,
  input: number,
  operand: number,
  out: number,
  epilogue: GemmEpilogue | null,
): void {
  const { kernels } = wasm;
  const [b, ih, iw, ic, oh, ow, oc, fh, fw, sh, sw, dh, dw, padTop, padLeft] = geometry;
  const [activation, alpha, bias, biasRs, biasCs, prelu, preluRs, preluCs] = epilogue ?? NO_EPILOGUE;
  const bytes =
    kernels.conv_2d_share_f32_scratch_bytes(
      kind,
      b,
      ih,
      iw,
      ic,
      oh,
      ow,
      oc,
      fh,
      fw,
      sh,
      sw,
      dh,
      dw,
      padTop,
      padLeft,
    ) >>> 0;
  if (wasm.launches(b * oh * ow * fh * fw * ic * oc)) {
    const args = [kind, ...geometry, input, operand, out, 0, oc, 0, ...(epilogue ?? NO_EPILOGUE)];
    wasm.withScratch(bytes, (scratch) => wasm.launch('conv_2d_share_f32', [...args, scratch, bytes]));
    return;
  }
  wasm.withScratch(bytes, (scratch) =>
    kernels.conv_2d_share_f32(
      kind,
      b,
      ih,
      iw,
      ic,
      oh,
      ow,
      oc,
      fh,
      fw,
      sh,
      sw,
      dh,
      dw,
      padTop,
      padLeft,
      input,
      operand,
      out,
      0,
      oc,
      0,
      activation,
      alpha,
      bias,
      biasRs,
      biasCs,
      prelu,
      preluRs,
      preluCs,
      scratch,
      bytes,
    ),
  );
}

/** Cuts a convolution into at most `parts` shares (arguments of conv_2d_share_f32 before the scratch block). */
export function splitConv(
  kind: ConvKind,
  geometry: ConvGeometry,
  input: number,
  operand: number,
  out: number,
  epilogue: GemmEpilogue,
  parts: number,
): Chunk[] {
  const [b, ih, iw, ic, oh, ow, oc] = geometry;
  if (kind === CONV_BACKPROP_FILTER) {
    return cutRange(oc, parts, NR).map(([c0, columns]) =>
      convShare(kind, geometry, input, operand, out, NO_EPILOGUE, c0, c0 + columns),
    );
  }
  const forward = kind === CONV_FORWARD || kind === CONV_FORWARD_PACKED;
  if (forward && b === 1) return splitImage(kind, geometry, input, operand, out, epilogue, parts);
  // Floats per image of what the share reads (input) and writes (out).
  const inImage = ih * iw * ic;
  const outImage = oh * ow * oc;
  const [inputImage, outputImage] = forward ? [inImage, outImage] : [outImage, inImage];
  return cutRange(b, parts).map(([b0, images]) =>
    convShare(
      kind,
      [images, ...geometry.slice(1)] as ConvGeometry,
      input + b0 * inputImage * F32,
      operand,
      out + b0 * outputImage * F32,
      epilogue,
    ),
  );
}

/**
 * The arguments of conv_2d_share_f32 before its scratch block, for a share of `kind` on `geometry`: output
 * channels c0..c1 (all by default) and no partial sums (the filter gradient by chunks has its own).
 */
function convShare(
  kind: number,
  geometry: ConvGeometry,
  input: number,
  operand: number,
  out: number,
  epilogue: GemmEpilogue,
  c0 = 0,
  c1 = geometry[6],
): Chunk {
  return [kind, ...geometry, input, operand, out, c0, c1, 0, ...epilogue];
}

/**
 * Cuts the forward convolution of one image into at most `parts` shares, each the same convolution on a part
 * of the output: a pointwise one as a product of fewer input pixels (rows of the product, on micro-tile
 * edges), any other as fewer output rows, its input seen from a padding moved by the rows before it. Each
 * output value is summed exactly as in the whole convolution.
 */
function splitImage(
  kind: ConvKind,
  geometry: ConvGeometry,
  input: number,
  operand: number,
  out: number,
  epilogue: GemmEpilogue,
  parts: number,
): Chunk[] {
  const [, ih, iw, ic, oh, ow, oc, fh, fw, sh, sw, dh, dw, padTop, padLeft] = geometry;
  const share = (part: ConvGeometry, inputAt: number, outAt: number): Chunk =>
    convShare(kind, part, inputAt, operand, outAt, epilogue);
  if (isPointwise(geometry)) {
    return cutRange(oh * ow, parts, MR).map(([p0, pixels]) =>
      share([1, 1, pixels, ic, 1, pixels, oc, 1, 1, 1, 1, dh, dw, 0, 0], input + p0 * ic * F32, out + p0 * oc * F32),
    );
  }
  return cutRange(oh, parts).map(([y0, rows]) =>
    share(
      [1, ih, iw, ic, rows, ow, oc, fh, fw, sh, sw, dh, dw, padTop - y0 * sh, padLeft],
      input,
      out + y0 * ow * oc * F32,
    ),
  );
}
