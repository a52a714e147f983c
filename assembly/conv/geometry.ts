// The geometry of one 2-D convolution or pooling over NHWC tensors: input [batch, inH, inW, inC], output
// [batch, outH, outW, outC], filter filterH × filterW, strides, dilations, padding. A call's geometry is a
// parameter block at the start of its own scratch block, written from the call's arguments (writeGeometry)
// and handed to every routine: no state outlives the call, and each thread's call has its own block.

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

  /** Output pixels (rows of the im2col matrix): batch · outH · outW. */
  @inline
  outPixels(): i32 {
    return this.batch * this.outH * this.outW;
  }

  /** Length of one im2col row (the GEMM depth of a convolution): filterH · filterW · inC. */
  @inline
  patchLength(): i32 {
    return this.filterH * this.filterW * this.inC;
  }

  /** Whether the convolution is a plain matrix product of the input (1×1 filter, stride 1, no padding). */
  @inline
  isPointwise(): bool {
    return isPointwise(
      this.filterH, this.filterW, this.strideH, this.strideW, this.padTop, this.padLeft,
      this.inH, this.inW, this.outH, this.outW,
    );
  }
}

/** Bytes of a geometry block (a multiple of 16, so what follows it in a scratch block stays v128-aligned). */
export const CONV_GEOMETRY_BYTES: usize = 64;

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
  return g;
}

/** Whether a 1×1, stride-1, unpadded window maps the input onto an output of the same size. */
@inline
export function isPointwise(
  fh: i32, fw: i32, sh: i32, sw: i32, pt: i32, pl: i32, ih: i32, iw: i32, oh: i32, ow: i32,
): bool {
  return fh == 1 && fw == 1 && sh == 1 && sw == 1 && pt == 0 && pl == 0 && oh == ih && ow == iw;
}
