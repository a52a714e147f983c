import {
  backend_util,
  DepthwiseConv2dNativeBackpropInput,
  type DepthwiseConv2dNativeBackpropInputAttrs,
  type DepthwiseConv2dNativeBackpropInputInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { convOnCpu, convOutput, dyFits, isNativeConv, undilated } from './geometry.js';

/** dx[.., c] = Σ over the taps that read it, Σ_q dy[.., c·mult + q]·filter[tap, c, q]. */
export function depthwiseConv2dNativeBackpropInput(
  args: KernelArgs<DepthwiseConv2dNativeBackpropInputInputs, DepthwiseConv2dNativeBackpropInputAttrs>,
): TensorInfo {
  const {
    inputs: { dy, filter },
    attrs,
    backend,
  } = args;
  const { strides, dilations, pad, dimRoundingMode, inputShape } = attrs;
  const info = backend_util.computeConv2DInfo(
    inputShape,
    filter.shape as [number, number, number, number],
    strides,
    dilations,
    pad,
    dimRoundingMode,
    true,
  );
  if (!isNativeConv([dy, filter]) || !undilated(info)) return convOnCpu(DepthwiseConv2dNativeBackpropInput, args);
  if (!dyFits(dy, info.outShape)) return convOnCpu(DepthwiseConv2dNativeBackpropInput, args);
  return convOutput(backend, info.inShape, 'conv_depthwise_backprop_input_f32', info, [
    backend.ptr(dy),
    backend.ptr(filter),
  ]);
}

export const depthwiseConv2dNativeBackpropInputConfig: KernelConfig = {
  kernelName: DepthwiseConv2dNativeBackpropInput,
  backendName: 'simd',
  kernelFunc: depthwiseConv2dNativeBackpropInput as unknown as KernelFunc,
};
