import {
  backend_util, DepthwiseConv2dNative, DepthwiseConv2dNativeAttrs, DepthwiseConv2dNativeInputs, KernelConfig,
  KernelFunc, TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from './util/kernel_args.js';
import { convOnCpu, floatOutput, isNativeConv, setConvGeometry } from './util/conv_geometry.js';

/** y[.., c·mult + q] = Σ over taps x[.., c]·filter[tap, c, q], vectorised over channels. */
export function depthwiseConv2dNative(
  args: KernelArgs<DepthwiseConv2dNativeInputs, DepthwiseConv2dNativeAttrs>,
): TensorInfo {
  const { inputs: { x, filter }, attrs, backend } = args;
  const { strides, pad, dilations, dimRoundingMode } = attrs;
  if (!isNativeConv([x, filter])) return convOnCpu(DepthwiseConv2dNative, args);
  const info = backend_util.computeConv2DInfo(x.shape as [number, number, number, number],
    filter.shape as [number, number, number, number], strides, dilations ?? [1, 1], pad, dimRoundingMode, true);
  return floatOutput(backend, info.outShape, (y) => {
    setConvGeometry(backend, info);
    backend.wasm.kernels.depthwise_conv2d_f32(backend.ptr(x), backend.ptr(filter), y);
  });
}

export const depthwiseConv2dNativeConfig: KernelConfig = {
  kernelName: DepthwiseConv2dNative,
  backendName: 'simd',
  kernelFunc: depthwiseConv2dNative as unknown as KernelFunc,
};
