import {
  backend_util,
  FusedConv2D,
  type FusedConv2DAttrs,
  type FusedConv2DInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { convEpilogue, type FusedOperands } from './epilogue.js';
import { convGeometry, convOnCpu, floatOutput, isNativeConv } from './geometry.js';
import { CONV_FORWARD, convF32 } from './threads.js';

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
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filter.shape as [number, number, number, number],
    strides,
    dilations,
    pad,
    dimRoundingMode,
    false,
    'channelsLast',
  );
  return floatOutput(backend, info.outShape, (y) =>
    convF32(
      backend.wasm,
      backend.threadPool,
      CONV_FORWARD,
      convGeometry(info),
      backend.ptr(x),
      backend.ptr(filter),
      y,
      epilogue,
    ),
  );
}

export const fusedConv2DConfig: KernelConfig = {
  kernelName: FusedConv2D,
  backendName: 'simd',
  kernelFunc: fusedConv2D as unknown as KernelFunc,
};
