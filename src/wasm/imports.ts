// The imports every instance of the kernels' module takes, kept apart from the embedded binaries so that
// worker threads (which get a compiled module) load none of them.

/**
 * The imports of a kernels' instance. `abort` reads its message from `memoryOf()`; `shared`, when given,
 * is the memory a threaded build imports.
 */
export function kernelImports(
  memoryOf: () => WebAssembly.Memory | undefined,
  shared?: WebAssembly.Memory,
): WebAssembly.Imports {
  const env: WebAssembly.ModuleImports = {
    abort(messagePtr: number, filePtr: number, line: number, column: number): never {
      const text = (ptr: number) => readAssemblyScriptString(memoryOf(), ptr);
      throw new Error(`simd kernel aborted: ${text(messagePtr)} (${text(filePtr)}:${line}:${column})`);
    },
  };
  if (shared != null) env.memory = shared;
  return { env };
}

/** AssemblyScript strings are UTF-16 with their byte length stored just before the first character. */
function readAssemblyScriptString(memory: WebAssembly.Memory | undefined, ptr: number): string {
  if (memory == null || ptr === 0) return '';
  const byteLength = new Uint32Array(memory.buffer, ptr - 4, 1)[0];
  return String.fromCharCode(...new Uint16Array(memory.buffer, ptr, byteLength >>> 1));
}
