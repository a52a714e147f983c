import {
  FusedDepthwiseConv2D,
  type FusedDepthwiseConv2DAttrs,
  type FusedDepthwiseConv2DInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { depthwiseForward, depthwiseInfo } from './depthwise.js';
import { convEpilogue } from './epilogue.js';
import { convOnCpu, isNativeConv } from './geometry.js';

/** activation(depthwise(x, filter) + bias), the bias and activation applied as each output pixel is stored. */
export function fusedDepthwiseConv2D(
  args: KernelArgs<FusedDepthwiseConv2DInputs, FusedDepthwiseConv2DAttrs>,
): TensorInfo {
  const { inputs, attrs, backend } = args;
  const { x, filter, bias, preluActivationWeights: prelu } = inputs;
  if (!isNativeConv([x, filter, bias, prelu], attrs.dataFormat)) return convOnCpu(FusedDepthwiseConv2D, args);
  const info = depthwiseInfo(x, filter, attrs);
  const epilogue = convEpilogue(backend, inputs, attrs.activation, attrs.leakyreluAlpha, info.outChannels);
  if (epilogue == null) return convOnCpu(FusedDepthwiseConv2D, args);
  return depthwiseForward(backend, x, filter, info, epilogue);
}

export const fusedDepthwiseConv2DConfig: KernelConfig = {
  kernelName: FusedDepthwiseConv2D,
  backendName: 'simd',
  kernelFunc: fusedDepthwiseConv2D as unknown as KernelFunc,
};
