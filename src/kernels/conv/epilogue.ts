// The epilogue of a fused convolution (FusedConv2D, FusedDepthwiseConv2D): bias and activation applied as each
// output is stored, in the order of the GEMM's epilogue arguments. Bias and prelu weights are per output
// channel, the same for every pixel (row stride 0).
import { type TensorInfo, util } from '@tensorflow/tfjs-core';
import type { SimdBackend } from '../../backend/backend_simd.js';
import { ACTIVATIONS } from '../gemm/matmul.js';
import type { GemmEpilogue } from '../gemm/threads.js';

export interface FusedOperands {
  bias?: TensorInfo;
  preluActivationWeights?: TensorInfo;
}

/**
 * Column stride (bytes) of a per-channel operand (bias, prelu weights) read along each output row: 0 for one
 * value, 4 for one per output channel; null when it varies over pixels too (then the CPU kernel runs).
 */
function perChannelStride(operand: TensorInfo, outChannels: number): number | null {
  const size = util.sizeFromShape(operand.shape);
  const leadingOnes = operand.shape.slice(0, -1).every((d) => d === 1) && operand.shape.length <= 4;
  if (!leadingOnes) return null;
  if (size === 1) return 0;
  return size === outChannels ? 4 : null;
}

/** The epilogue of a fused convolution with `outChannels` output channels, or null when it cannot run natively. */
export function convEpilogue(
  backend: SimdBackend,
  { bias, preluActivationWeights: prelu }: FusedOperands,
  activationName: string | undefined,
  leakyreluAlpha: number | undefined,
  outChannels: number,
): GemmEpilogue | null {
  const activation = ACTIVATIONS[activationName ?? 'linear'];
  if (activation == null) return null;
  const usesPrelu = activation === ACTIVATIONS.prelu;
  if (usesPrelu && prelu == null) return null;
  const biasStride = bias == null ? 0 : perChannelStride(bias, outChannels);
  const preluStride = usesPrelu ? perChannelStride(prelu!, outChannels) : 0;
  if (biasStride == null || preluStride == null) return null;
  return [
    activation,
    leakyreluAlpha ?? 0.2,
    bias ? backend.ptr(bias) : 0,
    0,
    biasStride,
    usesPrelu ? backend.ptr(prelu!) : 0,
    0,
    preluStride,
  ];
}
