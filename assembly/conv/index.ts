// Kernels of the 'conv' family: convolutions on the GEMM (im2col in cache-sized chunks), depthwise
// convolutions, and pooling, all over NHWC float32 tensors. Each call takes its
// geometry first: input [b, ih, iw, ic], output [b, oh, ow, oc], filter fh × fw, strides, dilations, padding.
// Convolutions on the GEMM run as conv_2d_share_f32 (one share: the whole convolution) with the caller's scratch
// block; fused convolutions take the GEMM's epilogue with the call. Every call writes its geometry into the
// first bytes of its scratch block (CONV_PARAMS_BYTES for the kernels below, which need nothing else) and
// returns 0, or 1 (nothing done) when the block is too small.
import { depthwiseBackpropFilter, depthwiseBackpropInput } from './depthwise';
import { ConvGeometry, writeGeometry } from './geometry';
import { avgPoolBackprop, avgPoolForward, maxPoolBackprop, maxPoolForward } from './pool';
import { CONV_PARAMS_BYTES } from './scratch';

export { conv_depthwise_share_f32 } from './depthwise_threads';
export {
  conv_2d_filter_gradient_chunks, conv_2d_forward_packs_filter, conv_2d_share_f32, conv_2d_share_f32_scratch_bytes,
  conv_2d_sum_partials_f32,
} from './threads';
export {
  conv_3d_filter_gradient_chunks, conv_3d_share_f32, conv_3d_share_f32_scratch_bytes, conv_3d_sum_partials_f32,
} from './threads';
export {
  conv_avg_pool_3d_backprop_f32, conv_avg_pool_3d_f32, conv_max_pool_3d_backprop_f32, conv_max_pool_3d_f32,
  conv_pool_3d_scratch_bytes,
} from './pool3d_exports';

export function conv_depthwise_backprop_input_f32(
  b: i32, ih: i32, iw: i32, ic: i32, oh: i32, ow: i32, oc: i32, fh: i32, fw: i32,
  sh: i32, sw: i32, dh: i32, dw: i32, padTop: i32, padLeft: i32,
  dy: usize, filter: usize, dx: usize,
  scratch: usize, scratchBytes: usize,
): i32 {
  const g = geometryIn(scratch, scratchBytes, b, ih, iw, ic, oh, ow, oc, fh, fw, sh, sw, dh, dw, padTop, padLeft);
  if (g == null) return 1;
  depthwiseBackpropInput(g, dy, filter, dx);
  return 0;
}

export function conv_depthwise_backprop_filter_f32(
  b: i32, ih: i32, iw: i32, ic: i32, oh: i32, ow: i32, oc: i32, fh: i32, fw: i32,
  sh: i32, sw: i32, dh: i32, dw: i32, padTop: i32, padLeft: i32,
  x: usize, dy: usize, dW: usize,
  scratch: usize, scratchBytes: usize,
): i32 {
  const g = geometryIn(scratch, scratchBytes, b, ih, iw, ic, oh, ow, oc, fh, fw, sh, sw, dh, dw, padTop, padLeft);
  if (g == null) return 1;
  depthwiseBackpropFilter(g, x, dy, dW);
  return 0;
}

export function conv_max_pool_f32(
  b: i32, ih: i32, iw: i32, ic: i32, oh: i32, ow: i32, oc: i32, fh: i32, fw: i32,
  sh: i32, sw: i32, dh: i32, dw: i32, padTop: i32, padLeft: i32,
  x: usize, y: usize,
  scratch: usize, scratchBytes: usize,
): i32 {
  const g = geometryIn(scratch, scratchBytes, b, ih, iw, ic, oh, ow, oc, fh, fw, sh, sw, dh, dw, padTop, padLeft);
  if (g == null) return 1;
  maxPoolForward(g, x, y);
  return 0;
}

export function conv_avg_pool_f32(
  b: i32, ih: i32, iw: i32, ic: i32, oh: i32, ow: i32, oc: i32, fh: i32, fw: i32,
  sh: i32, sw: i32, dh: i32, dw: i32, padTop: i32, padLeft: i32,
  x: usize, y: usize,
  scratch: usize, scratchBytes: usize,
): i32 {
  const g = geometryIn(scratch, scratchBytes, b, ih, iw, ic, oh, ow, oc, fh, fw, sh, sw, dh, dw, padTop, padLeft);
  if (g == null) return 1;
  avgPoolForward(g, x, y);
  return 0;
}

export function conv_max_pool_backprop_f32(
  b: i32, ih: i32, iw: i32, ic: i32, oh: i32, ow: i32, oc: i32, fh: i32, fw: i32,
  sh: i32, sw: i32, dh: i32, dw: i32, padTop: i32, padLeft: i32,
  dy: usize, x: usize, dx: usize,
  scratch: usize, scratchBytes: usize,
): i32 {
  const g = geometryIn(scratch, scratchBytes, b, ih, iw, ic, oh, ow, oc, fh, fw, sh, sw, dh, dw, padTop, padLeft);
  if (g == null) return 1;
  maxPoolBackprop(g, dy, x, dx);
  return 0;
}

export function conv_avg_pool_backprop_f32(
  b: i32, ih: i32, iw: i32, ic: i32, oh: i32, ow: i32, oc: i32, fh: i32, fw: i32,
  sh: i32, sw: i32, dh: i32, dw: i32, padTop: i32, padLeft: i32,
  dy: usize, dx: usize,
  scratch: usize, scratchBytes: usize,
): i32 {
  const g = geometryIn(scratch, scratchBytes, b, ih, iw, ic, oh, ow, oc, fh, fw, sh, sw, dh, dw, padTop, padLeft);
  if (g == null) return 1;
  avgPoolBackprop(g, dy, dx);
  return 0;
}


/** The call's geometry, written at the start of its scratch block; null when the block is too small. */
function geometryIn(
  scratch: usize, scratchBytes: usize, b: i32, ih: i32, iw: i32, ic: i32, oh: i32, ow: i32, oc: i32, fh: i32,
  fw: i32, sh: i32, sw: i32, dh: i32, dw: i32, padTop: i32, padLeft: i32,
): ConvGeometry | null {
  if (scratchBytes < CONV_PARAMS_BYTES) return null;
  return writeGeometry(scratch, b, ih, iw, ic, oh, ow, oc, fh, fw, sh, sw, dh, dw, padTop, padLeft);
}
