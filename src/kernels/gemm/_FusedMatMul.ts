import {
  _FusedMatMul,
  type _FusedMatMulAttrs,
  type _FusedMatMulInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { runOnCpu } from '../../backend/cpu_fallback.js';
import type { KernelArgs } from '../kernel_args.js';
import { ACTIVATIONS, broadcastsOnto, isFloat32Matrices, matMulF32, matMulShape } from './matmul.js';

type FusedMatMulArgs = Omit<KernelArgs<_FusedMatMulInputs, _FusedMatMulAttrs>, 'inputs'> & {
  inputs: { a: TensorInfo; b: TensorInfo; bias?: TensorInfo; preluActivationWeights?: TensorInfo };
};

/** activation(op(A)·op(B) + bias), the bias and activation applied as the GEMM stores each tile. */
export function fusedMatMul(args: FusedMatMulArgs): TensorInfo {
  const {
    inputs: { a, b, bias, preluActivationWeights: prelu },
    attrs,
    backend,
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
  if (!native) return runOnCpu(_FusedMatMul, args as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
  return matMulF32(backend, a, b, transposeA, transposeB, {
    activation,
    leakyAlpha: leakyreluAlpha ?? 0.2,
    bias,
    prelu: activation === ACTIVATIONS.prelu ? prelu : undefined,
  });
}

export const fusedMatMulConfig: KernelConfig = {
  kernelName: _FusedMatMul,
  backendName: 'simd',
  kernelFunc: fusedMatMul as unknown as KernelFunc,
};
