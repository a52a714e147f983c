// Depthwise convolution forward, with the GEMM's epilogue (bias, activation) applied as each output is stored:
//   y[b, oy, ox, c·mult + q] = act(bias[c·mult + q] + Σ_{ky,kx} x[b, oy·sh − pt + ky·dh, ox·sw − pl + kx·dw, c]·w[ky, kx, c, q])
// Layout: NHWC rows, vectorised over output channels. Each output pixel is computed in registers, 16 channels
// (four v128) at a time, then 4, then one by one for the tail; taps outside the image are skipped by clipping
// the filter window once per pixel, so the inner loop has no bounds checks. With mult = 1 a lane reads its own
// input channel; with mult a multiple of 4 the four lanes share one input channel (a splat); other mults run
// one output channel at a time.
import {
  ACTIVATION_LEAKYRELU, ACTIVATION_LINEAR, ACTIVATION_PRELU, ACTIVATION_RELU, ACTIVATION_RELU6, activateBiased, activationBias, activationOf,
  ExpBased, LeakyRelu, Linear, Prelu, Relu, Relu6,
} from '../activation/activate';
import { biasVector, Epilogue, finishScalar, finishVector, slopeVector } from '../gemm/epilogue';
import { madd } from '../simd/madd';
import { ConvGeometry } from './geometry';

/** First tap index k (of `taps`) whose position start + k·step lies in [0, size), or `taps` if none. */
@inline
function firstTapInside(start: i32, step: i32, taps: i32): i32 {
  return start >= 0 ? 0 : min(taps, (step - 1 - start) / step);
}

/** One past the last tap index k whose position start + k·step is below size. */
@inline
function endTapInside(start: i32, step: i32, taps: i32, size: i32): i32 {
  return size <= start ? 0 : min(taps, (size - start + step - 1) / step);
}

/**
 * The clipped filter window of the current output pixel (taps ky in [kyLo, kyHi), kx in [kxLo, kxHi)), where
 * its first tap reads, and the steps between taps: set per pixel, copied to locals by the sums below. It lives
 * in the call's scratch block, after the call's parameter blocks.
 */
@unmanaged
export class TapWindow {
  kyLo: i32;
  kyHi: i32;
  kxLo: i32;
  kxHi: i32;
  /** Byte address of the input pixel tap (kyLo, kxLo) reads. */
  firstTap: usize;
  /** Bytes between the input pixels of neighbouring taps along a row, and between rows of taps. */
  tapStepBytes: usize;
  rowStepBytes: usize;
}

/** Bytes of a TapWindow block (a multiple of 16). */
export const TAP_WINDOW_BYTES: usize = 32;

/** Input lanes of output channels o..o+3 at `pixel`: their own channels (mult 1) or one splat channel. */
@inline
function inputLanes(pixel: usize, o: i32, mult: i32): v128 {
  return mult == 1 ? v128.load(pixel + (<usize>o << 2)) : inputLane(pixel, o, mult);
}

/** Input channel of output channel o at `pixel`, splat across the lanes. */
@inline
function inputLane(pixel: usize, o: i32, mult: i32): v128 {
  return v128.load32_splat(pixel + (<usize>(o / mult) << 2));
}

/** Address of the filter value of output channel o at tap (kyLo, kxLo). */
@inline
function firstWeight(g: ConvGeometry, t: TapWindow, w: usize, o: i32): usize {
  return w + <usize>(t.kyLo * g.filterW + t.kxLo) * (<usize>g.outC << 2) + (<usize>o << 2);
}

/**
 * Σ over the window of x·w for output channels o..o+3 (lanes 4), or for channel o alone in lane 0 (lanes 1: one
 * float32 multiply and add per tap, unfused in every build, as a scalar loop would round).
 */
@inline
function tapSum(g: ConvGeometry, t: TapWindow, w: usize, o: i32, mult: i32, lanes: i32): v128 {
  const rows = t.kyHi - t.kyLo;
  const cols = t.kxHi - t.kxLo;
  const tapStep = t.tapStepBytes;
  const rowStep = t.rowStepBytes;
  const wTapStep = <usize>g.outC << 2;
  const wRowStep = <usize>g.filterW * wTapStep;
  let xRow = t.firstTap;
  let wRow = firstWeight(g, t, w, o);
  let acc = f32x4.splat(0);
  for (let r = 0; r < rows; r++) {
    let xAt = xRow;
    let wAt = wRow;
    for (let c = 0; c < cols; c++) {
      if (lanes == 4) acc = madd(inputLanes(xAt, o, mult), v128.load(wAt), acc);
      else acc = f32x4.add(acc, f32x4.mul(inputLane(xAt, o, mult), v128.load32_splat(wAt)));
      xAt += tapStep;
      wAt += wTapStep;
    }
    xRow += rowStep;
    wRow += wRowStep;
  }
  return acc;
}

