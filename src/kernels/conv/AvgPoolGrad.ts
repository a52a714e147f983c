import {
  AvgPoolGrad,
  type AvgPoolGradAttrs,
  type AvgPoolGradInputs,
  backend_util,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { convOnCpu, convOutput, dyFits, isNativeConv } from './geometry.js';

/** dx: each dy value, over the full window size, added to the window's pixels inside the image. */
export function avgPoolGrad(args: KernelArgs<AvgPoolGradInputs, AvgPoolGradAttrs>): TensorInfo {
  const {
    inputs: { dy, input },
    attrs,
    backend,
  } = args;
  const { filterSize, strides, pad } = attrs;
  if (!isNativeConv([dy, input])) return convOnCpu(AvgPoolGrad, args);
  const info = backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
  );
  if (!dyFits(dy, info.outShape)) return convOnCpu(AvgPoolGrad, args);
  return convOutput(backend, info.inShape, 'conv_avg_pool_backprop_f32', info, [backend.ptr(dy)]);
}

export const avgPoolGradConfig: KernelConfig = {
  kernelName: AvgPoolGrad,
  backendName: 'simd',
  kernelFunc: avgPoolGrad as unknown as KernelFunc,
};
