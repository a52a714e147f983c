import {
  DepthwiseConv2dNative,
  type DepthwiseConv2dNativeAttrs,
  type DepthwiseConv2dNativeInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { depthwiseForward, depthwiseInfo } from './depthwise.js';
import { convOnCpu, isNativeConv } from './geometry.js';

/** y[.., c·mult + q] = Σ over taps x[.., c]·filter[tap, c, q], vectorised over channels. */
export function depthwiseConv2dNative(
  args: KernelArgs<DepthwiseConv2dNativeInputs, DepthwiseConv2dNativeAttrs>,
): TensorInfo {
  const {
    inputs: { x, filter },
    attrs,
    backend,
  } = args;
  if (!isNativeConv([x, filter], attrs.dataFormat)) return convOnCpu(DepthwiseConv2dNative, args);
  return depthwiseForward(backend, x, filter, depthwiseInfo(x, filter, attrs), null);
}

export const depthwiseConv2dNativeConfig: KernelConfig = {
  kernelName: DepthwiseConv2dNative,
  backendName: 'simd',
  kernelFunc: depthwiseConv2dNative as unknown as KernelFunc,
};
