// Kernels of the 'conv' family: convolutions on the GEMM (im2col in cache-sized chunks), depthwise
// convolutions, pooling and nearest-neighbour resizing, all over NHWC float32 tensors. A call first sets the
// geometry (conv_set_geometry), then runs one routine; fused convolutions take the GEMM's epilogue as last set
// with gemm_f32_set_epilogue, the others clear it.
import { clearEpilogue } from '../gemm/epilogue';
import { conv2dBackpropFilter, conv2dBackpropInput, conv2dForward } from './conv2d';
import { depthwiseBackpropFilter, depthwiseBackpropInput } from './depthwise';
import { depthwiseForwardFused } from './depthwise_forward';
import { outC, setGeometry } from './geometry';
import { avgPoolBackprop, avgPoolForward, maxPoolBackprop, maxPoolForward } from './pool';
import { resizeNearest, resizeNearestBackprop } from './resize';

export { depthwise_conv2d_share } from './depthwise_threads';
export { conv2d_filter_gradient_chunks, conv2d_share, conv2d_share_scratch_bytes, conv2d_sum_partials } from './threads';

/** Geometry of the next call: input [b, ih, iw, ic], output [b, oh, ow, oc], filter fh × fw, strides, dilations, padding. */
export function conv_set_geometry(
  b: i32, ih: i32, iw: i32, ic: i32, oh: i32, ow: i32, oc: i32, fh: i32, fw: i32,
  sh: i32, sw: i32, dh: i32, dw: i32, padTop: i32, padLeft: i32,
): void {
  setGeometry(b, ih, iw, ic, oh, ow, oc, fh, fw, sh, sw, dh, dw, padTop, padLeft);
}

export function conv2d_f32(x: usize, filter: usize, y: usize): void {
  clearEpilogue();
  conv2dForward(x, filter, y);
}

/** conv2d_f32 with the epilogue last set by gemm_f32_set_epilogue (bias and prelu broadcast along rows only). */
export function conv2d_f32_fused(x: usize, filter: usize, y: usize): void {
  conv2dForward(x, filter, y);
}

export function conv2d_backprop_input_f32(dy: usize, filter: usize, dx: usize): void {
  clearEpilogue();
  conv2dBackpropInput(dy, filter, dx);
}

export function conv2d_backprop_filter_f32(x: usize, dy: usize, dw: usize): void {
  clearEpilogue();
  conv2dBackpropFilter(x, dy, dw, 0, outC);
}

export function depthwise_conv2d_f32(x: usize, filter: usize, y: usize): void {
  clearEpilogue();
  depthwiseForwardFused(x, filter, y);
}

/** depthwise_conv2d_f32 with the epilogue last set by gemm_f32_set_epilogue (bias and prelu per output channel). */
export function depthwise_conv2d_f32_fused(x: usize, filter: usize, y: usize): void {
  depthwiseForwardFused(x, filter, y);
}

export function depthwise_conv2d_backprop_input_f32(dy: usize, filter: usize, dx: usize): void {
  depthwiseBackpropInput(dy, filter, dx);
}

export function depthwise_conv2d_backprop_filter_f32(x: usize, dy: usize, dw: usize): void {
  depthwiseBackpropFilter(x, dy, dw);
}

export function max_pool_f32(x: usize, y: usize): void {
  maxPoolForward(x, y);
}

export function avg_pool_f32(x: usize, y: usize): void {
  avgPoolForward(x, y);
}

export function max_pool_backprop_f32(dy: usize, x: usize, dx: usize): void {
  maxPoolBackprop(dy, x, dx);
}

export function avg_pool_backprop_f32(dy: usize, dx: usize): void {
  avgPoolBackprop(dy, dx);
}

export function resize_nearest_f32(
  x: usize, y: usize, batch: i32, inH: i32, inW: i32, channels: i32, outH: i32, outW: i32, rows: usize, cols: usize,
): void {
  resizeNearest(x, y, batch, inH, inW, channels, outH, outW, rows, cols);
}

export function resize_nearest_backprop_f32(
  dy: usize, dx: usize, batch: i32, inH: i32, inW: i32, channels: i32, outH: i32, outW: i32, rows: usize, cols: usize,
): void {
  resizeNearestBackprop(dy, dx, batch, inH, inW, channels, outH, outW, rows, cols);
}
