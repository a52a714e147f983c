import {
  Any,
  type AnyAttrs,
  type AnyInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { OP_MAX } from '../../wasm/constants.generated.js';
import type { KernelArgs } from '../kernel_args.js';
import { reduceAlongAxes } from './axes.js';
import { reduceOnCpu } from './cpu.js';

/** Logical or over axes (the maximum of 0/1 bytes); false over no element. */
export function any(args: KernelArgs<AnyInputs, AnyAttrs>): TensorInfo {
  const {
    inputs: { x },
    attrs: { axis, keepDims },
    backend,
  } = args;
  if (x.dtype !== 'bool') return reduceOnCpu(Any, args);
  return reduceAlongAxes(backend, { ...x, dtype: 'bool' }, axis, keepDims, OP_MAX, 0);
}

export const anyConfig: KernelConfig = {
  kernelName: Any,
  backendName: 'simd',
  kernelFunc: any as unknown as KernelFunc,
};
