// What happens to a finished output value on its way to memory: optional bias, then an activation.
// Bias and prelu weights are broadcast over the output: element (i, j) sits at ptr + i·rowStride + j·colStride
// (strides in bytes; colStride is 0 or 4, rowStride anything, 0 when broadcast along rows).
// A call's epilogue is a parameter block in the first EPILOGUE_BYTES of its own scratch block, written from
// the call's arguments (writeEpilogue) and handed down to every routine that finishes outputs: no state
// outlives the call, and each thread's call has its own block.
import {
  ACTIVATION_LEAKYRELU, ACTIVATION_LINEAR, ACTIVATION_PRELU, ACTIVATION_RELU, ACTIVATION_RELU6, activateBiased,
  activateScalar, activateVector, activationBias, activationOf, ExpBased, LeakyRelu, Linear, Relu, Relu6,
} from '../activation/activate';

@unmanaged
export class Epilogue {
  activation: i32;
  leakyAlpha: f32;
  bias: usize;
  biasRowStride: usize;
  biasColStride: usize;
  prelu: usize;
  preluRowStride: usize;
  preluColStride: usize;
}

/** Bytes of an epilogue block (a multiple of 16, so what follows it in a scratch block stays v128-aligned). */
export const EPILOGUE_BYTES: usize = 32;

/** The epilogue block at `at`, filled from a call's arguments (pointer 0 = no bias, no prelu weights). */
export function writeEpilogue(
  at: usize, activation: i32, alpha: f32,
  bias: usize, biasRs: usize, biasCs: usize,
  prelu: usize, preluRs: usize, preluCs: usize,
): Epilogue {
  if (offsetof<Epilogue>() > EPILOGUE_BYTES) ERROR('Epilogue outgrew EPILOGUE_BYTES');
  const e = changetype<Epilogue>(at);
  e.activation = activation;
  e.leakyAlpha = alpha;
  e.bias = bias;
  e.biasRowStride = biasRs;
  e.biasColStride = biasCs;
  e.prelu = prelu;
  e.preluRowStride = preluRs;
  e.preluColStride = preluCs;
  return e;
}

/** Whether finished values need any work beyond being stored. */
@inline
export function hasEpilogue(e: Epilogue): bool {
  return e.bias != 0 || e.activation != ACTIVATION_LINEAR;
}

@inline
function broadcastLoad(ptr: usize, rowStride: usize, colStride: usize, i: i32, j: i32): v128 {
  const at = ptr + <usize>i * rowStride + <usize>j * colStride;
  return colStride == 0 ? v128.load32_splat(at) : v128.load(at);
}

@inline
function broadcastLoadScalar(ptr: usize, rowStride: usize, colStride: usize, i: i32, j: i32): f32 {
  return load<f32>(ptr + <usize>i * rowStride + <usize>j * colStride);
}

/** Bias and activation of output (i, j). */
export function finishScalar(e: Epilogue, x: f32, i: i32, j: i32): f32 {
  if (e.bias != 0) x += broadcastLoadScalar(e.bias, e.biasRowStride, e.biasColStride, i, j);
  const slope = e.activation == ACTIVATION_PRELU
    ? broadcastLoadScalar(e.prelu, e.preluRowStride, e.preluColStride, i, j)
    : e.leakyAlpha;
  return activateScalar(e.activation, x, slope);
}

/** Bias and activation of the `count` (a multiple of 4) stored outputs (i, j…) at c, in place. */
export function finishStored(e: Epilogue, c: usize, count: i32, i: i32, j: i32): void {
  for (let q = 0; q < count; q += 4) {
    const at = c + <usize>q * 4;
    v128.store(at, finishVector(e, v128.load(at), i, j + q));
  }
}

/** Bias and activation of outputs (i, j..j+3). */
@inline
export function finishVector(e: Epilogue, v: v128, i: i32, j: i32): v128 {
  if (e.bias != 0) v = f32x4.add(v, broadcastLoad(e.bias, e.biasRowStride, e.biasColStride, i, j));
  const slope = e.activation == ACTIVATION_PRELU
    ? broadcastLoad(e.prelu, e.preluRowStride, e.preluColStride, i, j)
    : f32x4.splat(e.leakyAlpha);
  return activateVector(v, e.activation, slope);
}

/** The bias of outputs (0, j..j+3) (zeros without one), for loops that keep it in a register. */
@inline
export function biasVector(e: Epilogue, j: i32): v128 {
  return e.bias != 0 ? broadcastLoad(e.bias, 0, e.biasColStride, 0, j) : f32x4.splat(0);
}

/** The negative-side slope of outputs (0, j..j+3): prelu weights or leakyrelu's alpha. */
@inline
export function slopeVector(e: Epilogue, j: i32): v128 {
  return e.activation == ACTIVATION_PRELU
    ? broadcastLoad(e.prelu, 0, e.preluColStride, 0, j)
    : f32x4.splat(e.leakyAlpha);
}

/**
 * Bias and activation of a stored tile of `rows` rows (ldc bytes apart) by 8 columns at c, outputs (i0.., j0..),
 * in place. With one bias per column and no prelu weights (dense layers, convolutions), the bias is loaded and
 * the activation chosen once per tile; otherwise row by row (finishStored). The same values as finishVector's.
 */
export function finishTile8(e: Epilogue, c: usize, ldc: usize, rows: i32, i0: i32, j0: i32): void {
  if (e.biasRowStride != 0 || e.activation == ACTIVATION_PRELU) {
    for (let r = 0; r < rows; r++) finishStored(e, c + <usize>r * ldc, 8, i0 + r, j0);
    return;
  }
  switch (e.activation) {
    case ACTIVATION_LINEAR: finishRows<Linear>(e, c, ldc, rows, j0); break;
    case ACTIVATION_RELU: finishRows<Relu>(e, c, ldc, rows, j0); break;
    case ACTIVATION_RELU6: finishRows<Relu6>(e, c, ldc, rows, j0); break;
    case ACTIVATION_LEAKYRELU: finishRows<LeakyRelu>(e, c, ldc, rows, j0); break;
    default: finishRows<ExpBased>(e, c, ldc, rows, j0);
  }
}

/**
 * finishTile8's rows with activation Act and a bias per column (or none). A separate function per activation (not
 * inlined into finishTile8's switch, which the optimizer would fold back into one loop testing the activation per
 * vector). Relu and relu6 always add a bias (+0 without one, activationBias): the sum is then never -0, so their
 * one-instruction forms give max's results exactly; the others add only a real bias, so -0 stays -0.
 */
function finishRows<Act>(e: Epilogue, c: usize, ldc: usize, rows: i32, j0: i32): void {
  const act = activationOf<Act>(e.activation);
  const slope = f32x4.splat(e.leakyAlpha);
  const hasBias = e.bias != 0;
  const adds = hasBias || act == ACTIVATION_RELU || act == ACTIVATION_RELU6;
  const zero = f32x4.splat(0);
  const b0 = activationBias(hasBias ? broadcastLoad(e.bias, 0, e.biasColStride, 0, j0) : zero, act);
  const b1 = activationBias(hasBias ? broadcastLoad(e.bias, 0, e.biasColStride, 0, j0 + 4) : zero, act);
  for (let r = 0; r < rows; r++) {
    const at = c + <usize>r * ldc;
    let v0 = v128.load(at);
    let v1 = v128.load(at, 16);
    if (adds) {
      v0 = f32x4.add(v0, b0);
      v1 = f32x4.add(v1, b1);
    }
    v128.store(at, activateBiased(v0, act, slope));
    v128.store(at, activateBiased(v1, act, slope), 16);
  }
}
