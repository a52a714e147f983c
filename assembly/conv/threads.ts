// One thread's share of a convolution. Forward and input-gradient shares are runs of whole images (the
// same convolution on a smaller batch, pointers moved to its first image: no two shares write one value);
// filter-gradient shares are blocks of output channels (columns of dW) over every image or, with few
// channels, runs of the gradient's chunks of output pixels, each chunk's product stored whole and the
// partials summed in chunk order afterwards. Each share computes its values exactly as one thread would;
// one thread runs the whole convolution as a single share. The share's parameter blocks and every buffer come
// from the caller's scratch block (scratch.ts): a kernel never allocates.
import { writeEpilogue } from '../gemm/epilogue';
import {
  conv2dBackpropFilter, conv2dBackpropFilterChunks, conv2dBackpropInput, conv2dForward, conv2dSumPartials,
} from './conv2d';
import { isPointwise, writeGeometry } from './geometry';
import { convScratchBytes, epilogueIn, patchChunks } from './scratch';

export const CONV_FORWARD: i32 = 0;
export const CONV_BACKPROP_INPUT: i32 = 1;
export const CONV_BACKPROP_FILTER: i32 = 2;
/** Filter gradient by chunks of output pixels (c0..c1: chunk indices; `partials`: see conv2dBackpropFilterChunks). */
export const CONV_BACKPROP_FILTER_CHUNKS: i32 = 3;

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
  if (kind == CONV_FORWARD) conv2dForward(g, e, input, operand, out, scratch);
  else if (kind == CONV_BACKPROP_INPUT) conv2dBackpropInput(g, e, input, operand, out, scratch);
  else if (kind == CONV_BACKPROP_FILTER) conv2dBackpropFilter(g, e, input, operand, out, c0, c1, scratch);
  else conv2dBackpropFilterChunks(g, e, input, operand, out, partials, c0, c1, scratch);
  return 0;
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
