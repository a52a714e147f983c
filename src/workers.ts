// tfjs-backend-simd for runtimes that forbid compiling WebAssembly at run time (Cloudflare Workers):
// the kernels come as .wasm modules the host compiles before the code runs, instead of embedded bytes.
// Everything else is the default entry: importing this module registers the backend named 'simd'.
import simdModule from '../build/simd.wasm';
import relaxedSimdModule from '../build/simd-relaxed.wasm';
import { setWasmModule } from './wasm/module.js';

export * from './index.js';

setWasmModule(simdModule, 'simd');
setWasmModule(relaxedSimdModule, 'relaxed-simd');
