// ArgMax and ArgMin of float32 along one axis: one WASM call, vectorised along the axes after it.
import { backend_util, type TensorInfo, util } from '@tensorflow/tfjs-core';
import type { SimdBackend } from '../../backend/backend_simd.js';
import { singleAxisStep } from './plan.js';

export function argReduce(
  backend: SimdBackend,
  x: TensorInfo,
  axis: number | number[],
  kernel: 'reduce_arg_max_f32' | 'reduce_arg_min_f32',
): TensorInfo {
  // cpu reduces the first of the given axes only.
  const [first] = util.parseAxisParam(axis, x.shape);
  const [outShape] = backend_util.computeOutAndReduceShapes(x.shape, [first]);
  const out = backend.makeOutput(outShape, 'int32');
  const { outer, n, inner } = singleAxisStep(x.shape, first);
  if (outer * inner === 0) return out;
  if (n === 0) {
    backend.view(out.dataId).fill(0);
    return out;
  }
  backend.wasm.kernels[kernel](backend.ptr(x), backend.ptr(out), outer, n, inner);
  return out;
}
