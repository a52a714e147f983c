// Loads the kernels' WebAssembly module from bytes embedded in the JS build: no file path, no fetch.
// Two builds exist: plain SIMD, and relaxed SIMD (fused multiply-add); the best one the runtime validates wins.
import { RELAXED_SIMD_WASM_BASE64, SIMD_WASM_BASE64 } from './binaries.js';

/** A kernel exported by the module: numbers (pointers, sizes, scalars) in, at most one number out. */
export type WasmKernel = (...args: number[]) => number;

export type WasmBuild = 'relaxed-simd' | 'simd';

/** Largest linear memory a wasm32 module can address. */
const MAX_WASM_BYTES = 2 ** 32;

function decodeBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const BASE64: Record<WasmBuild, string> = {
  'relaxed-simd': RELAXED_SIMD_WASM_BASE64,
  simd: SIMD_WASM_BASE64,
};

/** Whether this runtime can run a build, decided by validating the real binary. */
export function supportsBuild(build: WasmBuild): boolean {
  return WebAssembly.validate(decodeBase64(BASE64[build]));
}

/** The build new backends use: 'auto' takes relaxed SIMD where the runtime validates it. */
let requestedBuild: WasmBuild | 'auto' = 'auto';

/** Picks the build for backends created from now on ('auto', 'relaxed-simd' or 'simd'). */
export function setWasmBuild(build: WasmBuild | 'auto'): void {
  requestedBuild = build;
}

function chooseBuild(): WasmBuild {
  if (requestedBuild !== 'auto') {
    if (!supportsBuild(requestedBuild)) {
      throw new Error(`Backend 'simd': this runtime cannot run the '${requestedBuild}' build.`);
    }
    return requestedBuild;
  }
  if (supportsBuild('relaxed-simd')) return 'relaxed-simd';
  if (supportsBuild('simd')) return 'simd';
  throw new Error(
    "Backend 'simd' needs WebAssembly SIMD (v128), which this runtime does not support " +
      '(Node >= 16.4, Deno, Bun, Chrome >= 91, Firefox >= 89, Safari >= 16.4 have it).');
}

const compiled = new Map<WasmBuild, Promise<WebAssembly.Module>>();

function compileBuild(build: WasmBuild): Promise<WebAssembly.Module> {
  let module = compiled.get(build);
  if (module == null) {
    module = WebAssembly.compile(decodeBase64(BASE64[build]));
    compiled.set(build, module);
    module.catch(() => compiled.delete(build));
  }
  return module;
}

/** One instance of the kernels' module, with its own linear memory. */
export class SimdWasm {
  readonly memory: WebAssembly.Memory;
  /** Every exported kernel, by its export name. */
  readonly kernels: Record<string, WasmKernel>;

  constructor(instance: WebAssembly.Instance, readonly build: WasmBuild) {
    const exports = instance.exports as Record<string, unknown>;
    this.memory = exports.memory as WebAssembly.Memory;
    this.kernels = exports as Record<string, WasmKernel>;
  }

  /** Allocates `bytes` bytes of linear memory (0 bytes gives the null pointer, which is never read). */
  alloc(bytes: number): number {
    if (bytes === 0) return 0;
    if (!(bytes <= MAX_WASM_BYTES - this.memory.buffer.byteLength)) {
      throw new RangeError(
        `Backend 'simd': cannot allocate ${bytes} bytes: WebAssembly memory holds at most ${MAX_WASM_BYTES} ` +
          `bytes and ${this.memory.buffer.byteLength} are already reserved.`);
    }
    let ptr: number;
    try {
      ptr = this.kernels.alloc(bytes) >>> 0;
    } catch (e) {
      throw new RangeError(`Backend 'simd': cannot allocate ${bytes} bytes: ${(e as Error).message}`);
    }
    return ptr;
  }

  free(ptr: number): void {
    if (ptr !== 0) this.kernels.free(ptr);
  }

  // Views are made fresh on every call: growing the memory detaches earlier views.
  f32(ptr: number, length: number): Float32Array {
    return new Float32Array(this.memory.buffer, ptr, length);
  }
  i32(ptr: number, length: number): Int32Array {
    return new Int32Array(this.memory.buffer, ptr, length);
  }
  u8(ptr: number, length: number): Uint8Array {
    return new Uint8Array(this.memory.buffer, ptr, length);
  }
}

/** Instantiates a fresh module (fresh memory); compiling happens once per process. */
export async function instantiateSimdWasm(): Promise<SimdWasm> {
  const build = chooseBuild();
  const module = await compileBuild(build);
  let memory: WebAssembly.Memory | undefined;
  const imports = {
    env: {
      abort(messagePtr: number, filePtr: number, line: number, column: number): never {
        const text = (ptr: number) => readAssemblyScriptString(memory, ptr);
        throw new Error(`simd kernel aborted: ${text(messagePtr)} (${text(filePtr)}:${line}:${column})`);
      },
    },
  };
  const instance = await WebAssembly.instantiate(module, imports);
  memory = instance.exports.memory as WebAssembly.Memory;
  return new SimdWasm(instance, build);
}

/** AssemblyScript strings are UTF-16 with their byte length stored just before the first character. */
function readAssemblyScriptString(memory: WebAssembly.Memory | undefined, ptr: number): string {
  if (memory == null || ptr === 0) return '';
  const byteLength = new Uint32Array(memory.buffer, ptr - 4, 1)[0];
  return String.fromCharCode(...new Uint16Array(memory.buffer, ptr, byteLength >>> 1));
}
