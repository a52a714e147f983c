// The geometry of one convolution or pooling over channels-last tensors: input [batch, inD, inH, inW, inC],
// output [batch, outD, outH, outW, outC], filter filterD × filterH × filterW, strides, dilations, padding. A
// 2-D call (NHWC) is the 3-D one of depth 1 (writeGeometry); the routines that only know 2-D windows ask
// isFlat(). A call's geometry is a parameter block at the start of its own scratch block, written from the
// call's arguments and handed to every routine: no state outlives the call, and each thread's call has its own.

@unmanaged
export class ConvGeometry {
  batch: i32;
  inH: i32;
  inW: i32;
  inC: i32;
  outH: i32;
  outW: i32;
  outC: i32;
  filterH: i32;
  filterW: i32;
  strideH: i32;
  strideW: i32;
  dilationH: i32;
  dilationW: i32;
  padTop: i32;
  padLeft: i32;
  inD: i32;
  outD: i32;
  filterD: i32;
  strideD: i32;
  dilationD: i32;
  padFront: i32;

  /** Output pixels (rows of the im2col matrix): batch · outD · outH · outW. */
  @inline
  outPixels(): i32 {
    return this.batch * this.outD * this.outH * this.outW;
  }

  /** Input pixels: batch · inD · inH · inW. */
  @inline
  inPixels(): i32 {
    return this.batch * this.inD * this.inH * this.inW;
  }

  /** Length of one im2col row (the GEMM depth of a convolution): filterD · filterH · filterW · inC. */
  @inline
  patchLength(): i32 {
    return this.filterD * this.filterH * this.filterW * this.inC;
  }

  /** Whether every image is one plane read from plane 0 (a 2-D call): routines that walk 2-D windows need it. */
  @inline
  isFlat(): bool {
    return this.inD == 1 && this.outD == 1 && this.filterD == 1 && this.padFront == 0;
  }

  /** Whether the convolution is a plain matrix product of the input (1×1 filter, stride 1, no padding). */
  @inline
  isPointwise(): bool {
    return this.filterD == 1 && this.strideD == 1 && this.padFront == 0 && this.outD == this.inD &&
      isPointwise(
        this.filterH, this.filterW, this.strideH, this.strideW, this.padTop, this.padLeft,
        this.inH, this.inW, this.outH, this.outW,
      );
  }
}

/** Bytes of a geometry block (a multiple of 16, so what follows it in a scratch block stays v128-aligned). */
export const CONV_GEOMETRY_BYTES: usize = 96;

/** The geometry block at `at`, filled from a call's arguments. */
export function writeGeometry(
  at: usize, b: i32, ih: i32, iw: i32, ic: i32, oh: i32, ow: i32, oc: i32, fh: i32, fw: i32,
  sh: i32, sw: i32, dh: i32, dw: i32, pt: i32, pl: i32,
): ConvGeometry {
  if (offsetof<ConvGeometry>() > CONV_GEOMETRY_BYTES) ERROR('ConvGeometry outgrew CONV_GEOMETRY_BYTES');
  const g = changetype<ConvGeometry>(at);
  g.batch = b; g.inH = ih; g.inW = iw; g.inC = ic;
  g.outH = oh; g.outW = ow; g.outC = oc;
  g.filterH = fh; g.filterW = fw;
  g.strideH = sh; g.strideW = sw;
  g.dilationH = dh; g.dilationW = dw;
  g.padTop = pt; g.padLeft = pl;
  g.inD = 1; g.outD = 1; g.filterD = 1;
  g.strideD = 1; g.dilationD = 1; g.padFront = 0;
  return g;
}

/** The geometry block at `at` of a 3-D call: writeGeometry's, with the depth of each part. */
export function writeGeometry3d(
  at: usize, b: i32, id: i32, ih: i32, iw: i32, ic: i32, od: i32, oh: i32, ow: i32, oc: i32,
  fd: i32, fh: i32, fw: i32, sd: i32, sh: i32, sw: i32, dd: i32, dh: i32, dw: i32, pf: i32, pt: i32, pl: i32,
): ConvGeometry {
  const g = writeGeometry(at, b, ih, iw, ic, oh, ow, oc, fh, fw, sh, sw, dh, dw, pt, pl);
  g.inD = id; g.outD = od; g.filterD = fd;
  g.strideD = sd; g.dilationD = dd; g.padFront = pf;
  return g;
}

/** Whether a 1×1, stride-1, unpadded window maps the input onto an output of the same size. */
@inline
export function isPointwise(
  fh: i32, fw: i32, sh: i32, sw: i32, pt: i32, pl: i32, ih: i32, iw: i32, oh: i32, ow: i32,
): bool {
  return fh == 1 && fw == 1 && sh == 1 && sw == 1 && pt == 0 && pl == 0 && oh == ih && ow == iw;
}
