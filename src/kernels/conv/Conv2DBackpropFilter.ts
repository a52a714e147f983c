import {
  backend_util,
  Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs,
  type Conv2DBackpropFilterInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { convGeometry, convOnCpu, dyFits, floatOutput, isNativeConv } from './geometry.js';
import { CONV_BACKPROP_FILTER, convF32 } from './threads.js';

/** dW = patchesᵀ · dy, summed over chunks of output pixels on the WASM GEMM (output channels split over threads). */
export function conv2DBackpropFilter(
  args: KernelArgs<Conv2DBackpropFilterInputs, Conv2DBackpropFilterAttrs>,
): TensorInfo {
  const {
    inputs: { x, dy },
    attrs,
    backend,
  } = args;
  const { filterShape, strides, pad, dataFormat, dimRoundingMode } = attrs;
  if (!isNativeConv([x, dy], dataFormat)) return convOnCpu(Conv2DBackpropFilter, args);
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    'channelsLast',
  );
  if (!dyFits(dy, info.outShape)) return convOnCpu(Conv2DBackpropFilter, args);
  return floatOutput(backend, info.filterShape, (dw) =>
    convF32(
      backend.wasm,
      backend.threadPool,
      CONV_BACKPROP_FILTER,
      convGeometry(info),
      backend.ptr(x),
      backend.ptr(dy),
      dw,
      null,
    ),
  );
}

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'simd',
  kernelFunc: conv2DBackpropFilter as unknown as KernelFunc,
};
