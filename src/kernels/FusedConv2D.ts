import {
  backend_util, FusedConv2D, FusedConv2DAttrs, FusedConv2DInputs, KernelConfig, KernelFunc, TensorInfo, util,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from './util/kernel_args.js';
import { ACTIVATIONS } from './util/gemm_matmul.js';
import { CONV_FORWARD, convF32 } from '../threads/conv_threads.js';
import type { GemmEpilogue } from '../threads/gemm_threads.js';
import { convGeometry, convOnCpu, floatOutput, isNativeConv } from './util/conv_geometry.js';

type FusedConv2DArgs = Omit<KernelArgs<FusedConv2DInputs, FusedConv2DAttrs>, 'inputs'> & {
  inputs: { x: TensorInfo; filter: TensorInfo; bias?: TensorInfo; preluActivationWeights?: TensorInfo };
};

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

/** activation(x ⊛ filter + bias), the bias and activation applied as the GEMM stores each tile. */
export function fusedConv2D(args: FusedConv2DArgs): TensorInfo {
  const { inputs: { x, filter, bias, preluActivationWeights: prelu }, attrs, backend } = args;
  const { strides, pad, dataFormat, dilations, dimRoundingMode, leakyreluAlpha } = attrs;
  const activation = ACTIVATIONS[attrs.activation ?? 'linear'];
  const outChannels = filter.shape[3];
  const biasStride = bias == null ? 0 : perChannelStride(bias, outChannels);
  const usesPrelu = activation === ACTIVATIONS.prelu;
  const preluStride = usesPrelu && prelu != null ? perChannelStride(prelu, outChannels) : 0;
  const native = activation != null && isNativeConv([x, filter, bias, prelu], dataFormat) &&
    biasStride != null && preluStride != null && (!usesPrelu || prelu != null);
  if (!native) return convOnCpu(FusedConv2D, args);
  const info = backend_util.computeConv2DInfo(x.shape as [number, number, number, number],
    filter.shape as [number, number, number, number], strides, dilations, pad, dimRoundingMode, false, 'channelsLast');
  // Bias and prelu weights are per channel: the same for every row (row stride 0), so for every image.
  const epilogue: GemmEpilogue = [activation, leakyreluAlpha ?? 0.2, bias ? backend.ptr(bias) : 0, 0, biasStride,
    usesPrelu && prelu ? backend.ptr(prelu) : 0, 0, preluStride];
  return floatOutput(backend, info.outShape, (y) => convF32(backend.wasm, backend.threadPool, CONV_FORWARD,
    convGeometry(info), backend.ptr(x), backend.ptr(filter), y, epilogue));
}

export const fusedConv2DConfig: KernelConfig = {
  kernelName: FusedConv2D,
  backendName: 'simd',
  kernelFunc: fusedConv2D as unknown as KernelFunc,
};
