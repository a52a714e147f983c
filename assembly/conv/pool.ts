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

// The two pools as types: each is compiled as its own loops, with no test of the kind per value.
class Max {}
class Avg {}

@inline
function isMax<Kind>(): bool {
  return idof<Kind>() == idof<Max>();
}

/** The empty window's value: -Infinity for max, 0 for the sum of avg. */
@inline
function emptyWindow<Kind>(): v128 {
  return isMax<Kind>() ? f32x4.splat(-Infinity) : f32x4.splat(0);
}

/**
 * acc with one more window value v: the first strictly greater value (NaN never wins), or the running sum.
 * acc < v ? v : acc is pseudo-max exactly: one instruction on x86, where a compare and a select take four.
 */
@inline
function combine<Kind>(acc: v128, v: v128): v128 {
  return isMax<Kind>() ? f32x4.pmax(acc, v) : f32x4.add(acc, v);
}

/** A window's result from its combined values: avg divides by the pixels inside. */
@inline
function finish<Kind>(acc: v128, count: v128): v128 {
  return isMax<Kind>() ? acc : f32x4.div(acc, count);
}

/**
 * Channels c..c+15 of the window of rows iy0..iy1, columns ix0..ix1 (pixel (0, 0) at `image`) into out: four
 * vectors, four independent chains (one chain of additions would wait on each add's latency), each channel's
 * values combined in the same order as one at a time.
 */
@inline
function window16<Kind>(
  image: usize, rowBytes: usize, pixelBytes: usize, iy0: i32, iy1: i32, ix0: i32, ix1: i32, count: v128, out: usize,
): void {
  let a0 = emptyWindow<Kind>(), a1 = a0, a2 = a0, a3 = a0;
  for (let iy = iy0; iy < iy1; iy++) {
    let p = image + <usize>iy * rowBytes + <usize>ix0 * pixelBytes;
    for (let ix = ix0; ix < ix1; ix++, p += pixelBytes) {
      a0 = combine<Kind>(a0, v128.load(p));
      a1 = combine<Kind>(a1, v128.load(p, 16));
      a2 = combine<Kind>(a2, v128.load(p, 32));
      a3 = combine<Kind>(a3, v128.load(p, 48));
    }
  }
  v128.store(out, finish<Kind>(a0, count));
  v128.store(out, finish<Kind>(a1, count), 16);
  v128.store(out, finish<Kind>(a2, count), 32);
  v128.store(out, finish<Kind>(a3, count), 48);
}

/** window16 for channels c..c+3 alone. */
@inline
function window4<Kind>(
  image: usize, rowBytes: usize, pixelBytes: usize, iy0: i32, iy1: i32, ix0: i32, ix1: i32, count: v128, out: usize,
): void {
  let acc = emptyWindow<Kind>();
  for (let iy = iy0; iy < iy1; iy++) {
    let p = image + <usize>iy * rowBytes + <usize>ix0 * pixelBytes;
    for (let ix = ix0; ix < ix1; ix++, p += pixelBytes) acc = combine<Kind>(acc, v128.load(p));
  }
  v128.store(out, finish<Kind>(acc, count));
}

/** One channel (at `image`) of the window, as a scalar. */
@inline
function window1<Kind>(
  image: usize, rowBytes: usize, pixelBytes: usize, iy0: i32, iy1: i32, ix0: i32, ix1: i32, count: f32,
): f32 {
  let acc: f32 = isMax<Kind>() ? -Infinity : 0;
  for (let iy = iy0; iy < iy1; iy++) {
    let p = image + <usize>iy * rowBytes + <usize>ix0 * pixelBytes;
    for (let ix = ix0; ix < ix1; ix++, p += pixelBytes) {
      const v = load<f32>(p);
      if (isMax<Kind>()) { if (v > acc) acc = v; } else acc += v;
    }
  }
  return isMax<Kind>() ? acc : acc / count;
}

function pool<Kind>(g: ConvGeometry, x: usize, y: usize): void {
  const inC = g.inC; // read in every inner loop: kept in a local
  const inW = g.inW;
  const pixelBytes = <usize>inC << 2;
  const rowBytes = <usize>inW * pixelBytes;
  let yPixel = y;
  for (let b = 0; b < g.batch; b++) {
    const image = x + <usize>b * <usize>g.inH * rowBytes;
    for (let oy = 0; oy < g.outH; oy++) {
      const iy0 = windowStart(oy, g.strideH, g.padTop);
      const iy1 = windowEnd(oy, g.strideH, g.padTop, g.filterH, g.inH);
      for (let ox = 0; ox < g.outW; ox++) {
        const ix0 = windowStart(ox, g.strideW, g.padLeft);
        const ix1 = windowEnd(ox, g.strideW, g.padLeft, g.filterW, inW);
        const count = <f32>(max(0, iy1 - iy0) * max(0, ix1 - ix0));
        const countV = f32x4.splat(count);
        let c = 0;
        for (; c + 16 <= inC; c += 16) {
          const channel = <usize>c << 2;
          window16<Kind>(image + channel, rowBytes, pixelBytes, iy0, iy1, ix0, ix1, countV, yPixel + channel);
        }
        for (; c + 4 <= inC; c += 4) {
          const channel = <usize>c << 2;
          window4<Kind>(image + channel, rowBytes, pixelBytes, iy0, iy1, ix0, ix1, countV, yPixel + channel);
        }
        for (; c < inC; c++) {
          const channel = <usize>c << 2;
          store<f32>(yPixel + channel, window1<Kind>(image + channel, rowBytes, pixelBytes, iy0, iy1, ix0, ix1, count));
        }
        yPixel += pixelBytes;
      }
    }
  }
}

export function maxPoolForward(g: ConvGeometry, x: usize, y: usize): void {
  pool<Max>(g, x, y);
}

export function avgPoolForward(g: ConvGeometry, x: usize, y: usize): void {
  pool<Avg>(g, x, y);
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
