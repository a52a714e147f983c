import {
  Cast,
  type CastAttrs,
  type CastInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { runOnCpu } from '../../backend/cpu_fallback.js';
import type { KernelArgs } from '../kernel_args.js';
import { identity } from '../layout/Identity.js';
import { runUnary, type UnaryExport } from './unary.js';

/** Conversions with a native export, as tfjs-backend-cpu converts (float to int32 like Int32Array.from). */
const CONVERSIONS: Record<string, UnaryExport> = {
  'float32->int32': 'elementwise_cast_f32_i32',
  'float32->bool': 'elementwise_cast_f32_bool',
  'int32->float32': 'elementwise_cast_i32_f32',
  'int32->bool': 'elementwise_cast_i32_bool',
  'bool->float32': 'elementwise_cast_bool_f32',
  'bool->int32': 'elementwise_cast_bool_i32',
};

/** Changes a tensor's dtype; a cast to its own dtype shares the data, as Identity does. */
export function cast(args: KernelArgs<CastInputs, CastAttrs>): TensorInfo {
  const {
    inputs: { x },
    attrs: { dtype },
    backend,
  } = args;
  if (dtype === x.dtype && dtype !== 'string') return identity({ inputs: { x }, attrs: {}, backend });
  const exportName = CONVERSIONS[`${x.dtype}->${dtype}`];
  if (exportName == null) return runOnCpu(Cast, args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
  return runUnary(backend, exportName, x, dtype);
}

export const castConfig: KernelConfig = {
  kernelName: Cast,
  backendName: 'simd',
  kernelFunc: cast as unknown as KernelFunc,
};
