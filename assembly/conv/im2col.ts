// im2col: row r of the patch matrix is the receptive field of output pixel r (batch, z, y, x), laid out as
// (filter plane, filter row, filter column, input channel) like the filter's rows, zeros where it falls in
// the padding. col2im is its adjoint: every row is added back onto the input pixels it was read from.
import { copyFloats, zeroFloats, addFloats } from '../simd/copy';
import { ConvGeometry } from './geometry';

/** Byte offset of input plane z of image b. */
@inline
function planeOffset(g: ConvGeometry, b: i32, z: i32): usize {
  return (<usize>(b * g.inD + z) * <usize>g.inH * <usize>g.inW * <usize>g.inC) << 2;
}

/** Writes rows [r0, r1) of the patch matrix of input x into cols (row length filterD·filterH·filterW·inC). */
export function im2col(g: ConvGeometry, x: usize, cols: usize, r0: i32, r1: i32): void {
  const planeFloats = g.filterH * g.filterW * g.inC;
  const perPlane = g.outH * g.outW;
  const perImage = g.outD * perPlane;
  let dst = cols;
  for (let r = r0; r < r1; r++) {
    // Output pixel r is (b, oz, oy, ox); its window starts at (z0, y0, x0) of image b.
    const b = r / perImage;
    const oz = (r - b * perImage) / perPlane;
    const yx = r - b * perImage - oz * perPlane;
    const oy = yx / g.outW;
    const z0 = oz * g.strideD - g.padFront;
    const y0 = oy * g.strideH - g.padTop;
    const x0 = (yx - oy * g.outW) * g.strideW - g.padLeft;
    for (let kz = 0; kz < g.filterD; kz++, dst += <usize>planeFloats << 2) {
      const iz = z0 + kz * g.dilationD;
      if (iz < 0 || iz >= g.inD) zeroFloats(dst, planeFloats);
      else planePatch(g, x + planeOffset(g, b, iz), dst, y0, x0);
    }
  }
}

/** The filterH × filterW window at (y0, x0) of one input plane, into dst (zeros outside the plane). */
function planePatch(g: ConvGeometry, plane: usize, dst: usize, y0: i32, x0: i32): void {
  const inH = g.inH, inW = g.inW, inC = g.inC, filterH = g.filterH, filterW = g.filterW;
  const dilationH = g.dilationH, dilationW = g.dilationW;
  const pixelBytes = <usize>inC << 2;
  for (let ky = 0; ky < filterH; ky++) {
    const iy = y0 + ky * dilationH;
    if (iy < 0 || iy >= inH) {
      zeroFloats(dst, filterW * inC);
      dst += <usize>filterW * pixelBytes;
      continue;
    }
    const row = plane + <usize>iy * <usize>inW * pixelBytes;
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

/** Adds rows [r0, r1) of a patch-gradient matrix onto dx, the adjoint of im2col (dx is not cleared). */
export function col2im(g: ConvGeometry, cols: usize, dx: usize, r0: i32, r1: i32): void {
  const planeFloats = g.filterH * g.filterW * g.inC;
  const perPlane = g.outH * g.outW;
  const perImage = g.outD * perPlane;
  let src = cols;
  for (let r = r0; r < r1; r++) {
    // Output pixel r is (b, oz, oy, ox), as in im2col.
    const b = r / perImage;
    const oz = (r - b * perImage) / perPlane;
    const yx = r - b * perImage - oz * perPlane;
    const oy = yx / g.outW;
    const z0 = oz * g.strideD - g.padFront;
    const y0 = oy * g.strideH - g.padTop;
    const x0 = (yx - oy * g.outW) * g.strideW - g.padLeft;
    for (let kz = 0; kz < g.filterD; kz++, src += <usize>planeFloats << 2) {
      const iz = z0 + kz * g.dilationD;
      if (iz >= 0 && iz < g.inD) planeAdjoint(g, src, dx + planeOffset(g, b, iz), y0, x0);
    }
  }
}

/** Adds one plane's part of a patch-gradient row back onto the window at (y0, x0) of that input plane. */
function planeAdjoint(g: ConvGeometry, src: usize, plane: usize, y0: i32, x0: i32): void {
  const inH = g.inH, inW = g.inW, inC = g.inC, filterH = g.filterH, filterW = g.filterW;
  const dilationH = g.dilationH, dilationW = g.dilationW;
  const pixelBytes = <usize>inC << 2;
  for (let ky = 0; ky < filterH; ky++) {
    const iy = y0 + ky * dilationH;
    if (iy < 0 || iy >= inH) {
      src += <usize>filterW * pixelBytes;
      continue;
    }
    const row = plane + <usize>iy * <usize>inW * pixelBytes;
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
