import {
  Identity,
  type IdentityInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs, NoAttrs } from '../kernel_args.js';

/** Identity shares the input's data: no copy, one more reference. */
export function identity({ inputs: { x }, backend }: KernelArgs<IdentityInputs, NoAttrs>): TensorInfo {
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

export const identityConfig: KernelConfig = {
  kernelName: Identity,
  backendName: 'simd',
  kernelFunc: identity as unknown as KernelFunc,
};
