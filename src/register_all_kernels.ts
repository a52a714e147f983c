// Registers every tfjs kernel for 'simd': the native WASM ones, and the CPU fallback for all others.
import '@tensorflow/tfjs-backend-cpu'; // registers the CPU kernels the fallback runs
import { getKernelsForBackend, KernelConfig, registerKernel } from '@tensorflow/tfjs-core';
import { fallbackKernelConfig } from './backend/cpu_fallback.js';
import { convKernels } from './kernels/registry/conv.js';
import { elementwiseKernels } from './kernels/registry/elementwise.js';
import { gemmKernels } from './kernels/registry/gemm.js';
import { layoutKernels } from './kernels/registry/layout.js';
import { probKernels } from './kernels/registry/prob.js';
import { reduceKernels } from './kernels/registry/reduce.js';

export const BACKEND_NAME = 'simd';

const nativeKernels: KernelConfig[] = [
  ...elementwiseKernels, ...reduceKernels, ...layoutKernels, ...gemmKernels, ...probKernels, ...convKernels,
];

/** Which kernels run as native WASM on 'simd', and which run tfjs-backend-cpu's code (sorted names). */
export function kernelCoverage(): { native: string[]; fallback: string[] } {
  const native = new Set(nativeKernels.map((k) => k.kernelName));
  const fallback = getKernelsForBackend('cpu').map((k) => k.kernelName).filter((name) => !native.has(name));
  return { native: [...native].sort(), fallback: fallback.sort() };
}

export function registerAllKernels(): void {
  const registered = new Set(getKernelsForBackend(BACKEND_NAME).map((k) => k.kernelName));
  const register = (config: KernelConfig) => {
    if (!registered.has(config.kernelName)) registerKernel(config);
    registered.add(config.kernelName);
  };
  nativeKernels.forEach(register);
  kernelCoverage().fallback.forEach((name) => register(fallbackKernelConfig(name)));
}
