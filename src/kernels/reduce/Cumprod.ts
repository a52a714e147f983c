import {
  Cumprod,
  type CumprodAttrs,
  type CumprodInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { KernelArgs } from '../kernel_args.js';
import { reduceOnCpu } from './cpu.js';
import { isNativeScan, scanAlongAxis, withAxisFromEnd } from './scan.js';

/** Running products of float32 along an axis, equal to cpu's; int32 (double products on cpu) runs there. */
export function cumprod(args: KernelArgs<CumprodInputs, CumprodAttrs>): TensorInfo {
  const {
    inputs: { x },
    backend,
  } = args;
  const attrs = withAxisFromEnd(x, args.attrs);
  if (!isNativeScan(x, attrs.axis, ['float32'])) return reduceOnCpu(Cumprod, { ...args, attrs });
  return scanAlongAxis(backend, x, attrs, 'reduce_cumprod_f32');
}

export const cumprodConfig: KernelConfig = {
  kernelName: Cumprod,
  backendName: 'simd',
  kernelFunc: cumprod as unknown as KernelFunc,
};
