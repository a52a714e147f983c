// Where tfjs-backend-cpu's general strided slice reads. It walks the output (finalShapeSparse, which
// omits shrunk axes) and reads x[loc·strides + begin] through TensorBuffer.get, one coordinate per
// output axis. With no shrunk axis that is the usual strided read. With shrunk axes the coordinates
// pair up with the leading input axes and the last one is used unscaled; the reference does exactly
// that (see the StridedSlice unit tests), so this backend does too. Every read stays inside x, because
// get() checks each coordinate against x's extent and throws on the first read outside.
import { rowMajorStrides } from './geometry.js';

export interface StridedSource {
  /** Element offset of the first read. */
  offset: number;
  /** Elements between reads along each output axis. */
  srcStrides: number[];
}

export function cpuStridedSliceSource(
  xShape: number[],
  begin: number[],
  strides: number[],
  outShape: number[],
): StridedSource {
  const m = outShape.length;
  const empty = outShape.some((n) => n === 0);
  if (m === 0) {
    // get() with no coordinate reads element 0, then a rank-0 set() is given one coordinate.
    if (!(0 < xShape[0])) throwOutOfRange([0], xShape);
    throw new Error('The number of provided coordinates (1) must match the rank (0)');
  }
  if (!empty) checkCoordinates(xShape, begin, strides, outShape);
  const xStrides = rowMajorStrides(xShape);
  const scale = (j: number) => (j === m - 1 ? 1 : xStrides[j]);
  return {
    offset: outShape.reduce((sum, _, j) => sum + scale(j) * begin[j], 0),
    srcStrides: outShape.map((_, j) => scale(j) * strides[j]),
  };
}

/** Throws as get() does for the first output location (row-major) whose coordinates leave x. */
function checkCoordinates(xShape: number[], begin: number[], strides: number[], outShape: number[]): void {
  const coordinate = (loc: number[]) => loc.map((l, j) => l * strides[j] + begin[j]);
  const valid = (c: number, j: number) => c >= 0 && c < xShape[j];
  const zeros = outShape.map(() => 0);
  if (!coordinate(zeros).every(valid)) throwOutOfRange(coordinate(zeros), xShape);
  // Coordinates move monotonically along each axis, so each axis is valid on a prefix [0, last_j].
  for (let j = outShape.length - 1; j >= 0; j--) {
    let last = 0;
    while (last + 1 < outShape[j] && valid((last + 1) * strides[j] + begin[j], j)) last++;
    if (last + 1 < outShape[j]) {
      const loc = zeros.slice();
      loc[j] = last + 1;
      throwOutOfRange(coordinate(loc), xShape);
    }
  }
}

function throwOutOfRange(locs: number[], xShape: number[]): never {
  throw new Error(`Requested out of range element at ${locs}.   Buffer shape=${xShape}`);
}
