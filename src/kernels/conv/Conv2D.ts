import {
  backend_util,
  Conv2D,
  type Conv2DAttrs,
  type Conv2DInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { SimdBackend } from '../../backend/backend_simd.js';
import type { GemmEpilogue } from '../gemm/threads.js';
import type { KernelArgs } from '../kernel_args.js';
import { convGeometry, convOnCpu, floatOutput, isNativeConv } from './geometry.js';
import { CONV_FORWARD, convF32 } from './threads.js';

/** y = x ⊛ filter: im2col in cache-sized chunks, each chunk times the filter on the WASM GEMM (images split over threads). */
export function conv2D(args: KernelArgs<Conv2DInputs, Conv2DAttrs>): TensorInfo {
  const {
    inputs: { x, filter },
    attrs,
    backend,
  } = args;
  if (!isNativeConv([x, filter], attrs.dataFormat)) return convOnCpu(Conv2D, args);
  return conv2dForward(backend, x, filter, attrs, null);
}

/**
 * epilogue(x ⊛ filter) for native NHWC float32 operands (Conv2D with a null epilogue, FusedConv2D with its own):
 * the geometry of tfjs-core, then the convolution on the GEMM.
 */
export function conv2dForward(
  backend: SimdBackend,
  x: TensorInfo,
  filter: TensorInfo,
  attrs: Pick<Conv2DAttrs, 'strides' | 'pad' | 'dilations' | 'dimRoundingMode'>,
  epilogue: GemmEpilogue | null,
): TensorInfo {
  const { strides, pad, dilations, dimRoundingMode } = attrs;
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filter.shape as [number, number, number, number],
    strides,
    dilations,
    pad,
    dimRoundingMode,
    false,
    'channelsLast',
  );
  return floatOutput(backend, info.outShape, (y) =>
    convF32(
      backend.wasm,
      backend.threadPool,
      CONV_FORWARD,
      convGeometry(info),
      backend.ptr(x),
      backend.ptr(filter),
      y,
      epilogue,
    ),
  );
}

export const conv2DConfig: KernelConfig = {
  kernelName: Conv2D,
  backendName: 'simd',
  kernelFunc: conv2D as unknown as KernelFunc,
};
