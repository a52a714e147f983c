import {
  FusedConv2D,
  type FusedConv2DAttrs,
  type FusedConv2DInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { conv2dForward } from './Conv2D.js';
import { convEpilogue, type FusedOperands } from './epilogue.js';
import { convOnCpu, isNativeConv } from './geometry.js';

type FusedConv2DArgs = Omit<KernelArgs<FusedConv2DInputs, FusedConv2DAttrs>, 'inputs'> & {
  inputs: { x: TensorInfo; filter: TensorInfo } & FusedOperands;
};

/** activation(x ⊛ filter + bias), the bias and activation applied as the GEMM stores each tile. */
export function fusedConv2D(args: FusedConv2DArgs): TensorInfo {
  const { inputs, attrs, backend } = args;
  const { x, filter, bias, preluActivationWeights: prelu } = inputs;
  const { strides, pad, dataFormat, dilations, dimRoundingMode, activation, leakyreluAlpha } = attrs;
  if (!isNativeConv([x, filter, bias, prelu], dataFormat)) return convOnCpu(FusedConv2D, args);
  const epilogue = convEpilogue(backend, inputs, activation, leakyreluAlpha, filter.shape[3]);
  if (epilogue == null) return convOnCpu(FusedConv2D, args);
  return conv2dForward(backend, x, filter, { strides, pad, dilations, dimRoundingMode }, epilogue);
}

export const fusedConv2DConfig: KernelConfig = {
  kernelName: FusedConv2D,
  backendName: 'simd',
  kernelFunc: fusedConv2D as unknown as KernelFunc,
};
