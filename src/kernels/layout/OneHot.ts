import {
  type DataType,
  type KernelConfig,
  type KernelFunc,
  OneHot,
  type OneHotAttrs,
  type OneHotInputs,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs-core';
import { bytesPerElement } from '../../backend/backend_simd.js';
import { elementBits } from '../element_bits.js';
import type { KernelArgs } from '../kernel_args.js';
import { layoutOnCpu } from './fallback.js';

/**
 * The bits of on/off as stored for `dtype`. tfjs-backend-cpu computes in a Float32Array that is then
 * read as `dtype`: the value is rounded to float32 first, then converted like a typed-array store.
 */
function oneHotBits(dtype: DataType, value: number): number {
  return elementBits(dtype, Math.fround(value))[0];
}

/** out[e, d] = onValue where indices[e] = d, offValue elsewhere (an out-of-range index gives a row of off). */
export function oneHot(args: KernelArgs<OneHotInputs, OneHotAttrs>): TensorInfo {
  const {
    inputs: { indices },
    attrs: { dtype, depth, onValue, offValue },
    backend,
  } = args;
  const native = dtype === 'float32' || dtype === 'int32' || dtype === 'bool';
  if (!native || indices.dtype !== 'int32') return layoutOnCpu(OneHot, args) as TensorInfo;
  const out = backend.makeOutput([...indices.shape, depth], dtype);
  const numIndices = util.sizeFromShape(indices.shape);
  if (numIndices * depth === 0) return out;
  backend.wasm.kernels.layout_one_hot(
    backend.ptr(out),
    backend.ptr(indices),
    numIndices,
    depth,
    bytesPerElement(dtype),
    oneHotBits(dtype, onValue),
    oneHotBits(dtype, offValue),
  );
  return out;
}

export const oneHotConfig: KernelConfig = {
  kernelName: OneHot,
  backendName: 'simd',
  kernelFunc: oneHot as unknown as KernelFunc,
};
