import {
  backend_util,
  GatherV2,
  type GatherV2Attrs,
  type GatherV2Inputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import { bytesPerElement } from '../../backend/backend_simd.js';
import type { KernelArgs } from '../kernel_args.js';
import { layoutOnCpu } from './fallback.js';

/**
 * x as [batch, outer, dimSize, slice] and indices as [batch, n]: out[b, o, i, :] = x[b, o, indices[b, i], :].
 * Like tfjs-backend-cpu, any index outside [0, dimSize) is an error.
 */
export function gatherV2(args: KernelArgs<GatherV2Inputs, GatherV2Attrs>): TensorInfo {
  const {
    inputs: { x, indices },
    attrs: { axis, batchDims },
    backend,
  } = args;
  if (x.dtype === 'string' || indices.dtype !== 'int32') return layoutOnCpu(GatherV2, args) as TensorInfo;
  const parsedAxis = util.parseAxisParam(axis, x.shape)[0];
  const axisDim = x.shape[parsedAxis];
  const numIndices = util.sizeFromShape(indices.shape);
  const kernels = backend.wasm.kernels;
  if (numIndices > 0) {
    const bad = kernels.layout_first_index_out_of_range(backend.ptr(indices), numIndices, axisDim);
    if (bad >= 0) {
      const index = backend.view(indices.dataId)[bad];
      util.assert(false, () => `GatherV2: the index value ${index} is not in [0, ${axisDim - 1}]`);
    }
  }
  const info = backend_util.segment_util.collectGatherOpShapeInfo(x, indices, parsedAxis, batchDims ?? 0);
  const out = backend.makeOutput(info.outputShape, x.dtype);
  if (util.sizeFromShape(info.outputShape) === 0) return out;
  kernels.layout_gather(
    backend.ptr(out),
    backend.ptr(x),
    backend.ptr(indices),
    info.batchSize,
    info.outerSize,
    info.dimSize,
    numIndices / info.batchSize,
    info.sliceSize * bytesPerElement(x.dtype),
  );
  return out;
}

export const gatherV2Config: KernelConfig = {
  kernelName: GatherV2,
  backendName: 'simd',
  kernelFunc: gatherV2 as unknown as KernelFunc,
};
