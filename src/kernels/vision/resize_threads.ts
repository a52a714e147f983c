// Nearest-neighbour resizing and its gradient split over threads in runs of whole images: an image's values
// depend on that image alone (the gradient zeroes and sums within its own images), so the results are one
// thread's, bit for bit. Resizes too small to pay for the hand-over run on this thread.
import type { ThreadPool } from '../../threads/pool.js';
import { cutRange } from '../../threads/ranges.js';
import { chunksFor, helpersFor } from '../../threads/split_policy.js';
import { SWEEP_SPLIT } from '../../threads/sweep.js';
import type { SimdWasm } from '../../wasm/module.js';

/** batch, inH, inW, channels, outH, outW: the arguments both kernels take after their two pointers. */
export type ResizeShape = [number, number, number, number, number, number];

const F32 = 4;

/**
 * `kernel`(from, to, ...shape, rows, cols) (the resize reads images and writes the resized ones, its gradient
 * reads dy and writes dx) on as many threads as pay off, each image's values copied or summed once, like an
 * element-wise sweep.
 */
export function resizeNearestByImages(
  wasm: SimdWasm,
  pool: ThreadPool | null,
  kernel: 'vision_resize_nearest_f32' | 'vision_resize_nearest_backprop_f32',
  from: number,
  to: number,
  shape: ResizeShape,
  rows: number,
  cols: number,
): void {
  const [batch, inH, inW, channels, outH, outW] = shape;
  const inImage = inH * inW * channels;
  const outImage = outH * outW * channels;
  const [fromImage, toImage] = kernel === 'vision_resize_nearest_f32' ? [inImage, outImage] : [outImage, inImage];
  const work = batch * outImage;
  const workers = Math.min(batch - 1, helpersFor(pool, work, SWEEP_SPLIT));
  if (workers <= 0) {
    wasm.call(kernel, [from, to, ...shape, rows, cols]);
    return;
  }
  const runs = cutRange(batch, chunksFor(work, workers + 1, SWEEP_SPLIT.awake / 2));
  const chunks = runs.map(([b0, images]) => [
    from + b0 * fromImage * F32,
    to + b0 * toImage * F32,
    images,
    ...shape.slice(1),
    rows,
    cols,
  ]);
  pool!.run(kernel, chunks, workers);
}
