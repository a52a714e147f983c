// Nearest-neighbour resize and its gradient, given the source row of every output row and the source column of
// every output column (computed by the caller with tfjs-backend-cpu's float64 formulas; -1 = no source).
import { addFloats, copyFloats, zeroFloats } from '../simd/copy';

/** y[b, r, c] = x[b, rows[r], cols[c]] (pixels of `channels` floats). */
export function resizeNearest(
  x: usize, y: usize, batch: i32, inH: i32, inW: i32, channels: i32, outH: i32, outW: i32, rows: usize, cols: usize,
): void {
  const pixelBytes = <usize>channels << 2;
  let dst = y;
  for (let b = 0; b < batch; b++) {
    const image = x + <usize>b * <usize>inH * <usize>inW * pixelBytes;
    for (let r = 0; r < outH; r++) {
      const row = image + <usize>load<i32>(rows + (<usize>r << 2)) * <usize>inW * pixelBytes;
      for (let c = 0; c < outW; c++) {
        copyFloats(dst, row + <usize>load<i32>(cols + (<usize>c << 2)) * pixelBytes, channels);
        dst += pixelBytes;
      }
    }
  }
}

/** dx[b, rows[r], cols[c]] += dy[b, r, c] over every dy pixel with a source. */
export function resizeNearestBackprop(
  dy: usize, dx: usize, batch: i32, inH: i32, inW: i32, channels: i32, outH: i32, outW: i32, rows: usize, cols: usize,
): void {
  const pixelBytes = <usize>channels << 2;
  zeroFloats(dx, batch * inH * inW * channels);
  let src = dy;
  for (let b = 0; b < batch; b++) {
    const image = dx + <usize>b * <usize>inH * <usize>inW * pixelBytes;
    for (let r = 0; r < outH; r++) {
      const sourceRow = load<i32>(rows + (<usize>r << 2));
      for (let c = 0; c < outW; c++) {
        const sourceCol = load<i32>(cols + (<usize>c << 2));
        if (sourceRow >= 0 && sourceCol >= 0) {
          addFloats(image + (<usize>sourceRow * <usize>inW + <usize>sourceCol) * pixelBytes, src, channels);
        }
        src += pixelBytes;
      }
    }
  }
}
