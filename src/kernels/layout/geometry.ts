// Shapes and strides (in elements) for the strided copies the layout kernels are made of.

/** Row-major strides of every dimension (the last one is 1), unlike util.computeStrides which omits it. */
export function rowMajorStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let k = shape.length - 1; k >= 0; k--) {
    strides[k] = stride;
    stride *= shape[k];
  }
  return strides;
}

/** A box of elements read at `srcStrides` and written at `dstStrides` (both in elements, may be negative or 0). */
export interface CopyBox {
  shape: number[];
  srcStrides: number[];
  dstStrides: number[];
}

/**
 * The same copy over fewer dimensions: drops extent-1 dimensions and merges neighbours that are
 * contiguous on both sides, so a slice of whole rows becomes one bulk copy. Returns null when the box is empty.
 */
export function simplifyBox({ shape, srcStrides, dstStrides }: CopyBox): CopyBox | null {
  const box: CopyBox = { shape: [], srcStrides: [], dstStrides: [] };
  for (let k = 0; k < shape.length; k++) {
    if (shape[k] === 0) return null;
    if (shape[k] === 1) continue;
    const last = box.shape.length - 1;
    if (
      last >= 0 &&
      box.srcStrides[last] === srcStrides[k] * shape[k] &&
      box.dstStrides[last] === dstStrides[k] * shape[k]
    ) {
      box.shape[last] *= shape[k];
      box.srcStrides[last] = srcStrides[k];
      box.dstStrides[last] = dstStrides[k];
    } else {
      box.shape.push(shape[k]);
      box.srcStrides.push(srcStrides[k]);
      box.dstStrides.push(dstStrides[k]);
    }
  }
  return preferTransposeTile(box);
}

/**
 * When the destination is contiguous along the last dimension but the source is not, moves the dimension
 * along which the source is contiguous next to it: the pair is then a 2-D transpose done in register tiles.
 * Destinations are written once per element, so the order of the outer dimensions does not matter.
 */
function preferTransposeTile(box: CopyBox): CopyBox {
  const rank = box.shape.length;
  if (rank < 3 || box.dstStrides[rank - 1] !== 1 || box.srcStrides[rank - 1] === 1) return box;
  const row = box.srcStrides.indexOf(1);
  if (row < 0 || row === rank - 2) return box;
  const order = [...box.shape.keys()].filter((k) => k !== row && k !== rank - 1);
  order.push(row, rank - 1);
  return {
    shape: order.map((k) => box.shape[k]),
    srcStrides: order.map((k) => box.srcStrides[k]),
    dstStrides: order.map((k) => box.dstStrides[k]),
  };
}
