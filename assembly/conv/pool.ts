// 2-D max and average pooling and their gradients, direct, vectorised over channels. Windows are clipped to
// the image like tfjs-backend-cpu's: max keeps the first strictly greater value (NaN never wins; an empty or
// all-NaN window gives -Infinity and passes no gradient), avg divides by the number of pixels inside, while
// the avg gradient divides by the full window size (as the CPU kernel does).
import { addFloats, zeroFloats } from '../simd/copy';
import { ConvGeometry } from './geometry';

/** First input row (or column, plane) of output o's window, clipped to the input. */
@inline
export function windowStart(o: i32, stride: i32, pad: i32): i32 {
  return max(0, o * stride - pad);
}

/** One past the last input row (or column, plane) of output o's window, clipped to the input. */
@inline
export function windowEnd(o: i32, stride: i32, pad: i32, filter: i32, size: i32): i32 {
  return min(size, o * stride - pad + filter);
}

const MAX: i32 = 0;
const AVG: i32 = 1;

function pool(kind: i32, g: ConvGeometry, x: usize, y: usize): void {
  const inC = g.inC; // read in every inner loop: kept in a local
  const inW = g.inW;
  const pixelBytes = <usize>inC << 2;
  let yPixel = y;
  for (let b = 0; b < g.batch; b++) {
    const image = x + <usize>b * <usize>g.inH * <usize>inW * pixelBytes;
    for (let oy = 0; oy < g.outH; oy++) {
      const iy0 = windowStart(oy, g.strideH, g.padTop);
      const iy1 = windowEnd(oy, g.strideH, g.padTop, g.filterH, g.inH);
      for (let ox = 0; ox < g.outW; ox++) {
        const ix0 = windowStart(ox, g.strideW, g.padLeft);
        const ix1 = windowEnd(ox, g.strideW, g.padLeft, g.filterW, inW);
        const count = <f32>(max(0, iy1 - iy0) * max(0, ix1 - ix0));
        let c = 0;
        for (; c + 4 <= inC; c += 4) {
          let acc = kind == MAX ? f32x4.splat(-Infinity) : f32x4.splat(0);
          for (let iy = iy0; iy < iy1; iy++) {
            for (let ix = ix0; ix < ix1; ix++) {
              const v = v128.load(image + (<usize>iy * <usize>inW + <usize>ix) * pixelBytes + (<usize>c << 2));
              acc = kind == MAX ? v128.bitselect(v, acc, f32x4.gt(v, acc)) : f32x4.add(acc, v);
            }
          }
          if (kind == AVG) acc = f32x4.div(acc, f32x4.splat(count));
          v128.store(yPixel + (<usize>c << 2), acc);
        }
        for (; c < inC; c++) {
          let acc: f32 = kind == MAX ? -Infinity : 0;
          for (let iy = iy0; iy < iy1; iy++) {
            for (let ix = ix0; ix < ix1; ix++) {
              const v = load<f32>(image + (<usize>iy * <usize>inW + <usize>ix) * pixelBytes + (<usize>c << 2));
              if (kind == MAX) { if (v > acc) acc = v; } else acc += v;
            }
          }
          store<f32>(yPixel + (<usize>c << 2), kind == AVG ? acc / count : acc);
        }
        yPixel += pixelBytes;
      }
    }
  }
}

export function maxPoolForward(g: ConvGeometry, x: usize, y: usize): void {
  pool(MAX, g, x, y);
}

export function avgPoolForward(g: ConvGeometry, x: usize, y: usize): void {
  pool(AVG, g, x, y);
}

/** dx: each dy value goes to the first maximum of its window in x. */
export function maxPoolBackprop(g: ConvGeometry, dy: usize, x: usize, dx: usize): void {
  const inC = g.inC; // read in every inner loop: kept in a local
  const inW = g.inW;
  const pixelBytes = <usize>inC << 2;
  zeroFloats(dx, g.batch * g.inH * inW * inC);
  let dyPixel = dy;
  for (let b = 0; b < g.batch; b++) {
    const imageOffset = <usize>b * <usize>g.inH * <usize>inW * pixelBytes;
    for (let oy = 0; oy < g.outH; oy++) {
      const iy0 = windowStart(oy, g.strideH, g.padTop);
      const iy1 = windowEnd(oy, g.strideH, g.padTop, g.filterH, g.inH);
      for (let ox = 0; ox < g.outW; ox++) {
        const ix0 = windowStart(ox, g.strideW, g.padLeft);
        const ix1 = windowEnd(ox, g.strideW, g.padLeft, g.filterW, inW);
        for (let c = 0; c < inC; c++) {
          const channel = imageOffset + (<usize>c << 2);
          let best: f32 = -Infinity;
          let bestAt: usize = -1;
          for (let iy = iy0; iy < iy1; iy++) {
            for (let ix = ix0; ix < ix1; ix++) {
              const at = channel + (<usize>iy * <usize>inW + <usize>ix) * pixelBytes;
              const v = load<f32>(x + at);
              if (v > best) { best = v; bestAt = at; }
            }
          }
          if (bestAt != -1) store<f32>(dx + bestAt, load<f32>(dx + bestAt) + load<f32>(dyPixel + (<usize>c << 2)));
        }
        dyPixel += pixelBytes;
      }
    }
  }
}

/** dx: each dy value, divided by the window size, spread over the pixels of its window inside the image. */
export function avgPoolBackprop(g: ConvGeometry, dy: usize, dx: usize): void {
  const inC = g.inC; // read in every inner loop: kept in a local
  const inW = g.inW;
  const pixelBytes = <usize>inC << 2;
  const size = g.batch * g.inH * inW * inC;
  zeroFloats(dx, size);
  let dyPixel = dy;
  for (let b = 0; b < g.batch; b++) {
    const image = dx + <usize>b * <usize>g.inH * <usize>inW * pixelBytes;
    for (let oy = 0; oy < g.outH; oy++) {
      const iy0 = windowStart(oy, g.strideH, g.padTop);
      const iy1 = windowEnd(oy, g.strideH, g.padTop, g.filterH, g.inH);
      for (let ox = 0; ox < g.outW; ox++) {
        const ix0 = windowStart(ox, g.strideW, g.padLeft);
        const ix1 = windowEnd(ox, g.strideW, g.padLeft, g.filterW, inW);
        for (let iy = iy0; iy < iy1; iy++) {
          for (let ix = ix0; ix < ix1; ix++) {
            addFloats(image + (<usize>iy * <usize>inW + <usize>ix) * pixelBytes, dyPixel, inC);
          }
        }
        dyPixel += pixelBytes;
      }
    }
  }
  scaleFloats(dx, size, <f32>(1.0 / <f64>(g.filterH * g.filterW)));
}

function scaleFloats(dst: usize, n: i32, factor: f32): void {
  const f = f32x4.splat(factor);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = <usize>i << 2;
    v128.store(dst + at, f32x4.mul(v128.load(dst + at), f));
  }
  for (; i < n; i++) {
    const at = <usize>i << 2;
    store<f32>(dst + at, load<f32>(dst + at) * factor);
  }
}
