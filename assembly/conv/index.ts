// Kernels of the 'conv' family: convolutions on the GEMM (im2col in cache-sized chunks), depthwise
// convolutions, and pooling, all over NHWC float32 tensors. Each call takes its
// geometry first: input [b, ih, iw, ic], output [b, oh, ow, oc], filter fh × fw, strides, dilations, padding.
// Convolutions on the GEMM run as conv_2d_share_f32 (one share: the whole convolution) with the caller's scratch
// block; fused convolutions take the GEMM's epilogue with the call.
import { depthwiseBackpropFilter, depthwiseBackpropInput } from './depthwise';
import { setGeometry } from './geometry';
import { avgPoolBackprop, avgPoolForward, maxPoolBackprop, maxPoolForward } from './pool';

export { conv_depthwise_share_f32 } from './depthwise_threads';
export { conv_2d_filter_gradient_chunks, conv_2d_share_f32, conv_2d_share_f32_scratch_bytes, conv_2d_sum_partials_f32 } from './threads';

export function conv_depthwise_backprop_input_f32(
  b: i32, ih: i32, iw: i32, ic: i32, oh: i32, ow: i32, oc: i32, fh: i32, fw: i32,
  sh: i32, sw: i32, dh: i32, dw: i32, padTop: i32, padLeft: i32,
  dy: usize, filter: usize, dx: usize,
): void {
  setGeometry(b, ih, iw, ic, oh, ow, oc, fh, fw, sh, sw, dh, dw, padTop, padLeft);
  depthwiseBackpropInput(dy, filter, dx);
}

export function conv_depthwise_backprop_filter_f32(
  b: i32, ih: i32, iw: i32, ic: i32, oh: i32, ow: i32, oc: i32, fh: i32, fw: i32,
  sh: i32, sw: i32, dh: i32, dw: i32, padTop: i32, padLeft: i32,
  x: usize, dy: usize, dW: usize,
): void {
  setGeometry(b, ih, iw, ic, oh, ow, oc, fh, fw, sh, sw, dh, dw, padTop, padLeft);
  depthwiseBackpropFilter(x, dy, dW);
}

export function conv_max_pool_f32(
  b: i32, ih: i32, iw: i32, ic: i32, oh: i32, ow: i32, oc: i32, fh: i32, fw: i32,
  sh: i32, sw: i32, dh: i32, dw: i32, padTop: i32, padLeft: i32,
  x: usize, y: usize,
): void {
  setGeometry(b, ih, iw, ic, oh, ow, oc, fh, fw, sh, sw, dh, dw, padTop, padLeft);
  maxPoolForward(x, y);
}

export function conv_avg_pool_f32(
  b: i32, ih: i32, iw: i32, ic: i32, oh: i32, ow: i32, oc: i32, fh: i32, fw: i32,
  sh: i32, sw: i32, dh: i32, dw: i32, padTop: i32, padLeft: i32,
  x: usize, y: usize,
): void {
  setGeometry(b, ih, iw, ic, oh, ow, oc, fh, fw, sh, sw, dh, dw, padTop, padLeft);
  avgPoolForward(x, y);
}

export function conv_max_pool_backprop_f32(
  b: i32, ih: i32, iw: i32, ic: i32, oh: i32, ow: i32, oc: i32, fh: i32, fw: i32,
  sh: i32, sw: i32, dh: i32, dw: i32, padTop: i32, padLeft: i32,
  dy: usize, x: usize, dx: usize,
): void {
  setGeometry(b, ih, iw, ic, oh, ow, oc, fh, fw, sh, sw, dh, dw, padTop, padLeft);
  maxPoolBackprop(dy, x, dx);
}

export function conv_avg_pool_backprop_f32(
  b: i32, ih: i32, iw: i32, ic: i32, oh: i32, ow: i32, oc: i32, fh: i32, fw: i32,
  sh: i32, sw: i32, dh: i32, dw: i32, padTop: i32, padLeft: i32,
  dy: usize, dx: usize,
): void {
  setGeometry(b, ih, iw, ic, oh, ow, oc, fh, fw, sh, sw, dh, dw, padTop, padLeft);
  avgPoolBackprop(dy, dx);
}

