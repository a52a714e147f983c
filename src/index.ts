// tfjs-backend-simd: importing this module registers the TensorFlow.js backend named 'simd'.

import type { MemoryInfo } from '@tensorflow/tfjs-core';
import { registerBackend } from '@tensorflow/tfjs-core';
import { SimdBackend } from './backend/backend_simd.js';
import { cpuFallbackReady, cpuLoadsOnDemand, loadCpuFallback, whenCpuLoaded } from './backend/cpu_fallback.js';
import { BACKEND_NAME, registerAllKernels } from './register_all_kernels.js';
import { instantiateSimdWasm, instantiateSimdWasmNow } from './wasm/module.js';

/** Above 'webgl' and 'wasm' (2) and 'cpu' (1): importing this package makes 'simd' the default. */
const PRIORITY = 3;

// The CPU fallback's kernels come from tfjs-backend-cpu. In Node it loads on the first fallback kernel (a program
// whose kernels are all native never parses it); elsewhere it starts loading now and the factory awaits it
// alongside the WASM compilation. Either way importing this package stays cheap.
whenCpuLoaded(registerAllKernels);
const fallbackLoaded = cpuLoadsOnDemand ? Promise.resolve() : loadCpuFallback();
fallbackLoaded.catch(() => {}); // reported by the factory, not as an unhandled rejection

// Where the module can be compiled on the spot (Node, Deno, Bun: the build read from disk), the backend is made
// synchronously, so a script that uses tensors without awaiting tf.ready() runs as on 'cpu'; elsewhere (pages,
// Workers: the module is fetched) tfjs's rule for asynchronous backends holds: await tf.ready() or setBackend.
registerBackend(
  BACKEND_NAME,
  () => {
    const now = cpuFallbackReady() ? instantiateSimdWasmNow() : undefined;
    if (now !== undefined) return new SimdBackend(now);
    return Promise.all([instantiateSimdWasm(), fallbackLoaded]).then(([wasm]) => new SimdBackend(wasm));
  },
  PRIORITY,
);
registerAllKernels();

export { SimdBackend } from './backend/backend_simd.js';
export { memoryGuardReport } from './backend/kernel_guard.js';
export * from './ops/index.js';
export { adam, FusedAdamOptimizer } from './optimizers/adam.js';
export { BACKEND_NAME, kernelCoverage } from './register_all_kernels.js';
export type { WasmFileName } from './wasm/files.js';
export { setWasmPaths } from './wasm/files.js';
export { GUARD_MEMORY_FLAG } from './wasm/guard_setting.js';
export type { WasmBuild, WasmFeatures } from './wasm/module.js';
export { detectWasmFeatures, setWasmBuild, setWasmModule, supportsBuild } from './wasm/module.js';
export { setThreadCount } from './wasm/thread_count.js';

/**
 * What tf.memory() returns on 'simd': tfjs's MemoryInfo plus the bytes tensors hold in WASM memory, the bytes of
 * weights kept packed for products (numBytesPacked), and the memory's size.
 */
export type SimdMemoryInfo = MemoryInfo & { numBytesInWasm: number; numBytesPacked: number; wasmMemoryBytes: number };
export * from './compile/index.js';
