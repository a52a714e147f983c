// One thread's share of a depthwise convolution's forward pass: a run of output rows (counted over batch ·
// outH). Rows are independent and computed exactly as one thread computes them; nothing is allocated.
import { setEpilogue } from '../gemm/epilogue';
import { depthwiseForwardRows } from './depthwise_forward';
import { setGeometry } from './geometry';

/** Output rows r0..r1 of a depthwise convolution on the given geometry, with the given epilogue. */
export function conv_depthwise_share_f32(
  b: i32, ih: i32, iw: i32, ic: i32, oh: i32, ow: i32, oc: i32, fh: i32, fw: i32,
  sh: i32, sw: i32, dh: i32, dw: i32, padTop: i32, padLeft: i32,
  x: usize, filter: usize, y: usize, r0: i32, r1: i32,
  activation: i32, alpha: f32, bias: usize, biasRs: usize, biasCs: usize, prelu: usize, preluRs: usize, preluCs: usize,
): void {
  setGeometry(b, ih, iw, ic, oh, ow, oc, fh, fw, sh, sw, dh, dw, padTop, padLeft);
  setEpilogue(activation, alpha, bias, biasRs, biasCs, prelu, preluRs, preluCs);
  depthwiseForwardRows(x, filter, y, r0, r1);
}
