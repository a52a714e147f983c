import {
  BatchMatMul,
  type BatchMatMulAttrs,
  type BatchMatMulInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { runOnCpu } from '../../backend/cpu_fallback.js';
import { type PreparedKernel, withPrepare } from '../../backend/prepared_kernel.js';
import type { KernelArgs } from '../kernel_args.js';
import { isFloat32Matrices, keptPacking, matMulF32, planMatMulF32 } from './matmul.js';

/**
 * op(A)·op(B) over broadcast batches; float32 matrices on the WASM GEMM. Other dtypes, and inputs of rank < 2
 * (which tfjs rejects with the error the CPU kernel raises), go to the CPU kernel.
 */
export function batchMatMul(args: KernelArgs<BatchMatMulInputs, BatchMatMulAttrs>): TensorInfo {
  const {
    inputs: { a, b },
    attrs: { transposeA, transposeB },
    backend,
  } = args;
  if (!isFloat32Matrices(a, b)) {
    return runOnCpu(BatchMatMul, args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
  }
  return matMulF32(backend, a, b, transposeA, transposeB);
}

function prepareBatchMatMul(args: KernelArgs<BatchMatMulInputs, BatchMatMulAttrs>): PreparedKernel | null {
  const {
    inputs: { a, b },
    attrs: { transposeA, transposeB },
    backend,
  } = args;
  if (!isFloat32Matrices(a, b)) return null;
  const planned = planMatMulF32(backend, a, b, transposeA, transposeB);
  return {
    reads: [a, b],
    outputs: [{ shape: planned.outShape, dtype: 'float32' }],
    run: (p) => planned.run(p[0], p[1], p[2], 0, 0, keptPacking(backend, planned, b, p[1])),
  };
}

export const batchMatMulConfig: KernelConfig = {
  kernelName: BatchMatMul,
  backendName: 'simd',
  kernelFunc: withPrepare(batchMatMul as unknown as KernelFunc, prepareBatchMatMul as never),
};
