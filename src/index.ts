// tfjs-backend-simd: importing this module registers the TensorFlow.js backend named 'simd'.
import { registerBackend } from '@tensorflow/tfjs-core';
import { SimdBackend } from './backend/backend_simd.js';
import { BACKEND_NAME, registerAllKernels } from './register_all_kernels.js';
import { instantiateSimdWasm } from './wasm/module.js';

/** Above 'webgl' and 'wasm' (2) and 'cpu' (1): importing this package makes 'simd' the default. */
const PRIORITY = 3;

registerBackend(BACKEND_NAME, async () => new SimdBackend(await instantiateSimdWasm()), PRIORITY);
registerAllKernels();

export { SimdBackend } from './backend/backend_simd.js';
export { BACKEND_NAME, kernelCoverage } from './register_all_kernels.js';
export { detectWasmFeatures, setWasmBuild, setWasmModule, supportsBuild } from './wasm/module.js';
export type { WasmBuild, WasmFeatures } from './wasm/module.js';
export { setThreadCount } from './threads/settings.js';
export * from './ops/index.js';
