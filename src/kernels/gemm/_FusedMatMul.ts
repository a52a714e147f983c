import {
  _FusedMatMul,
  type _FusedMatMulAttrs,
  type _FusedMatMulInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { runOnCpu } from '../../backend/cpu_fallback.js';
import { type PreparedKernel, withPrepare } from '../../backend/prepared_kernel.js';
import type { KernelArgs } from '../kernel_args.js';
import {
  ACTIVATIONS,
  broadcastsOnto,
  type Epilogue,
  isFloat32Matrices,
  keptPacking,
  matMulF32,
  matMulShape,
  planMatMulF32,
} from './matmul.js';

type FusedMatMulArgs = Omit<KernelArgs<_FusedMatMulInputs, _FusedMatMulAttrs>, 'inputs'> & {
  inputs: { a: TensorInfo; b: TensorInfo; bias?: TensorInfo; preluActivationWeights?: TensorInfo };
};

/** The epilogue of a call the WASM GEMM runs, or null for one that goes to the CPU kernel. */
function nativeEpilogue(args: FusedMatMulArgs): Epilogue | null {
  const {
    inputs: { a, b, bias, preluActivationWeights: prelu },
    attrs,
  } = args;
  const { transposeA, transposeB, leakyreluAlpha } = attrs;
  const activation = ACTIVATIONS[attrs.activation ?? 'linear'];
  const outShape = isFloat32Matrices(a, b) ? matMulShape(a, b, transposeA, transposeB).outShape : null;
  const native =
    activation != null &&
    outShape != null &&
    [bias, prelu].every((t) => t == null || t.dtype === 'float32') &&
    (bias == null || broadcastsOnto(bias.shape, outShape)) &&
    (activation !== ACTIVATIONS.prelu || (prelu != null && broadcastsOnto(prelu.shape, outShape)));
  if (!native) return null;
  return {
    activation,
    leakyAlpha: leakyreluAlpha ?? 0.2,
    bias,
    prelu: activation === ACTIVATIONS.prelu ? prelu : undefined,
  };
}

/** activation(op(A)·op(B) + bias), the bias and activation applied as the GEMM stores each tile. */
export function fusedMatMul(args: FusedMatMulArgs): TensorInfo {
  const epilogue = nativeEpilogue(args);
  if (epilogue == null) return runOnCpu(_FusedMatMul, args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
  const { inputs, attrs, backend } = args;
  return matMulF32(backend, inputs.a, inputs.b, attrs.transposeA, attrs.transposeB, epilogue);
}

function prepareFusedMatMul(args: FusedMatMulArgs): PreparedKernel | null {
  const epilogue = nativeEpilogue(args);
  if (epilogue == null) return null;
  const { inputs, attrs, backend } = args;
  const planned = planMatMulF32(backend, inputs.a, inputs.b, attrs.transposeA, attrs.transposeB, epilogue);
  const { outShape, run } = planned;
  const { bias, prelu } = epilogue;
  const reads = [inputs.a, inputs.b, ...(bias != null ? [bias] : []), ...(prelu != null ? [prelu] : [])];
  const preluAt = bias != null ? 3 : 2;
  return {
    reads,
    outputs: [{ shape: outShape, dtype: 'float32' }],
    run: (p) =>
      run(
        p[0],
        p[1],
        p[reads.length],
        bias != null ? p[2] : 0,
        prelu != null ? p[preluAt] : 0,
        keptPacking(backend, planned, inputs.b, p[1]),
      ),
  };
}

export const fusedMatMulConfig: KernelConfig = {
  kernelName: _FusedMatMul,
  backendName: 'simd',
  kernelFunc: withPrepare(fusedMatMul as unknown as KernelFunc, prepareFusedMatMul as never),
};
