import {
  backend_util,
  Conv3DBackpropInputV2,
  type Conv3DBackpropInputV2Attrs,
  type Conv3DBackpropInputV2Inputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { assertVolumes, conv3DGeometry, conv3dF32 } from './conv3d_run.js';
import { convOnCpu, dyFits, floatOutput, isNativeConv } from './geometry.js';
import { CONV_BACKPROP_INPUT } from './threads.js';

type Shape5 = [number, number, number, number, number];

/** dx = col2im(dy · filterᵀ) over NDHWC volumes, chunk by chunk of output pixels (images split over threads). */
export function conv3DBackpropInputV2(
  args: KernelArgs<Conv3DBackpropInputV2Inputs, Conv3DBackpropInputV2Attrs>,
): TensorInfo {
  const {
    inputs: { dy, filter },
    attrs: { inputShape, strides, pad },
    backend,
  } = args;
  if (!isNativeConv([dy, filter])) return convOnCpu(Conv3DBackpropInputV2, args);
  assertVolumes('conv3dDerInput', inputShape, filter.shape);
  const info = backend_util.computeConv3DInfo(inputShape as Shape5, filter.shape as Shape5, strides, 1, pad);
  // A dy of another shape (conv3dTranspose to a smaller output) is read by the CPU kernel with its own strides.
  if (!dyFits(dy, info.outShape)) return convOnCpu(Conv3DBackpropInputV2, args);
  return floatOutput(backend, info.inShape, (dx) =>
    conv3dF32(backend, CONV_BACKPROP_INPUT, conv3DGeometry(info), backend.ptr(dy), backend.ptr(filter), dx),
  );
}

export const conv3DBackpropInputV2Config: KernelConfig = {
  kernelName: Conv3DBackpropInputV2,
  backendName: 'simd',
  kernelFunc: conv3DBackpropInputV2 as unknown as KernelFunc,
};
