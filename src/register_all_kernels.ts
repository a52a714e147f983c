// Registers every tfjs kernel for 'simd': the native WASM ones, and the CPU fallback for all others.
import * as tfjsCore from '@tensorflow/tfjs-core';
import { getKernelsForBackend, type KernelConfig, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import { fallbackKernelConfig, isFallback } from './backend/cpu_fallback.js';
import { guardKernel } from './backend/kernel_guard.js';
import { convKernels } from './kernels/conv/registry.js';
import { elementwiseKernels } from './kernels/elementwise/registry.js';
import { gemmKernels } from './kernels/gemm/registry.js';
import { layoutKernels } from './kernels/layout/registry.js';
import { optimKernels } from './kernels/optim/registry.js';
import { probKernels } from './kernels/prob/registry.js';
import { reduceKernels } from './kernels/reduce/registry.js';
import { signalKernels } from './kernels/signal/registry.js';
import { visionKernels } from './kernels/vision/registry.js';

export const BACKEND_NAME = 'simd';

const nativeKernels: KernelConfig[] = [
  ...elementwiseKernels,
  ...reduceKernels,
  ...layoutKernels,
  ...gemmKernels,
  ...probKernels,
  ...convKernels,
  ...optimKernels,
  ...visionKernels,
  ...signalKernels,
];

const nativeNames = new Set(nativeKernels.map((k) => k.kernelName));

/** Every kernel tfjs-core declares: its exported name constants (`export const Abs = 'Abs'`). */
function declaredKernelNames(): string[] {
  return Object.entries(tfjsCore)
    .filter(([key, value]) => value === key)
    .map(([key]) => key);
}

/** Kernels an op probes for before taking another path (fromPixels reads pixels in JS when unregistered). */
const PROBED_KERNELS = new Set(['FromPixels']);

/**
 * The kernels the CPU fallback serves: tfjs-backend-cpu's, once it is loaded. Until then (it loads on first
 * use where the runtime allows), every kernel tfjs-core declares, so that none is missing when a program
 * reaches it; registerAllKernels settles the list when tfjs-backend-cpu arrives.
 */
function fallbackNames(): string[] {
  const cpuNames = getKernelsForBackend('cpu').map((k) => k.kernelName);
  const candidates = cpuNames.length > 0 ? cpuNames : declaredKernelNames().filter((name) => !PROBED_KERNELS.has(name));
  return candidates.filter((name) => !nativeNames.has(name));
}

/** Which kernels run as native WASM on 'simd', and which run tfjs-backend-cpu's code (sorted names; the fallback list is
 * tfjs-backend-cpu's once it is loaded, before that every kernel tfjs-core declares). */
export function kernelCoverage(): { native: string[]; fallback: string[] } {
  return { native: [...nativeNames].sort(), fallback: fallbackNames().sort() };
}

/**
 * Registers the native kernels and the CPU fallback for the others (see fallbackNames). Called again once
 * tfjs-backend-cpu is loaded: fallbacks it lacks are withdrawn, any it adds are registered.
 */
export function registerAllKernels(): void {
  const registered = new Map(getKernelsForBackend(BACKEND_NAME).map((k) => [k.kernelName, k]));
  for (const config of nativeKernels) {
    if (!registered.has(config.kernelName)) registerKernel(guardKernel(config));
  }
  const fallbacks = new Set(fallbackNames());
  for (const name of fallbacks) {
    if (!registered.has(name)) registerKernel(fallbackKernelConfig(name));
  }
  for (const [name, config] of registered) {
    if (!nativeNames.has(name) && !fallbacks.has(name) && isFallback(config)) unregisterKernel(name, BACKEND_NAME);
  }
}
