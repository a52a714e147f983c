// tfjs-backend-simd with its WebAssembly held in the code (base64): no .wasm file to serve, copy or fetch,
// for a bundler that emits no assets, a single-file script, or a host without a file loader. All four builds
// come along (about 4x the bytes of the one a runtime uses); the default entry loads only that one.
// Everything else is the default entry: importing this module registers the backend named 'simd'.
import { EMBEDDED_WASM } from './wasm/binaries.js';
import { setEmbeddedWasm, type WasmFileName } from './wasm/files.js';

export * from './index.js';

function decodeBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

setEmbeddedWasm((name: WasmFileName) => decodeBase64(EMBEDDED_WASM[name]));
