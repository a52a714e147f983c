// RotateWithOffset (tf.image.rotateWithOffset): output pixel (x, y) takes the input pixel nearest to
//   (cx + (x − cx)·cos θ − (y − cy)·sin θ,   cy + (x − cx)·sin θ + (y − cy)·cos θ),
// rounded as JavaScript's Math.round, or the fill values where that falls outside the image: the arithmetic of
// tfjs-backend-cpu in float64, so the same pixels are picked.
import { roundHalfUp } from '../math/round';
import { copyFloats } from '../simd/copy';

/** fills: one float32 per channel, for pixels whose source lies outside the image. */
export function rotateWithOffset(
  out: usize, image: usize, batch: i32, h: i32, w: i32, channels: i32, sin: f64, cos: f64, cx: f64, cy: f64,
  fills: usize,
): void {
  const pixelBytes = <usize>channels << 2;
  const rowBytes = <usize>w * pixelBytes;
  let pixel = out;
  for (let b = 0; b < batch; b++) {
    const src = image + <usize>b * <usize>h * rowBytes;
    for (let row = 0; row < h; row++) {
      const dy = <f64>row - cy;
      for (let col = 0; col < w; col++, pixel += pixelBytes) {
        const dx = <f64>col - cx;
        const x = roundHalfUp(dx * cos - dy * sin + cx);
        const y = roundHalfUp(dx * sin + dy * cos + cy);
        const inside = x >= 0 && x < <f64>w && y >= 0 && y < <f64>h;
        const from = inside ? src + <usize><i32>y * rowBytes + <usize><i32>x * pixelBytes : fills;
        copyFloats(pixel, from, channels);
      }
    }
  }
}
