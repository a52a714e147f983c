// Source rows and columns of bilinear resizing, computed with tfjs-backend-cpu's float64 formulas and handed to
// the WASM module in one scratch tensor (layout in assembly/vision/resize_bilinear.ts), followed by `extraFloats`
// floats of working space.
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { SimdBackend } from '../../backend/backend_simd.js';
import { axisScale } from './resize_maps.js';

interface AxisSources {
  low: Int32Array;
  high: Int32Array;
  frac: Float32Array;
}

/** The two source indices of each output index along an axis, and the blend between them (the CPU's formulas). */
function axisSources(inSize: number, outSize: number, alignCorners: boolean, halfPixelCenters: boolean): AxisSources {
  const scale = axisScale(inSize, outSize, alignCorners);
  const low = new Int32Array(outSize);
  const high = new Int32Array(outSize);
  const frac = new Float32Array(outSize);
  for (let o = 0; o < outSize; o++) {
    const source = halfPixelCenters ? scale * (o + 0.5) - 0.5 : scale * o;
    low[o] = Math.max(0, Math.floor(source));
    high[o] = Math.min(inSize - 1, Math.ceil(source));
    frac[o] = source - low[o];
  }
  return { low, high, frac };
}

export interface BilinearMaps {
  scratch: TensorInfo;
  maps: number;
  /** Pointer to the working space after the maps. */
  extra: number;
}

/** Writes the maps of an [inH, inW] → [outH, outW] resize into a fresh scratch tensor (the caller disposes it). */
export function bilinearMaps(
  backend: SimdBackend,
  inH: number,
  inW: number,
  outH: number,
  outW: number,
  alignCorners: boolean,
  halfPixelCenters: boolean,
  extraFloats: number,
): BilinearMaps {
  const rows = axisSources(inH, outH, alignCorners, halfPixelCenters);
  const cols = axisSources(inW, outW, alignCorners, halfPixelCenters);
  const mapFloats = 3 * (outH + outW);
  const scratch = backend.makeOutput([mapFloats + extraFloats], 'float32');
  const maps = backend.ptr(scratch);
  const ints = backend.wasm.i32(maps, 2 * (outH + outW));
  ints.set(rows.low, 0);
  ints.set(rows.high, outH);
  ints.set(cols.low, 2 * outH);
  ints.set(cols.high, 2 * outH + outW);
  const fracs = backend.wasm.f32(maps + 8 * (outH + outW), outH + outW);
  fracs.set(rows.frac, 0);
  fracs.set(cols.frac, outH);
  return { scratch, maps, extra: maps + 4 * mapFloats };
}
