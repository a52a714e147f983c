// Calls into the WASM strided-copy and fill primitives of assembly/layout/.
import type { DataType, TensorInfo } from '@tensorflow/tfjs-core';
import { bytesPerElement, type SimdBackend } from '../../backend/backend_simd.js';
import { MAX_DIMS, WORDS_PER_DIM } from '../../wasm/constants.generated.js';
import type { SimdWasm } from '../../wasm/module.js';
import { elementBits } from '../element_bits.js';
import { type CopyBox, simplifyBox } from './geometry.js';

/** dst[Σ i·dstStrides] = src[Σ i·srcStrides] over `box`; pointers in bytes, strides in elements of `dtype`. */
export function stridedCopy(backend: SimdBackend, dst: number, src: number, dtype: DataType, box: CopyBox): void {
  const simple = simplifyBox(box);
  if (simple == null) return;
  const elemBytes = bytesPerElement(dtype);
  writeBox(paramBlock(backend.wasm), simple, elemBytes);
  backend.wasm.kernels.layout_strided_copy(dst, src, elemBytes, simple.shape.length);
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
  const words = new Int32Array(WORDS_PER_DIM * Math.min(rank, MAX_DIMS));
  writeBox(words, simple, elemBytes);
  const { wasm } = backend;
  return (dst, src) => {
    paramBlock(wasm).set(words);
    wasm.kernels.layout_strided_copy(dst, src, elemBytes, rank);
  };
}

/** The box's words as layout_strided_copy reads them: per dimension its extent and both strides in bytes. */
function writeBox(words: Int32Array, box: CopyBox, elemBytes: number): void {
  const rank = box.shape.length;
  if (rank > MAX_DIMS) throw new Error(`Backend 'simd': a copy over ${rank} dimensions exceeds ${MAX_DIMS}.`);
  for (let k = 0; k < rank; k++) {
    words[WORDS_PER_DIM * k] = box.shape[k];
    words[WORDS_PER_DIM * k + 1] = box.srcStrides[k] * elemBytes;
    words[WORDS_PER_DIM * k + 2] = box.dstStrides[k] * elemBytes;
  }
}

/** The view of layout_strided_copy's parameter block. */
function paramBlock(wasm: SimdWasm): Int32Array {
  return wasm.staticI32(wasm.kernels.layout_params(), WORDS_PER_DIM * MAX_DIMS);
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
