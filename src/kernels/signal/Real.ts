import { type KernelConfig, type KernelFunc, Real, type RealInputs, type TensorInfo } from '@tensorflow/tfjs-core';
import type { KernelArgs, NoAttrs } from '../kernel_args.js';
import { perComplexElement } from './parts.js';

/** The real parts of a complex64 tensor, as float32. */
export function real(args: KernelArgs<RealInputs, NoAttrs>): TensorInfo {
  return perComplexElement(Real, args, args.inputs.input, (backend, out, x, n) =>
    backend.wasm.kernels.signal_part_c64(out, x, n, 0),
  );
}

export const realConfig: KernelConfig = {
  kernelName: Real,
  backendName: 'simd',
  kernelFunc: real as unknown as KernelFunc,
};
