// Kernels of the 'conv' family: convolutions on the GEMM (im2col in cache-sized chunks), depthwise
// convolutions, pooling and nearest-neighbour resizing, all over NHWC float32 tensors. Each call takes its
// geometry first: input [b, ih, iw, ic], output [b, oh, ow, oc], filter fh × fw, strides, dilations, padding.
// Convolutions on the GEMM run as conv2d_share (one share: the whole convolution) with the caller's scratch
// block; fused convolutions take the GEMM's epilogue with the call.
import { depthwiseBackpropFilter, depthwiseBackpropInput } from './depthwise';
import { setGeometry } from './geometry';
import { avgPoolBackprop, avgPoolForward, maxPoolBackprop, maxPoolForward } from './pool';
import { resizeNearest, resizeNearestBackprop } from './resize';

export { depthwise_conv2d_share } from './depthwise_threads';
export { conv2d_filter_gradient_chunks, conv2d_share, conv2d_share_scratch_bytes, conv2d_sum_partials } from './threads';

export function depthwise_conv2d_backprop_input_f32(
  b: i32, ih: i32, iw: i32, ic: i32, oh: i32, ow: i32, oc: i32, fh: i32, fw: i32,
  sh: i32, sw: i32, dh: i32, dw: i32, padTop: i32, padLeft: i32,
  dy: usize, filter: usize, dx: usize,
): void {
  setGeometry(b, ih, iw, ic, oh, ow, oc, fh, fw, sh, sw, dh, dw, padTop, padLeft);
  depthwiseBackpropInput(dy, filter, dx);
}

export function depthwise_conv2d_backprop_filter_f32(
  b: i32, ih: i32, iw: i32, ic: i32, oh: i32, ow: i32, oc: i32, fh: i32, fw: i32,
  sh: i32, sw: i32, dh: i32, dw: i32, padTop: i32, padLeft: i32,
  x: usize, dy: usize, dW: usize,
): void {
  setGeometry(b, ih, iw, ic, oh, ow, oc, fh, fw, sh, sw, dh, dw, padTop, padLeft);
  depthwiseBackpropFilter(x, dy, dW);
}

export function max_pool_f32(
  b: i32, ih: i32, iw: i32, ic: i32, oh: i32, ow: i32, oc: i32, fh: i32, fw: i32,
  sh: i32, sw: i32, dh: i32, dw: i32, padTop: i32, padLeft: i32,
  x: usize, y: usize,
): void {
  setGeometry(b, ih, iw, ic, oh, ow, oc, fh, fw, sh, sw, dh, dw, padTop, padLeft);
  maxPoolForward(x, y);
}

export function avg_pool_f32(
  b: i32, ih: i32, iw: i32, ic: i32, oh: i32, ow: i32, oc: i32, fh: i32, fw: i32,
  sh: i32, sw: i32, dh: i32, dw: i32, padTop: i32, padLeft: i32,
  x: usize, y: usize,
): void {
  setGeometry(b, ih, iw, ic, oh, ow, oc, fh, fw, sh, sw, dh, dw, padTop, padLeft);
  avgPoolForward(x, y);
}

export function max_pool_backprop_f32(
  b: i32, ih: i32, iw: i32, ic: i32, oh: i32, ow: i32, oc: i32, fh: i32, fw: i32,
  sh: i32, sw: i32, dh: i32, dw: i32, padTop: i32, padLeft: i32,
  dy: usize, x: usize, dx: usize,
): void {
  setGeometry(b, ih, iw, ic, oh, ow, oc, fh, fw, sh, sw, dh, dw, padTop, padLeft);
  maxPoolBackprop(dy, x, dx);
}

export function avg_pool_backprop_f32(
  b: i32, ih: i32, iw: i32, ic: i32, oh: i32, ow: i32, oc: i32, fh: i32, fw: i32,
  sh: i32, sw: i32, dh: i32, dw: i32, padTop: i32, padLeft: i32,
  dy: usize, dx: usize,
): void {
  setGeometry(b, ih, iw, ic, oh, ow, oc, fh, fw, sh, sw, dh, dw, padTop, padLeft);
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
