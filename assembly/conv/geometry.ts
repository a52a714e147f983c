// The geometry of one 2-D convolution or pooling over NHWC tensors, set from its arguments at the start of
// every kernel call of the family and read by its routines (per-instance state, never carried from one call
// to the next: no objects in kernels).

export let batch: i32 = 0;
export let inH: i32 = 0;
export let inW: i32 = 0;
export let inC: i32 = 0;
export let outH: i32 = 0;
export let outW: i32 = 0;
export let outC: i32 = 0;
export let filterH: i32 = 0;
export let filterW: i32 = 0;
export let strideH: i32 = 0;
export let strideW: i32 = 0;
export let dilationH: i32 = 0;
export let dilationW: i32 = 0;
export let padTop: i32 = 0;
export let padLeft: i32 = 0;

export function setGeometry(
  b: i32, ih: i32, iw: i32, ic: i32, oh: i32, ow: i32, oc: i32, fh: i32, fw: i32,
  sh: i32, sw: i32, dh: i32, dw: i32, pt: i32, pl: i32,
): void {
  batch = b; inH = ih; inW = iw; inC = ic;
  outH = oh; outW = ow; outC = oc;
  filterH = fh; filterW = fw;
  strideH = sh; strideW = sw;
  dilationH = dh; dilationW = dw;
  padTop = pt; padLeft = pl;
}

/** Output pixels (rows of the im2col matrix): batch · outH · outW. */
@inline
export function outPixels(): i32 {
  return batch * outH * outW;
}

/** Length of one im2col row (the GEMM depth of a convolution): filterH · filterW · inC. */
@inline
export function patchLength(): i32 {
  return filterH * filterW * inC;
}

/** Whether the convolution is a plain matrix product of the input (1×1 filter, stride 1, no padding). */
@inline
export function isPointwise(): bool {
  return filterH == 1 && filterW == 1 && strideH == 1 && strideW == 1 && padTop == 0 && padLeft == 0 &&
    outH == inH && outW == inW;
}
