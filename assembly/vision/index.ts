// Kernels of the 'vision' family: what converted vision models run besides convolutions, over NHWC float32
// tensors: inference batch normalisation over channels, bilinear and nearest-neighbour resizing and their
// gradients, non-max suppression, and the crops, warps and rotations image pipelines take from a frame.
import { batchNormParameterRows, batchNormRows } from './batch_norm';
import { resizeBilinear, resizeBilinearBackprop } from './resize_bilinear';
import { resizeNearest, resizeNearestBackprop } from './resize_nearest';

export function vision_batch_norm_f32(x: usize, y: usize, n: i32, params: usize, period: i32): void {
  batchNormRows(x, y, n, params, period);
}

export function vision_batch_norm_rows_f32(
  mean: usize, meanLength: i32, variance: usize, varianceLength: i32, scale: usize, scaleLength: i32, offset: usize,
  offsetLength: i32, epsilon: f64, length: i32, rows: usize, period: i32,
): void {
  batchNormParameterRows(
    mean, meanLength, variance, varianceLength, scale, scaleLength, offset, offsetLength, epsilon, length, rows, period,
  );
}

/** maps: see resize_bilinear.ts; rows: scratch of 2 · outW · channels floats. */
export function vision_resize_bilinear_f32(
  x: usize, y: usize, batch: i32, inH: i32, inW: i32, channels: i32, outH: i32, outW: i32, maps: usize, rows: usize,
): void {
  resizeBilinear(x, y, batch, inH, inW, channels, outH, outW, maps, rows);
}

export function vision_resize_bilinear_backprop_f32(
  dy: usize, dx: usize, batch: i32, inH: i32, inW: i32, channels: i32, outH: i32, outW: i32, maps: usize,
): void {
  resizeBilinearBackprop(dy, dx, batch, inH, inW, channels, outH, outW, maps);
}

export function vision_resize_nearest_f32(
  x: usize, y: usize, batch: i32, inH: i32, inW: i32, channels: i32, outH: i32, outW: i32, rows: usize, cols: usize,
): void {
  resizeNearest(x, y, batch, inH, inW, channels, outH, outW, rows, cols);
}

export function vision_resize_nearest_backprop_f32(
  dy: usize, dx: usize, batch: i32, inH: i32, inW: i32, channels: i32, outH: i32, outW: i32, rows: usize, cols: usize,
): void {
  resizeNearestBackprop(dy, dx, batch, inH, inW, channels, outH, outW, rows, cols);
}

export {
  vision_non_max_suppression_f32, vision_non_max_suppression_f32_scratch_bytes,
} from './non_max_suppression';

export { cropAndResize as vision_crop_and_resize_f32 } from './crop_and_resize';
export { transform as vision_transform_f32 } from './transform';
export { rotateWithOffset as vision_rotate_with_offset_f32 } from './rotate';
