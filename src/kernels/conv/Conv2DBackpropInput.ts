import {
  backend_util,
  Conv2DBackpropInput,
  type Conv2DBackpropInputAttrs,
  type Conv2DBackpropInputInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { convGeometry, convOnCpu, dyFits, floatOutput, isNativeConv } from './geometry.js';
import { CONV_BACKPROP_INPUT, convF32 } from './threads.js';

/**
 * dx = col2im(dy · filterᵀ): the GEMM per chunk of output pixels, each chunk's patches added back onto dx
 * (images split over threads).
 */
export function conv2DBackpropInput(args: KernelArgs<Conv2DBackpropInputInputs, Conv2DBackpropInputAttrs>): TensorInfo {
  const {
    inputs: { dy, filter },
    attrs,
    backend,
  } = args;
  const { inputShape, strides, pad, dataFormat, dimRoundingMode } = attrs;
  if (!isNativeConv([dy, filter], dataFormat)) return convOnCpu(Conv2DBackpropInput, args);
  const info = backend_util.computeConv2DInfo(
    inputShape,
    filter.shape as [number, number, number, number],
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    'channelsLast',
  );
  if (!dyFits(dy, info.outShape)) return convOnCpu(Conv2DBackpropInput, args);
  return floatOutput(backend, info.inShape, (dx) =>
    convF32(
      backend.wasm,
      backend.threadPool,
      CONV_BACKPROP_INPUT,
      convGeometry(info),
      backend.ptr(dy),
      backend.ptr(filter),
      dx,
      null,
    ),
  );
}

export const conv2DBackpropInputConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: 'simd',
  kernelFunc: conv2DBackpropInput as unknown as KernelFunc,
};
