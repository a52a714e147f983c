// CropAndResize as tfjs-backend-cpu computes it (TensorFlow's reference kernel): box b = [y1, x1, y2, x2], in
// coordinates normalised to [0, 1], of image boxInd[b] is sampled on a cropH × cropW grid spanning it,
// bilinearly or at the nearest pixel:
//   y_i = y1·(H − 1) + i·(y2 − y1)·(H − 1)/(cropH − 1)   (the box's middle when cropH = 1), x_j alike.
// Coordinates and blends are float64, each output rounded to float32 once, so results equal cpu's. Grid points
// outside the image take `extrapolation`; a box of an image past the batch stays 0; a NaN coordinate gives NaN.
import { roundHalfUp } from '../math/round';
import { fillFloats } from '../simd/copy';

export function cropAndResize(
  out: usize, image: usize, boxes: usize, boxInd: usize, numBoxes: i32, batch: i32, imageH: i32, imageW: i32,
  channels: i32, cropH: i32, cropW: i32, nearest: bool, extrapolation: f64,
): void {
  const pixelBytes = <usize>channels << 2;
  const imageRowBytes = <usize>imageW * pixelBytes;
  const outRowBytes = <usize>cropW * pixelBytes;
  const lastRow = <f64>(imageH - 1);
  const lastCol = <f64>(imageW - 1);
  for (let b = 0; b < numBoxes; b++) {
    const box = boxes + (<usize>b << 4);
    const y1 = <f64>load<f32>(box);
    const x1 = <f64>load<f32>(box, 4);
    const y2 = <f64>load<f32>(box, 8);
    const x2 = <f64>load<f32>(box, 12);
    const dst = out + <usize>b * <usize>cropH * outRowBytes;
    const imageIndex = load<i32>(boxInd + (<usize>b << 2));
    if (imageIndex >= batch) {
      memory.fill(dst, 0, <usize>cropH * outRowBytes);
      continue;
    }
    const src = image + <usize>imageIndex * <usize>imageH * imageRowBytes;
    const heightScale = cropH > 1 ? ((y2 - y1) * lastRow) / <f64>(cropH - 1) : 0;
    const widthScale = cropW > 1 ? ((x2 - x1) * lastCol) / <f64>(cropW - 1) : 0;
    for (let y = 0; y < cropH; y++) {
      const yIn = cropH > 1 ? y1 * lastRow + <f64>y * heightScale : 0.5 * (y1 + y2) * lastRow;
      const row = dst + <usize>y * outRowBytes;
      if (yIn < 0 || yIn > lastRow) {
        fillFloats(row, cropW * channels, <f32>extrapolation);
        continue;
      }
      for (let x = 0; x < cropW; x++) {
        const xIn = cropW > 1 ? x1 * lastCol + <f64>x * widthScale : 0.5 * (x1 + x2) * lastCol;
        const pixel = row + <usize>x * pixelBytes;
        if (xIn < 0 || xIn > lastCol) fillFloats(pixel, channels, <f32>extrapolation);
        else if (yIn != yIn || xIn != xIn) fillFloats(pixel, channels, NaN);
        else if (nearest) {
          const from = src + <usize><i32>roundHalfUp(yIn) * imageRowBytes + <usize><i32>roundHalfUp(xIn) * pixelBytes;
          memory.copy(pixel, from, pixelBytes);
        } else {
          blendPixel(pixel, src, imageRowBytes, pixelBytes, channels, yIn, xIn);
        }
      }
    }
  }
}

/** The bilinear blend of the four pixels around (yIn, xIn): along x first, then along y, in float64. */
@inline function blendPixel(
  pixel: usize, src: usize, imageRowBytes: usize, pixelBytes: usize, channels: i32, yIn: f64, xIn: f64,
): void {
  const top = Math.floor(yIn);
  const left = Math.floor(xIn);
  const yLerp = yIn - top;
  const xLerp = xIn - left;
  const topRow = src + <usize>top * imageRowBytes;
  const bottomRow = src + <usize>Math.ceil(yIn) * imageRowBytes;
  const leftAt = <usize>left * pixelBytes;
  const rightAt = <usize>Math.ceil(xIn) * pixelBytes;
  for (let c = 0; c < channels; c++) {
    const at = <usize>c << 2;
    const topLeft = <f64>load<f32>(topRow + leftAt + at);
    const topRight = <f64>load<f32>(topRow + rightAt + at);
    const bottomLeft = <f64>load<f32>(bottomRow + leftAt + at);
    const bottomRight = <f64>load<f32>(bottomRow + rightAt + at);
    const upper = topLeft + (topRight - topLeft) * xLerp;
    const lower = bottomLeft + (bottomRight - bottomLeft) * xLerp;
    store<f32>(pixel + at, <f32>(upper + (lower - upper) * yLerp));
  }
}
