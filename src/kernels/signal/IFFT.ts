import { IFFT, type IFFTInputs, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { KernelArgs, NoAttrs } from '../kernel_args.js';
import { fourierTransform } from './fourier.js';

export function ifft(args: KernelArgs<IFFTInputs, NoAttrs>): TensorInfo {
  return fourierTransform(args, true);
}

export const ifftConfig: KernelConfig = {
  kernelName: IFFT,
  backendName: 'simd',
  kernelFunc: ifft as unknown as KernelFunc,
};
