// Kernels of the 'vision' family: what converted vision models run besides convolutions, over NHWC float32
// tensors: inference batch normalisation over channels, and bilinear resizing and its gradient.
import { batchNormRows } from './batch_norm';
import { resizeBilinear, resizeBilinearBackprop } from './resize_bilinear';

export function batch_norm_f32(x: usize, y: usize, n: i32, params: usize, period: i32): void {
  batchNormRows(x, y, n, params, period);
}

/** maps: see resize_bilinear.ts; rows: scratch of 2 · outW · channels floats. */
export function resize_bilinear_f32(
  x: usize, y: usize, batch: i32, inH: i32, inW: i32, channels: i32, outH: i32, outW: i32, maps: usize, rows: usize,
): void {
  resizeBilinear(x, y, batch, inH, inW, channels, outH, outW, maps, rows);
}

export function resize_bilinear_backprop_f32(
  dy: usize, dx: usize, batch: i32, inH: i32, inW: i32, channels: i32, outH: i32, outW: i32, maps: usize,
): void {
  resizeBilinearBackprop(dy, dx, batch, inH, inW, channels, outH, outW, maps);
}

export {
  vision_non_max_suppression_f32, vision_non_max_suppression_f32_scratch_bytes,
} from './non_max_suppression';