/** Output channels o..o+15 of the current pixel, finished into out (four accumulators: the loads of a tap overlap). */
@inline
function tapSum16(g: ConvGeometry, e: Epilogue, t: TapWindow, w: usize, out: usize, o: i32, mult: i32): void {
  const rows = t.kyHi - t.kyLo;
  const cols = t.kxHi - t.kxLo;
  const tapStep = t.tapStepBytes;
  const rowStep = t.rowStepBytes;
  const wTapStep = <usize>g.outC << 2;
  const wRowStep = <usize>g.filterW * wTapStep;
  // With mult 1 the lanes of channels o..o+15 sit at fixed offsets from the tap's pixel.
  let xRow = mult == 1 ? t.firstTap + (<usize>o << 2) : t.firstTap;
  let wRow = firstWeight(g, t, w, o);
  let a0 = f32x4.splat(0);
  let a1 = a0;
  let a2 = a0;
  let a3 = a0;
  for (let r = 0; r < rows; r++) {
    let xAt = xRow;
    let wAt = wRow;
    for (let c = 0; c < cols; c++) {
      if (mult == 1) {
        a0 = madd(v128.load(xAt), v128.load(wAt), a0);
        a1 = madd(v128.load(xAt, 16), v128.load(wAt, 16), a1);
        a2 = madd(v128.load(xAt, 32), v128.load(wAt, 32), a2);
        a3 = madd(v128.load(xAt, 48), v128.load(wAt, 48), a3);
      } else {
        a0 = madd(inputLanes(xAt, o, mult), v128.load(wAt), a0);
        a1 = madd(inputLanes(xAt, o + 4, mult), v128.load(wAt, 16), a1);
        a2 = madd(inputLanes(xAt, o + 8, mult), v128.load(wAt, 32), a2);
        a3 = madd(inputLanes(xAt, o + 12, mult), v128.load(wAt, 48), a3);
      }
      xAt += tapStep;
      wAt += wTapStep;
    }
    xRow += rowStep;
    wRow += wRowStep;
  }
  const at = out + (<usize>o << 2);
  v128.store(at, finishVector(e, a0, 0, o));
  v128.store(at, finishVector(e, a1, 0, o + 4), 16);
  v128.store(at, finishVector(e, a2, 0, o + 8), 32);
  v128.store(at, finishVector(e, a3, 0, o + 12), 48);
}

/** Output channel o of the current pixel, alone. */
function tapSum1(g: ConvGeometry, t: TapWindow, w: usize, o: i32, mult: i32): f32 {
  return f32x4.extract_lane(tapSum(g, t, w, o, mult, 1), 0);
}

/** Output channels from `first` on of the current pixel, into out. */
@inline
function pixelChannels(
  g: ConvGeometry, e: Epilogue, t: TapWindow, w: usize, out: usize, mult: i32, first: i32,
): void {
  const outC = g.outC;
  let o = first;
  if (mult == 1 || mult % 4 == 0) {
    for (; o + 16 <= outC; o += 16) tapSum16(g, e, t, w, out, o, mult);
    for (; o + 4 <= outC; o += 4) {
      v128.store(out + (<usize>o << 2), finishVector(e, tapSum(g, t, w, o, mult, 4), 0, o));
    }
  }
  for (; o < outC; o++) store<f32>(out + (<usize>o << 2), finishScalar(e, tapSum1(g, t, w, o, mult), 0, o));
}

/** Sets the clipped window of output column ox of the row whose input rows start at rowOrigin (row y0 of its image). */
@inline
function setWindow(g: ConvGeometry, t: TapWindow, rowOrigin: isize, ox: i32): void {
  const x0 = ox * g.strideW - g.padLeft;
  const kxLo = firstTapInside(x0, g.dilationW, g.filterW);
  t.kxLo = kxLo;
  t.kxHi = endTapInside(x0, g.dilationW, g.filterW, g.inW);
  const pixelBytes = <isize>g.inC << 2;
  t.firstTap = <usize>(
    rowOrigin + (<isize>(t.kyLo * g.dilationH) * <isize>g.inW + <isize>(x0 + kxLo * g.dilationW)) * pixelBytes
  );
}

