// The two gradients of a depthwise convolution (each input channel c convolved with its own `mult` filters,
// output channel c·mult + q; the forward pass is in depthwise_forward.ts), direct: per output pixel and filter
// tap, one multiply-add over the pixel's channels (vectorised when mult = 1, the common case).
import { zeroFloats } from '../simd/copy';
import { ConvGeometry } from './geometry';

/** dst[i] += a[i]·b[i] for i < n. */
function maddFloats(dst: usize, a: usize, b: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = <usize>i << 2;
    v128.store(dst + at, f32x4.add(v128.load(dst + at), f32x4.mul(v128.load(a + at), v128.load(b + at))));
  }
  for (; i < n; i++) {
    const at = <usize>i << 2;
    store<f32>(dst + at, load<f32>(dst + at) + load<f32>(a + at) * load<f32>(b + at));
  }
}

// Both passes visit the same (output pixel, filter tap) pairs inside the image and differ only in what they
// do with the input pixel x, the tap's filter row w and the output pixel y.
const INPUT_GRADIENT: i32 = 1;
const FILTER_GRADIENT: i32 = 2;

@inline
function visitTap(pass: i32, g: ConvGeometry, xPixel: usize, wRow: usize, yPixel: usize): void {
  const mult = g.outC / g.inC;
  if (mult == 1) {
    if (pass == INPUT_GRADIENT) maddFloats(xPixel, yPixel, wRow, g.inC);
    else maddFloats(wRow, xPixel, yPixel, g.inC);
    return;
  }
  for (let c = 0; c < g.inC; c++) {
    const xAt = xPixel + (<usize>c << 2);
    const first = <usize>(c * mult) << 2;
    let xv = load<f32>(xAt);
    let dxSum: f32 = 0;
    for (let q = 0; q < mult; q++) {
      const at = first + (<usize>q << 2);
      if (pass == INPUT_GRADIENT) dxSum += load<f32>(yPixel + at) * load<f32>(wRow + at);
      else store<f32>(wRow + at, load<f32>(wRow + at) + xv * load<f32>(yPixel + at));
    }
    if (pass == INPUT_GRADIENT) store<f32>(xAt, load<f32>(xAt) + dxSum);
  }
}

function sweep(pass: i32, g: ConvGeometry, x: usize, w: usize, y: usize): void {
  const xPixelBytes = <usize>g.inC << 2;
  const yPixelBytes = <usize>g.outC << 2;
  const wRowBytes = <usize>g.outC << 2;
  let yPixel = y;
  for (let b = 0; b < g.batch; b++) {
    const image = x + <usize>b * <usize>g.inH * <usize>g.inW * xPixelBytes;
    for (let oy = 0; oy < g.outH; oy++) {
      for (let ox = 0; ox < g.outW; ox++) {
        const y0 = oy * g.strideH - g.padTop;
        const x0 = ox * g.strideW - g.padLeft;
        for (let ky = 0; ky < g.filterH; ky++) {
          const iy = y0 + ky * g.dilationH;
          if (iy < 0 || iy >= g.inH) continue;
          for (let kx = 0; kx < g.filterW; kx++) {
            const ix = x0 + kx * g.dilationW;
            if (ix < 0 || ix >= g.inW) continue;
            const xPixel = image + (<usize>iy * <usize>g.inW + <usize>ix) * xPixelBytes;
            const wRow = w + <usize>(ky * g.filterW + kx) * wRowBytes;
            visitTap(pass, g, xPixel, wRow, yPixel);
          }
        }
        yPixel += yPixelBytes;
      }
    }
  }
}

export function depthwiseBackpropInput(g: ConvGeometry, dy: usize, w: usize, dx: usize): void {
  zeroFloats(dx, g.batch * g.inH * g.inW * g.inC);
  sweep(INPUT_GRADIENT, g, dx, w, dy);
}

export function depthwiseBackpropFilter(g: ConvGeometry, x: usize, dy: usize, dw: usize): void {
  zeroFloats(dw, g.filterH * g.filterW * g.outC);
  sweep(FILTER_GRADIENT, g, x, dw, dy);
}

