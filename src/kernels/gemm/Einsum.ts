import {
  Einsum,
  type EinsumAttrs,
  type EinsumInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { SimdBackend } from '../../backend/backend_simd.js';
import { runOnCpu } from '../../backend/cpu_fallback.js';
import type { KernelArgs } from '../kernel_args.js';
import { reshape } from '../layout/Reshape.js';
import { transpose } from '../layout/Transpose.js';
import { contractionPlan, isIdentity } from './einsum_plan.js';
import { matMulF32 } from './matmul.js';

/** x with its axes permuted (x itself when the permutation keeps them; the caller disposes a copy). */
function permuted(backend: SimdBackend, x: TensorInfo, perm: number[]): TensorInfo {
  return isIdentity(perm) ? x : transpose({ inputs: { x }, attrs: { perm }, backend });
}

/** x's data seen with another shape of as many elements, for one read. */
const viewAs = (x: TensorInfo, shape: number[]): TensorInfo => ({ dataId: x.dataId, shape, dtype: x.dtype });

/**
 * Two-operand contractions of float32 tensors (matrix products with batch, free and contracted indices in any
 * order) as transposes around one batched GEMM; other equations run on tfjs-backend-cpu. Sums run in the GEMM's
 * order, not cpu's: results agree to float32 rounding.
 */
export function einsum(args: KernelArgs<EinsumInputs, EinsumAttrs>): TensorInfo {
  const {
    inputs,
    attrs: { equation },
    backend,
  } = args;
  const onCpu = () => runOnCpu(Einsum, args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
  const operands = inputs as unknown as TensorInfo[];
  if (operands.length !== 2 || operands.some((t) => t.dtype !== 'float32')) return onCpu();
  const [a, b] = operands;
  const plan = contractionPlan(equation, a.shape, b.shape);
  if (plan == null) return onCpu();
  const { batch, m, k, n, transposeA, transposeB } = plan;
  const pa = permuted(backend, a, plan.permA);
  const pb = permuted(backend, b, plan.permB);
  const intermediates = [pa, pb].filter((t, i) => t !== operands[i]);
  try {
    const product = matMulF32(
      backend,
      viewAs(pa, transposeA ? [batch, k, m] : [batch, m, k]),
      viewAs(pb, transposeB ? [batch, n, k] : [batch, k, n]),
      transposeA,
      transposeB,
    );
    intermediates.push(product);
    const x = viewAs(product, plan.productShape);
    return isIdentity(plan.permOut)
      ? reshape({ inputs: { x }, attrs: { shape: plan.productShape }, backend })
      : transpose({ inputs: { x }, attrs: { perm: plan.permOut }, backend });
  } finally {
    for (const t of intermediates) backend.disposeIntermediateTensorInfo(t);
  }
}

export const einsumConfig: KernelConfig = {
  kernelName: Einsum,
  backendName: 'simd',
  kernelFunc: einsum as unknown as KernelFunc,
};
