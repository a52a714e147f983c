import { FFT, type FFTInputs, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { KernelArgs, NoAttrs } from '../kernel_args.js';
import { fourierTransform } from './fourier.js';

export function fft(args: KernelArgs<FFTInputs, NoAttrs>): TensorInfo {
  return fourierTransform(args, false);
}

export const fftConfig: KernelConfig = {
  kernelName: FFT,
  backendName: 'simd',
  kernelFunc: fft as unknown as KernelFunc,
};
