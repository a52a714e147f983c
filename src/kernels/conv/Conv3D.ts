import {
  backend_util,
  Conv3D,
  type Conv3DAttrs,
  type Conv3DInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { assertVolumes, conv3DGeometry, conv3dF32 } from './conv3d_run.js';
import { convOnCpu, floatOutput, isNativeConv } from './geometry.js';
import { CONV_FORWARD } from './threads.js';

type Shape5 = [number, number, number, number, number];

/** y = x ⊛ filter over NDHWC volumes: im2col over each output pixel's 3-D window, times the filter on the GEMM. */
export function conv3D(args: KernelArgs<Conv3DInputs, Conv3DAttrs>): TensorInfo {
  const {
    inputs: { x, filter },
    attrs: { strides, pad, dilations, dataFormat },
    backend,
  } = args;
  if (!isNativeConv([x, filter], dataFormat)) return convOnCpu(Conv3D, args);
  assertVolumes('conv3d', x.shape, filter.shape);
  const info = backend_util.computeConv3DInfo(x.shape as Shape5, filter.shape as Shape5, strides, dilations, pad);
  return floatOutput(backend, info.outShape, (y) =>
    conv3dF32(backend, CONV_FORWARD, conv3DGeometry(info), backend.ptr(x), backend.ptr(filter), y),
  );
}

export const conv3DConfig: KernelConfig = {
  kernelName: Conv3D,
  backendName: 'simd',
  kernelFunc: conv3D as unknown as KernelFunc,
};
