// Feature probes: the smallest modules that validate only where a WebAssembly feature exists. They decide
// which build to load before any build's bytes are fetched (a build is fetched only once it is chosen).

/** One function returning i8x16.splat(0): validates where WebAssembly SIMD (v128) exists. */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 253, 15, 11,
]);

/** f32x4.relaxed_madd (0xfd 0x105) of three splats: the one relaxed-SIMD instruction the kernels use. */
const RELAXED_SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 19, 1, 17, 0, 65, 0, 253, 15, 65, 0, 253, 15, 65,
  0, 253, 15, 253, 133, 2, 11,
]);

/** A shared memory and one atomic load: validates only where WebAssembly threads exist. */
const THREADS_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 5, 4, 1, 3, 1, 1, 10, 11, 1, 9, 0, 65, 0, 254, 16, 2, 0,
  26, 11,
]);

function validates(probe: Uint8Array<ArrayBuffer>): boolean {
  try {
    return WebAssembly.validate(probe);
  } catch {
    return false;
  }
}

export const hasSimd = (): boolean => validates(SIMD_PROBE);
export const hasRelaxedSimd = (): boolean => validates(SIMD_PROBE) && validates(RELAXED_SIMD_PROBE);
export const hasWasmThreads = (): boolean => validates(THREADS_PROBE);
