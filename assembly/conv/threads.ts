// One thread's share of a convolution. Forward and input-gradient shares are runs of whole images (the
// same convolution on a smaller batch, pointers moved to its first image: no two shares write one value);
// filter-gradient shares are blocks of output channels (columns of dW) over every image or, with few
// channels, runs of the gradient's chunks of output pixels, each chunk's product stored whole and the
// partials summed in chunk order afterwards. Each share computes its values exactly as one thread would;
// one thread runs the whole convolution as a single share. The share's parameter blocks and every buffer come
// from the caller's scratch block (scratch.ts): a kernel never allocates.
import { Epilogue, writeEpilogue } from '../gemm/epilogue';
import {
  conv2dBackpropFilter, conv2dBackpropFilterChunks, conv2dBackpropInput, conv2dForward, conv2dSumPartials, forwardPacksFilter,
} from './conv2d';
import { ConvGeometry, isPointwise, writeGeometry, writeGeometry3d } from './geometry';
import { convScratchBytes, epilogueIn, patchChunks } from './scratch';

export const CONV_FORWARD: i32 = 0;
export const CONV_BACKPROP_INPUT: i32 = 1;
export const CONV_BACKPROP_FILTER: i32 = 2;
/** Filter gradient by chunks of output pixels (c0..c1: chunk indices; `partials`: see conv2dBackpropFilterChunks). */
export const CONV_BACKPROP_FILTER_CHUNKS: i32 = 3;
/** Forward, the operand being the filter packed whole for the GEMM (where conv_2d_forward_packs_filter). */
export const CONV_FORWARD_PACKED: i32 = 4;

/**
 * Whether a forward convolution (pointwise or not, patch length k, outC output channels) multiplies on the
 * packed GEMM: then its filter may come packed whole (CONV_FORWARD_PACKED), kept between calls.
 */
export function conv_2d_forward_packs_filter(pointwise: bool, k: i32, outC: i32): bool {
  return forwardPacksFilter(pointwise, k, outC);
}

/** Bytes of the scratch block conv_2d_share_f32 needs for a share of `kind` on the given geometry (a share's). */
export function conv_2d_share_f32_scratch_bytes(
  kind: i32, b: i32, ih: i32, iw: i32, ic: i32, oh: i32, ow: i32, oc: i32, fh: i32, fw: i32,
  sh: i32, sw: i32, dh: i32, dw: i32, padTop: i32, padLeft: i32,
): usize {
  const pointwise = isPointwise(fh, fw, sh, sw, padTop, padLeft, ih, iw, oh, ow);
  return convScratchBytes(b * oh * ow, fh * fw * ic, oc, pointwise, kind == CONV_BACKPROP_FILTER);
}

/**
 * One share of a convolution `kind` (CONV_*) on its geometry: forward (input x, operand the filter, out y,
 * with the epilogue), input gradient (dy, filter, dx) or filter gradient (x, dy, dW, columns c0..c1), in
 * the scratch block, which must hold conv_2d_share_f32_scratch_bytes bytes. Returns 0, or 1 (nothing done) when
 * the scratch is too small.
 */
export function conv_2d_share_f32(
  kind: i32, b: i32, ih: i32, iw: i32, ic: i32, oh: i32, ow: i32, oc: i32, fh: i32, fw: i32,
  sh: i32, sw: i32, dh: i32, dw: i32, padTop: i32, padLeft: i32,
  input: usize, operand: usize, out: usize, c0: i32, c1: i32, partials: usize,
  activation: i32, alpha: f32, bias: usize, biasRs: usize, biasCs: usize, prelu: usize, preluRs: usize, preluCs: usize,
  scratch: usize, bytes: usize,
): i32 {
  if (bytes < conv_2d_share_f32_scratch_bytes(kind, b, ih, iw, ic, oh, ow, oc, fh, fw, sh, sw, dh, dw, padTop, padLeft)) {
    return 1;
  }
  const g = writeGeometry(scratch, b, ih, iw, ic, oh, ow, oc, fh, fw, sh, sw, dh, dw, padTop, padLeft);
  const e = writeEpilogue(epilogueIn(scratch), activation, alpha, bias, biasRs, biasCs, prelu, preluRs, preluCs);
  runShare(kind, g, e, input, operand, out, c0, c1, partials, scratch);
  return 0;
}

/** One share of `kind` on a geometry and epilogue already written into the scratch block. */
function runShare(
  kind: i32, g: ConvGeometry, e: Epilogue, input: usize, operand: usize, out: usize, c0: i32, c1: i32,
  partials: usize, scratch: usize,
): void {
  if (kind == CONV_FORWARD) conv2dForward(g, e, input, operand, out, scratch);
  else if (kind == CONV_FORWARD_PACKED) conv2dForward(g, e, input, 0, out, scratch, operand);
  else if (kind == CONV_BACKPROP_INPUT) conv2dBackpropInput(g, e, input, operand, out, scratch);
  else if (kind == CONV_BACKPROP_FILTER) conv2dBackpropFilter(g, e, input, operand, out, c0, c1, scratch);
  else conv2dBackpropFilterChunks(g, e, input, operand, out, partials, c0, c1, scratch);
}

