// One thread's share of a depthwise convolution's forward pass: a run of output rows (counted over batch ·
// outH). Rows are independent and computed exactly as one thread computes them; nothing is allocated. The
// share's scratch block holds its geometry, its epilogue and the window of the pixel being computed.
import { writeEpilogue } from '../gemm/epilogue';
import { TAP_WINDOW_BYTES, TapWindow, depthwiseForwardRows } from './depthwise_forward';
import { writeGeometry } from './geometry';
import { CONV_PARAMS_BYTES, epilogueIn } from './scratch';

/** Bytes of the scratch block of conv_depthwise_share_f32: the parameter blocks, then the tap window. */
export const DEPTHWISE_SCRATCH_BYTES: usize = 160;

/**
 * Output rows r0..r1 of a depthwise convolution on the given geometry, with the given epilogue. Returns 0, or
 * 1 (nothing done) when the scratch block holds fewer than DEPTHWISE_SCRATCH_BYTES bytes.
 */
export function conv_depthwise_share_f32(
  b: i32, ih: i32, iw: i32, ic: i32, oh: i32, ow: i32, oc: i32, fh: i32, fw: i32,
  sh: i32, sw: i32, dh: i32, dw: i32, padTop: i32, padLeft: i32,
  x: usize, filter: usize, y: usize, r0: i32, r1: i32,
  activation: i32, alpha: f32, bias: usize, biasRs: usize, biasCs: usize, prelu: usize, preluRs: usize, preluCs: usize,
  scratch: usize, scratchBytes: usize,
): i32 {
  if (CONV_PARAMS_BYTES + TAP_WINDOW_BYTES > DEPTHWISE_SCRATCH_BYTES) ERROR('depthwise scratch outgrew its size');
  if (scratchBytes < DEPTHWISE_SCRATCH_BYTES) return 1;
  const g = writeGeometry(scratch, b, ih, iw, ic, oh, ow, oc, fh, fw, sh, sw, dh, dw, padTop, padLeft);
  const e = writeEpilogue(epilogueIn(scratch), activation, alpha, bias, biasRs, biasCs, prelu, preluRs, preluCs);
  const t = changetype<TapWindow>(scratch + CONV_PARAMS_BYTES);
  depthwiseForwardRows(g, e, t, x, filter, y, r0, r1);
  return 0;
}
