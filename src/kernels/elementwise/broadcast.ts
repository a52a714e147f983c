// Plans a broadcast binary op as rows of one contiguous inner loop (see assembly/elementwise/binary_loop.ts).

/** One dimension of the output: its size and each input's stride along it (0 where that input repeats). */
export interface BroadcastDim {
  size: number;
  aStride: number;
  bStride: number;
}

export interface BroadcastPlan {
  /** Length of the inner loop. */
  inner: number;
  /** Whether each input advances (1) or repeats one element (0) along the inner loop. */
  aInc: 0 | 1;
  bInc: 0 | 1;
  /** The dimensions the rows walk, outermost first. */
  outer: BroadcastDim[];
}

/**
 * Drops size-1 dimensions and merges neighbours that both inputs traverse as one, so that a same-shape
 * op becomes one row, [n, k] + [k] becomes n rows of k, and only real broadcasts keep outer dimensions.
 */
export function planBroadcast(aShape: number[], bShape: number[], outShape: number[]): BroadcastPlan {
  const rank = outShape.length;
  const innermostFirst: BroadcastDim[] = [];
  let aStride = 1;
  let bStride = 1;
  for (let d = rank - 1; d >= 0; d--) {
    const aSize = aShape[d - (rank - aShape.length)] ?? 1;
    const bSize = bShape[d - (rank - bShape.length)] ?? 1;
    const size = outShape[d];
    if (size !== 1) {
      const dim = { size, aStride: aSize === 1 ? 0 : aStride, bStride: bSize === 1 ? 0 : bStride };
      const last = innermostFirst[innermostFirst.length - 1];
      if (last != null && dim.aStride === last.aStride * last.size && dim.bStride === last.bStride * last.size) {
        last.size *= size;
      } else {
        innermostFirst.push(dim);
      }
    }
    aStride *= aSize;
    bStride *= bSize;
  }
  const [inner, ...outer] = innermostFirst;
  if (inner == null) return { inner: 1, aInc: 1, bInc: 1, outer: [] };
  return {
    inner: inner.size,
    aInc: inner.aStride === 0 ? 0 : 1,
    bInc: inner.bStride === 0 ? 0 : 1,
    outer: outer.reverse(),
  };
}