/** Chunks of output pixels of the filter gradient on the given geometry (0 when pointwise: one product). */
export function conv_2d_filter_gradient_chunks(
  b: i32, ih: i32, iw: i32, ic: i32, oh: i32, ow: i32, oc: i32, fh: i32, fw: i32,
  sh: i32, sw: i32, dh: i32, dw: i32, padTop: i32, padLeft: i32,
): i32 {
  return isPointwise(fh, fw, sh, sw, padTop, padLeft, ih, iw, oh, ow) ? 0 : patchChunks(b * oh * ow, fh * fw * ic);
}

/** dW += the partials of conv_2d_share_f32's CONV_BACKPROP_FILTER_CHUNKS shares, in chunk order (same geometry). */
export function conv_2d_sum_partials_f32(
  b: i32, ih: i32, iw: i32, ic: i32, oh: i32, ow: i32, oc: i32, fh: i32, fw: i32,
  sh: i32, sw: i32, dh: i32, dw: i32, padTop: i32, padLeft: i32,
  dW: usize, partials: usize, chunks: i32,
): void {
  conv2dSumPartials(dW, partials, chunks, fh * fw * ic * oc);
}

// The same for 3-D convolutions (NDHWC input, filter [fd, fh, fw, inC, outC]): each export takes the 2-D one's
// arguments with the depth of each part of the geometry (input, output, filter, stride, dilation, front padding).

/** Whether a 3-D convolution is a plain product of its input (1×1×1 filter, strides 1, no padding). */
function isPointwise3d(
  id: i32, ih: i32, iw: i32, od: i32, oh: i32, ow: i32, fd: i32, fh: i32, fw: i32,
  sd: i32, sh: i32, sw: i32, pf: i32, pt: i32, pl: i32,
): bool {
  return fd == 1 && sd == 1 && pf == 0 && od == id && isPointwise(fh, fw, sh, sw, pt, pl, ih, iw, oh, ow);
}

/** conv_2d_share_f32_scratch_bytes for a 3-D share. */
export function conv_3d_share_f32_scratch_bytes(
  kind: i32, b: i32, id: i32, ih: i32, iw: i32, ic: i32, od: i32, oh: i32, ow: i32, oc: i32,
  fd: i32, fh: i32, fw: i32, sd: i32, sh: i32, sw: i32, dd: i32, dh: i32, dw: i32, pf: i32, pt: i32, pl: i32,
): usize {
  const pointwise = isPointwise3d(id, ih, iw, od, oh, ow, fd, fh, fw, sd, sh, sw, pf, pt, pl);
  return convScratchBytes(b * od * oh * ow, fd * fh * fw * ic, oc, pointwise, kind == CONV_BACKPROP_FILTER);
}

/** conv_2d_share_f32 for a 3-D share: returns 0, or 1 (nothing done) when the scratch is too small. */
export function conv_3d_share_f32(
  kind: i32, b: i32, id: i32, ih: i32, iw: i32, ic: i32, od: i32, oh: i32, ow: i32, oc: i32,
  fd: i32, fh: i32, fw: i32, sd: i32, sh: i32, sw: i32, dd: i32, dh: i32, dw: i32, pf: i32, pt: i32, pl: i32,
  input: usize, operand: usize, out: usize, c0: i32, c1: i32, partials: usize,
  activation: i32, alpha: f32, bias: usize, biasRs: usize, biasCs: usize, prelu: usize, preluRs: usize, preluCs: usize,
  scratch: usize, bytes: usize,
): i32 {
  const needed = conv_3d_share_f32_scratch_bytes(
    kind, b, id, ih, iw, ic, od, oh, ow, oc, fd, fh, fw, sd, sh, sw, dd, dh, dw, pf, pt, pl,
  );
  if (bytes < needed) return 1;
  const g = writeGeometry3d(scratch, b, id, ih, iw, ic, od, oh, ow, oc, fd, fh, fw, sd, sh, sw, dd, dh, dw, pf, pt, pl);
  const e = writeEpilogue(epilogueIn(scratch), activation, alpha, bias, biasRs, biasCs, prelu, preluRs, preluCs);
  runShare(kind, g, e, input, operand, out, c0, c1, partials, scratch);
  return 0;
}

/** conv_2d_filter_gradient_chunks for a 3-D convolution. */
export function conv_3d_filter_gradient_chunks(
  b: i32, id: i32, ih: i32, iw: i32, ic: i32, od: i32, oh: i32, ow: i32, oc: i32,
  fd: i32, fh: i32, fw: i32, sd: i32, sh: i32, sw: i32, dd: i32, dh: i32, dw: i32, pf: i32, pt: i32, pl: i32,
): i32 {
  return isPointwise3d(id, ih, iw, od, oh, ow, fd, fh, fw, sd, sh, sw, pf, pt, pl)
    ? 0
    : patchChunks(b * od * oh * ow, fd * fh * fw * ic);
}

/** conv_2d_sum_partials_f32 for a 3-D convolution. */
export function conv_3d_sum_partials_f32(
  b: i32, id: i32, ih: i32, iw: i32, ic: i32, od: i32, oh: i32, ow: i32, oc: i32,
  fd: i32, fh: i32, fw: i32, sd: i32, sh: i32, sw: i32, dd: i32, dh: i32, dw: i32, pf: i32, pt: i32, pl: i32,
  dW: usize, partials: usize, chunks: i32,
): void {
  conv2dSumPartials(dW, partials, chunks, fd * fh * fw * ic * oc);
}
