import {
  backend_util, Conv2DBackpropFilter, Conv2DBackpropFilterAttrs, Conv2DBackpropFilterInputs, KernelConfig,
  KernelFunc, TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from './util/kernel_args.js';
import { convOnCpu, dyFits, floatOutput, isNativeConv, setConvGeometry } from './util/conv_geometry.js';

/** dW = patchesᵀ · dy, summed over chunks of output pixels on the WASM GEMM. */
export function conv2DBackpropFilter(
  args: KernelArgs<Conv2DBackpropFilterInputs, Conv2DBackpropFilterAttrs>,
): TensorInfo {
  const { inputs: { x, dy }, attrs, backend } = args;
  const { filterShape, strides, pad, dataFormat, dimRoundingMode } = attrs;
  if (!isNativeConv([x, dy], dataFormat)) return convOnCpu(Conv2DBackpropFilter, args);
  const info = backend_util.computeConv2DInfo(x.shape as [number, number, number, number], filterShape,
    strides, 1, pad, dimRoundingMode, false, 'channelsLast');
  if (!dyFits(dy, info.outShape)) return convOnCpu(Conv2DBackpropFilter, args);
  return floatOutput(backend, info.filterShape, (dw) => {
    setConvGeometry(backend, info);
    backend.wasm.kernels.conv2d_backprop_filter_f32(backend.ptr(x), backend.ptr(dy), dw);
  });
}

export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'simd',
  kernelFunc: conv2DBackpropFilter as unknown as KernelFunc,
};
