// Calls into the WASM strided-copy and fill primitives of assembly/layout/.
import type { DataType, TensorInfo } from '@tensorflow/tfjs-core';
import { bytesPerElement, type SimdBackend } from '../../backend/backend_simd.js';
import { MAX_DIMS, WORDS_PER_DIM } from '../../wasm/constants.generated.js';
import { type CopyBox, simplifyBox } from './geometry.js';

/** dst[Σ i·dstStrides] = src[Σ i·srcStrides] over `box`; pointers in bytes, strides in elements of `dtype`. */
export function stridedCopy(backend: SimdBackend, dst: number, src: number, dtype: DataType, box: CopyBox): void {
  planStridedCopy(backend, dtype, box)(dst, src);
}

/** stridedCopy worked out for one box, to run (dst, src) on any buffers later (a compiled step's replays). */
export function planStridedCopy(
  backend: SimdBackend,
  dtype: DataType,
  box: CopyBox,
): (dst: number, src: number) => void {
  const simple = simplifyBox(box);
  if (simple == null) return () => {};
  const elemBytes = bytesPerElement(dtype);
  const rank = simple.shape.length;
  if (rank > MAX_DIMS) throw new Error(`Backend 'simd': a copy over ${rank} dimensions exceeds ${MAX_DIMS}.`);
  const words = new Int32Array(rank * WORDS_PER_DIM);
  for (let k = 0; k < rank; k++) {
    words[WORDS_PER_DIM * k] = simple.shape[k];
    words[WORDS_PER_DIM * k + 1] = simple.srcStrides[k] * elemBytes;
    words[WORDS_PER_DIM * k + 2] = simple.dstStrides[k] * elemBytes;
  }
  const { kernels, memory } = backend.wasm;
  // The parameter block's view, made again only when the memory's buffer changes (it grew): a replayed step
  // runs its copies thousands of times.
  let params: Int32Array | null = null;
  return (dst, src) => {
    const buffer = memory.buffer;
    if (params === null || params.buffer !== buffer)
      params = new Int32Array(buffer, kernels.layout_params(), words.length);
    params.set(words);
    kernels.layout_strided_copy(dst, src, elemBytes, rank);
  };
}

/** The bit pattern of `value` stored as one element of `dtype`, as the two i32 words WASM fills with. */
export function elementBits(dtype: DataType, value: number): [number, number] {
  switch (dtype) {
    case 'float32':
    case 'complex64':
      return [new Int32Array(new Float32Array([value]).buffer)[0], 0];
    case 'int32':
      return [new Int32Array([value])[0], 0];
    // A Uint8Array store, as tfjs-backend-cpu fills bool arrays.
    case 'bool':
      return [new Uint8Array([value])[0], 0];
    default:
      throw new Error(`Backend 'simd': no element bits for dtype '${dtype}'.`);
  }
}

/** Sets `count` elements of `dtype` at `dst` to `value` (complex64: value + 0i). */
export function fillElements(backend: SimdBackend, dst: number, count: number, dtype: DataType, value: number): void {
  if (count === 0) return;
  const [lo, hi] = elementBits(dtype, value);
  backend.wasm.kernels.layout_fill(dst, count, bytesPerElement(dtype), lo, hi);
}

/** Byte address of element `offset` (in elements) of a tensor. */
export function elementAddress(backend: SimdBackend, info: TensorInfo, offset: number): number {
  return backend.ptr(info) + offset * bytesPerElement(info.dtype);
}
