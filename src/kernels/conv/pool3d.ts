// The 3-D pooling kernels (assembly/conv/pool3d.ts): the window geometry of tfjs-core, then one WASM pass that
// computes what tfjs-backend-cpu computes, bit for bit. NCDHW and other dtypes run the CPU kernel.
import { backend_util, type TensorInfo, util } from '@tensorflow/tfjs-core';
import type { SimdBackend } from '../../backend/backend_simd.js';
import {
  POOL_3D_AVG,
  POOL_3D_AVG_BACKPROP,
  POOL_3D_MAX,
  POOL_3D_MAX_BACKPROP,
} from '../../wasm/constants.generated.js';
import { callChecked, conv3DGeometry } from './conv3d_run.js';
import { convOnCpu, dyFits, floatOutput, isNativeConv } from './geometry.js';

type Shape5 = [number, number, number, number, number];

export interface Pool3DAttrs {
  filterSize: [number, number, number] | number;
  strides: [number, number, number] | number;
  pad: 'valid' | 'same' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  dataFormat?: 'NDHWC' | 'NCDHW';
}

/** Kinds of conv_pool_3d_scratch_bytes (assembly/conv/pool3d_exports.ts). */
const POOL_3D_KIND = {
  max: POOL_3D_MAX,
  avg: POOL_3D_AVG,
  maxGrad: POOL_3D_MAX_BACKPROP,
  avgGrad: POOL_3D_AVG_BACKPROP,
} as const;

const EXPORTS = {
  max: 'conv_max_pool_3d_f32',
  avg: 'conv_avg_pool_3d_f32',
  maxGrad: 'conv_max_pool_3d_backprop_f32',
  avgGrad: 'conv_avg_pool_3d_backprop_f32',
} as const;

type Pool3DKind = keyof typeof POOL_3D_KIND;

/**
 * MaxPool3D / AvgPool3D (`kind` 'max' or 'avg') of x, or their gradients ('maxGrad', 'avgGrad') given dy and
 * the pooled input; `kernelName` and `args` for the CPU kernel where the call is not native.
 */
export function pool3d(
  kind: Pool3DKind,
  kernelName: string,
  args: { inputs: { x?: TensorInfo; dy?: TensorInfo; input?: TensorInfo }; attrs: Pool3DAttrs; backend: SimdBackend },
): TensorInfo {
  const { inputs, attrs, backend } = args;
  const x = (inputs.x ?? inputs.input)!;
  const dy = inputs.dy;
  if (!isNativeConv([x, dy], attrs.dataFormat)) return convOnCpu(kernelName, args);
  util.assert(
    x.shape.length === 5,
    () => `Error in ${kernelName}: the pooled input must be rank 5, but got shape [${x.shape}].`,
  );
  const info = backend_util.computePool3DInfo(
    x.shape as Shape5,
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  // A dy of another shape is read by the CPU kernel with its own strides.
  if (dy != null && !dyFits(dy, info.outShape)) return convOnCpu(kernelName, args);
  const { wasm } = backend;
  const geometry = conv3DGeometry(info);
  const forward = dy == null;
  const operands = forward
    ? [backend.ptr(x)]
    : kind === 'maxGrad'
      ? [backend.ptr(dy), backend.ptr(x)]
      : [backend.ptr(dy)];
  const bytes = wasm.kernels.conv_pool_3d_scratch_bytes(POOL_3D_KIND[kind], ...geometry) >>> 0;
  return floatOutput(backend, forward ? info.outShape : x.shape, (out) =>
    wasm.withScratch(bytes, (scratch) =>
      callChecked(backend, EXPORTS[kind], [...geometry, ...operands, out, scratch, bytes]),
    ),
  );
}
