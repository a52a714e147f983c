// The bits of one element as WebAssembly stores it, for kernels that fill memory with a value: read through
// one scratch word rather than typed arrays made per call (a fill or a pad runs for every small tensor).
import type { DataType } from '@tensorflow/tfjs-core';

const elementScratch = new ArrayBuffer(4);
const asFloat32 = new Float32Array(elementScratch);
const asInt32 = new Int32Array(elementScratch);
const asUint8 = new Uint8Array(elementScratch);

/** The bit pattern of `value` stored as one element of `dtype`, as the two i32 words WASM fills with. */
export function elementBits(dtype: DataType, value: number): [number, number] {
  switch (dtype) {
    case 'float32':
    case 'complex64':
      asFloat32[0] = value;
      return [asInt32[0], 0];
    case 'int32':
      asInt32[0] = value;
      return [asInt32[0], 0];
    // A Uint8Array store, as tfjs-backend-cpu fills bool arrays.
    case 'bool':
      asUint8[0] = value;
      return [asUint8[0], 0];
    default:
      throw new Error(`Backend 'simd': no element bits for dtype '${dtype}'.`);
  }
}
