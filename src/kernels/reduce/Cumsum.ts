import {
  Cumsum,
  type CumsumAttrs,
  type CumsumInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { reduceOnCpu } from './cpu.js';
import { isNativeScan, scanAlongAxis, withAxisFromEnd } from './scan.js';

/** Running sums along an axis, rounded at every step as cpu's are, so equal to cpu's (int32 wraps alike). */
export function cumsum(args: KernelArgs<CumsumInputs, CumsumAttrs>): TensorInfo {
  const {
    inputs: { x },
    backend,
  } = args;
  const attrs = withAxisFromEnd(x, args.attrs);
  if (!isNativeScan(x, attrs.axis, ['float32', 'int32'])) return reduceOnCpu(Cumsum, { ...args, attrs });
  return scanAlongAxis(backend, x, attrs, x.dtype === 'float32' ? 'reduce_cumsum_f32' : 'reduce_cumsum_i32');
}

export const cumsumConfig: KernelConfig = {
  kernelName: Cumsum,
  backendName: 'simd',
  kernelFunc: cumsum as unknown as KernelFunc,
};
