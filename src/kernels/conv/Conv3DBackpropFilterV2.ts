import {
  backend_util,
  Conv3DBackpropFilterV2,
  type Conv3DBackpropFilterV2Attrs,
  type Conv3DBackpropFilterV2Inputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { assertVolumes, conv3DGeometry, conv3dF32 } from './conv3d_run.js';
import { convOnCpu, dyFits, floatOutput, isNativeConv } from './geometry.js';
import { CONV_BACKPROP_FILTER } from './threads.js';

type Shape5 = [number, number, number, number, number];

/** dW = Pᵀ · dy over NDHWC volumes, the patch matrix P built chunk by chunk (chunks split over threads). */
export function conv3DBackpropFilterV2(
  args: KernelArgs<Conv3DBackpropFilterV2Inputs, Conv3DBackpropFilterV2Attrs>,
): TensorInfo {
  const {
    inputs: { x, dy },
    attrs: { strides, pad, filterShape },
    backend,
  } = args;
  if (!isNativeConv([x, dy])) return convOnCpu(Conv3DBackpropFilterV2, args);
  assertVolumes('conv3dDerFilter', x.shape, filterShape);
  const info = backend_util.computeConv3DInfo(x.shape as Shape5, filterShape as Shape5, strides, 1, pad);
  if (!dyFits(dy, info.outShape)) return convOnCpu(Conv3DBackpropFilterV2, args);
  return floatOutput(backend, filterShape, (dw) =>
    conv3dF32(backend, CONV_BACKPROP_FILTER, conv3DGeometry(info), backend.ptr(x), backend.ptr(dy), dw),
  );
}

export const conv3DBackpropFilterV2Config: KernelConfig = {
  kernelName: Conv3DBackpropFilterV2,
  backendName: 'simd',
  kernelFunc: conv3DBackpropFilterV2 as unknown as KernelFunc,
};