/** acc + x[0]·wa + x[tap]·wb + x[2·tap]·wc, in that order: one row of a pixel's 3×3 window. */
@inline
function tapRow(acc: v128, x: usize, tap: usize, wa: v128, wb: v128, wc: v128): v128 {
  return madd(v128.load(x + 2 * tap), wc, madd(v128.load(x + tap), wb, madd(v128.load(x), wa, acc)));
}

/** The first row of a pixel's 3×3 window: x[0]·wa (a product, not added to zero: a -0 stays) + the other two. */
@inline
function firstTapRow(x: usize, tap: usize, wa: v128, wb: v128, wc: v128): v128 {
  return madd(v128.load(x + 2 * tap), wc, madd(v128.load(x + tap), wb, f32x4.mul(v128.load(x), wa)));
}

/**
 * 3×3 filter, mult 1, channels c..c+3 of `count` output pixels whose windows lie inside the image: the nine
 * weights, the bias and the slope stay in registers while the pixels stream past, one pixel per step (nine
 * loads, nine multiply-adds, summed row by row as tapSum does). The pixels' chains are independent, so the
 * processor overlaps successive steps; several pixels per step would load all their inputs up front (the
 * engine keeps loads in program order and sinks the arithmetic to the stores), more than the registers hold.
 * x: input pixel of the first pixel's tap (0, 0); xStep: bytes between neighbouring output pixels' windows.
 * Not inlined: one function per activation, each its own loop (inlined, the optimizer merged the six loops
 * back into one that tested the activation per pixel).
 */
function window3x3<Act>(
  g: ConvGeometry, e: Epilogue, t: TapWindow, x: usize, w: usize, out: usize, count: i32, c: i32, xStep: usize,
): void {
  const tap = t.tapStepBytes;
  const row = t.rowStepBytes;
  const wTap = <usize>g.outC << 2;
  const channel = <usize>c << 2;
  let wAt = w + channel;
  const w00 = v128.load(wAt); wAt += wTap;
  const w01 = v128.load(wAt); wAt += wTap;
  const w02 = v128.load(wAt); wAt += wTap;
  const w10 = v128.load(wAt); wAt += wTap;
  const w11 = v128.load(wAt); wAt += wTap;
  const w12 = v128.load(wAt); wAt += wTap;
  const w20 = v128.load(wAt); wAt += wTap;
  const w21 = v128.load(wAt); wAt += wTap;
  const w22 = v128.load(wAt);
  const act = activationOf<Act>(e.activation);
  const bias = activationBias(biasVector(e, c), act);
  const slope = slopeVector(e, c);
  const outStep = <usize>g.outC << 2;
  let x0 = x + channel;
  let y = out + channel;
  for (let i = 0; i < count; i++) {
    let acc = firstTapRow(x0, tap, w00, w01, w02);
    acc = tapRow(acc, x0 + row, tap, w10, w11, w12);
    acc = tapRow(acc, x0 + 2 * row, tap, w20, w21, w22);
    v128.store(y, activateBiased(f32x4.add(acc, bias), act, slope));
    x0 += xStep;
    y += outStep;
  }
}

/** window3x3 with the current activation, one loop per activation. */
function window3x3Activated(
  g: ConvGeometry, e: Epilogue, t: TapWindow, x: usize, w: usize, out: usize, count: i32, c: i32, xStep: usize,
): void {
  switch (e.activation) {
    case ACTIVATION_LINEAR: window3x3<Linear>(g, e, t, x, w, out, count, c, xStep); break;
    case ACTIVATION_RELU: window3x3<Relu>(g, e, t, x, w, out, count, c, xStep); break;
    case ACTIVATION_RELU6: window3x3<Relu6>(g, e, t, x, w, out, count, c, xStep); break;
    case ACTIVATION_LEAKYRELU: window3x3<LeakyRelu>(g, e, t, x, w, out, count, c, xStep); break;
    case ACTIVATION_PRELU: window3x3<Prelu>(g, e, t, x, w, out, count, c, xStep); break;
    default: window3x3<ExpBased>(g, e, t, x, w, out, count, c, xStep);
  }
}

