// The depthwise convolution forward pass shared by DepthwiseConv2dNative and FusedDepthwiseConv2D: tfjs-core's
// geometry and checks, then one WASM pass (assembly/conv/depthwise_forward.ts) with or without an epilogue.
import { backend_util, type DepthwiseConv2dNativeAttrs, type TensorInfo, util } from '@tensorflow/tfjs-core';
import type { SimdBackend } from '../../backend/backend_simd.js';
import type { GemmEpilogue } from '../gemm/threads.js';
import { depthwiseForwardF32 } from './depthwise_threads.js';
import { convGeometry, floatOutput } from './geometry.js';

type DepthwiseGeometryAttrs = Pick<DepthwiseConv2dNativeAttrs, 'strides' | 'pad' | 'dilations' | 'dimRoundingMode'>;

/** The geometry of a depthwise convolution, with the CPU kernel's check of strides and dilations. */
export function depthwiseInfo(
  x: TensorInfo,
  filter: TensorInfo,
  attrs: DepthwiseGeometryAttrs,
): backend_util.Conv2DInfo {
  const { strides, pad, dimRoundingMode } = attrs;
  const dilations = attrs.dilations ?? [1, 1];
  util.assert(
    backend_util.eitherStridesOrDilationsAreOne(strides, dilations),
    () =>
      'Error in depthwiseConv2d: ' +
      `Either strides or dilations must be 1. Got strides ${strides} and dilations '${dilations}'`,
  );
  return backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filter.shape as [number, number, number, number],
    strides,
    dilations,
    pad,
    dimRoundingMode,
    true,
  );
}

/** y = epilogue(depthwise(x, filter)); a null epilogue stores plain sums. */
export function depthwiseForward(
  backend: SimdBackend,
  x: TensorInfo,
  filter: TensorInfo,
  info: backend_util.Conv2DInfo,
  epilogue: GemmEpilogue | null,
): TensorInfo {
  return floatOutput(backend, info.outShape, (y) =>
    depthwiseForwardF32(
      backend.wasm,
      backend.threadPool,
      convGeometry(info),
      backend.ptr(x),
      backend.ptr(filter),
      y,
      epilogue,
    ),
  );
}
