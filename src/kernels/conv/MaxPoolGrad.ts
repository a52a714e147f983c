import {
  backend_util,
  type KernelConfig,
  type KernelFunc,
  MaxPoolGrad,
  type MaxPoolGradAttrs,
  type MaxPoolGradInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { convOnCpu, convOutput, dyFits, isNativeConv } from './geometry.js';

/** dx: each dy value added at the position of its window's maximum in the input. */
export function maxPoolGrad(args: KernelArgs<MaxPoolGradInputs, MaxPoolGradAttrs>): TensorInfo {
  const {
    inputs: { dy, input },
    attrs,
    backend,
  } = args;
  const { filterSize, strides, pad, dimRoundingMode } = attrs;
  if (!isNativeConv([dy, input])) return convOnCpu(MaxPoolGrad, args);
  const info = backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  if (!dyFits(dy, info.outShape)) return convOnCpu(MaxPoolGrad, args);
  return convOutput(backend, info.inShape, 'conv_max_pool_backprop_f32', info, [backend.ptr(dy), backend.ptr(input)]);
}

export const maxPoolGradConfig: KernelConfig = {
  kernelName: MaxPoolGrad,
  backendName: 'simd',
  kernelFunc: maxPoolGrad as unknown as KernelFunc,
};