/**
 * Bytes of input a block of interior pixels reads (its windows' three rows): a block stays in L1 while each
 * group of 4 channels sweeps it, and is long enough that the per-sweep set-up (nine weights, the bias) is
 * small beside the sweep.
 */
const INTERIOR_BLOCK_BYTES: i32 = 16384;

/**
 * Output pixels ox0..ox1 of the current row, whose 3×3 windows lie inside the image (mult 1): blocks of pixels,
 * each swept once per group of 4 channels; the channel tail pixel by pixel.
 */
function interior3x3(
  g: ConvGeometry, e: Epilogue, t: TapWindow, w: usize, out: usize, rowOrigin: isize, ox0: i32, ox1: i32,
): void {
  const pixelBytes = <usize>g.inC << 2;
  const xStep = <usize>g.strideW * pixelBytes;
  const block = max(8, INTERIOR_BLOCK_BYTES / (3 * <i32>xStep));
  const vectorChannels = g.outC & ~3;
  for (let ox = ox0; ox < ox1; ox += block) {
    const count = min(block, ox1 - ox);
    const x = <usize>(rowOrigin + <isize>(ox * g.strideW - g.padLeft) * <isize>pixelBytes);
    const y = out + <usize>ox * pixelBytes;
    for (let c = 0; c < vectorChannels; c += 4) window3x3Activated(g, e, t, x, w, y, count, c, xStep);
    if (vectorChannels == g.outC) continue;
    for (let p = ox; p < ox + count; p++) {
      setWindow(g, t, rowOrigin, p);
      pixelChannels(g, e, t, w, out + <usize>p * pixelBytes, 1, vectorChannels);
    }
  }
}

/**
 * Output rows r0..r1 (counted over batch · outH) of the convolution g, finished by e; t is the call's window
 * block.
 */
export function depthwiseForwardRows(
  g: ConvGeometry, e: Epilogue, t: TapWindow, x: usize, w: usize, y: usize, r0: i32, r1: i32,
): void {
  const inH = g.inH, inW = g.inW, outH = g.outH, outW = g.outW, outC = g.outC;
  const filterH = g.filterH, filterW = g.filterW, strideH = g.strideH, strideW = g.strideW;
  const dilationH = g.dilationH, dilationW = g.dilationW, padTop = g.padTop, padLeft = g.padLeft;
  const mult = outC / g.inC;
  const pixelBytes = <isize>g.inC << 2;
  t.tapStepBytes = <usize>dilationW * <usize>pixelBytes;
  t.rowStepBytes = <usize>dilationH * <usize>inW * <usize>pixelBytes;
  const outRowBytes = <usize>outW * (<usize>outC << 2);
  // Columns whose whole window lies inside the image: the 3×3 fast path's, on rows whose window rows do too.
  const fast = mult == 1 && filterH == 3 && filterW == 3;
  const interiorLo = min(outW, (padLeft + strideW - 1) / strideW);
  const lastStart = inW - 1 - 2 * dilationW + padLeft; // the largest ox·strideW whose window ends inside
  const interiorHi = lastStart < 0 ? interiorLo : max(interiorLo, min(outW, lastStart / strideW + 1));
  for (let r = r0; r < r1; r++) {
    const b = r / outH;
    const y0 = (r - b * outH) * strideH - padTop;
    const kyLo = firstTapInside(y0, dilationH, filterH);
    const kyHi = endTapInside(y0, dilationH, filterH, inH);
    t.kyLo = kyLo;
    t.kyHi = kyHi;
    const rowOrigin = <isize>x + (<isize>b * <isize>inH + <isize>y0) * <isize>inW * pixelBytes;
    const out = y + <usize>r * outRowBytes;
    const interior = fast && kyLo == 0 && kyHi == 3;
    const lo = interior ? interiorLo : outW;
    const hi = interior ? interiorHi : outW;
    for (let ox = 0; ox < outW; ox++) {
      if (ox == lo) {
        interior3x3(g, e, t, w, out, rowOrigin, lo, hi);
        ox = hi;
        if (ox >= outW) break;
      }
      setWindow(g, t, rowOrigin, ox);
      const pixelOut = out + <usize>ox * (<usize>outC << 2);
      if (mult == 1) pixelChannels(g, e, t, w, pixelOut, 1, 0);
      else pixelChannels(g, e, t, w, pixelOut, mult, 0);
    }
  }
}
