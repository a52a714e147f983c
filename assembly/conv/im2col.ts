// im2col: row r of the patch matrix is the receptive field of output pixel r (batch, y, x), laid out as
// (filter row, filter column, input channel) like the filter's rows, zeros where it falls in the padding.
// col2im is its adjoint: every row is added back onto the input pixels it was read from.
import { copyFloats, zeroFloats, addFloats } from '../simd/copy';
import { ConvGeometry } from './geometry';

/** Writes rows [r0, r1) of the patch matrix of input x into cols (row length filterH·filterW·inC). */
export function im2col(g: ConvGeometry, x: usize, cols: usize, r0: i32, r1: i32): void {
  const inH = g.inH, inW = g.inW, inC = g.inC, outH = g.outH, outW = g.outW, filterH = g.filterH, filterW = g.filterW;
  const strideH = g.strideH, strideW = g.strideW, dilationH = g.dilationH, dilationW = g.dilationW;
  const padTop = g.padTop, padLeft = g.padLeft;
  const pixelBytes = <usize>inC << 2;
  const perImage = outH * outW;
  let dst = cols;
  for (let r = r0; r < r1; r++) {
    const b = r / perImage;
    const yx = r - b * perImage;
    const oy = yx / outW;
    const ox = yx - oy * outW;
    const image = x + <usize>b * <usize>inH * <usize>inW * pixelBytes;
    const y0 = oy * strideH - padTop;
    const x0 = ox * strideW - padLeft;
    for (let ky = 0; ky < filterH; ky++) {
      const iy = y0 + ky * dilationH;
      if (iy < 0 || iy >= inH) {
        zeroFloats(dst, filterW * inC);
        dst += <usize>filterW * pixelBytes;
        continue;
      }
      const row = image + <usize>iy * <usize>inW * pixelBytes;
      if (dilationW == 1 && x0 >= 0 && x0 + filterW <= inW) {
        // The whole filter row is inside the image: its pixels are one contiguous run.
        copyFloats(dst, row + <usize>x0 * pixelBytes, filterW * inC);
        dst += <usize>filterW * pixelBytes;
        continue;
      }
      for (let kx = 0; kx < filterW; kx++) {
        const ix = x0 + kx * dilationW;
        if (ix < 0 || ix >= inW) zeroFloats(dst, inC);
        else copyFloats(dst, row + <usize>ix * pixelBytes, inC);
        dst += pixelBytes;
      }
    }
  }
}

/** Adds rows [r0, r1) of a patch-gradient matrix onto dx, the adjoint of im2col (dx is not cleared). */
export function col2im(g: ConvGeometry, cols: usize, dx: usize, r0: i32, r1: i32): void {
  const inH = g.inH, inW = g.inW, inC = g.inC, outH = g.outH, outW = g.outW, filterH = g.filterH, filterW = g.filterW;
  const strideH = g.strideH, strideW = g.strideW, dilationH = g.dilationH, dilationW = g.dilationW;
  const padTop = g.padTop, padLeft = g.padLeft;
  const pixelBytes = <usize>inC << 2;
  const perImage = outH * outW;
  let src = cols;
  for (let r = r0; r < r1; r++) {
    const b = r / perImage;
    const yx = r - b * perImage;
    const oy = yx / outW;
    const ox = yx - oy * outW;
    const image = dx + <usize>b * <usize>inH * <usize>inW * pixelBytes;
    const y0 = oy * strideH - padTop;
    const x0 = ox * strideW - padLeft;
    for (let ky = 0; ky < filterH; ky++) {
      const iy = y0 + ky * dilationH;
      if (iy < 0 || iy >= inH) {
        src += <usize>filterW * pixelBytes;
        continue;
      }
      const row = image + <usize>iy * <usize>inW * pixelBytes;
      if (dilationW == 1 && x0 >= 0 && x0 + filterW <= inW) {
        addFloats(row + <usize>x0 * pixelBytes, src, filterW * inC);
        src += <usize>filterW * pixelBytes;
        continue;
      }
      for (let kx = 0; kx < filterW; kx++) {
        const ix = x0 + kx * dilationW;
        if (ix >= 0 && ix < inW) addFloats(row + <usize>ix * pixelBytes, src, inC);
        src += pixelBytes;
      }
    }
  }
}
