import {
  backend_util,
  DepthwiseConv2dNativeBackpropFilter,
  type DepthwiseConv2dNativeBackpropFilterAttrs,
  type DepthwiseConv2dNativeBackpropFilterInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { convOnCpu, convOutput, dyFits, isNativeConv, undilated } from './geometry.js';

/** dW[tap, c, q] = Σ over output pixels x[.., c]·dy[.., c·mult + q]. */
export function depthwiseConv2dNativeBackpropFilter(
  args: KernelArgs<DepthwiseConv2dNativeBackpropFilterInputs, DepthwiseConv2dNativeBackpropFilterAttrs>,
): TensorInfo {
  const {
    inputs: { x, dy },
    attrs,
    backend,
  } = args;
  const { strides, dilations, pad, dimRoundingMode, filterShape } = attrs;
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    dilations,
    pad,
    dimRoundingMode,
    true,
  );
  if (!isNativeConv([x, dy]) || !undilated(info)) return convOnCpu(DepthwiseConv2dNativeBackpropFilter, args);
  if (!dyFits(dy, info.outShape)) return convOnCpu(DepthwiseConv2dNativeBackpropFilter, args);
  return convOutput(backend, info.filterShape, 'conv_depthwise_backprop_filter_f32', info, [
    backend.ptr(x),
    backend.ptr(dy),
  ]);
}

export const depthwiseConv2dNativeBackpropFilterConfig: KernelConfig = {
  kernelName: DepthwiseConv2dNativeBackpropFilter,
  backendName: 'simd',
  kernelFunc: depthwiseConv2dNativeBackpropFilter as unknown as KernelFunc,
};
