// The loop skeleton of every binary kernel, over a broadcast described by the host:
//   output = rows x inner, contiguous; in the inner dimension each input either advances (inc 1)
//   or repeats one element (inc 0); rows walk `outerDims` outer dimensions whose
//   [size, aStride, bStride] triples (in elements, outermost first) are at `meta`.
// Same-shape, scalar and bias-style row/column broadcasts are all rows of one of three inner loops.
import { binaryOp } from './binary_ops';
import { elementBytes, loadSplat, loadVec, storeLane, storeVec } from './lanes';

@inline export function binaryLoop(
  op: i32, inKind: i32, outKind: i32, a: usize, b: usize, out: usize,
  inner: i32, aInc: i32, bInc: i32, outerDims: i32, meta: usize,
): void {
  const inBytes = elementBytes(inKind);
  const outBytes = elementBytes(outKind);
  let rows = 1;
  for (let d = 0; d < outerDims; d++) rows *= load<i32>(meta + <usize>d * 12);
  for (let row = 0; row < rows; row++) {
    // This row's offsets in a and b, from its multi-index over the outer dimensions.
    let rest = row;
    let aOffset: usize = 0;
    let bOffset: usize = 0;
    for (let d = outerDims - 1; d >= 0; d--) {
      const entry = meta + <usize>d * 12;
      const size = load<i32>(entry);
      const index = rest % size;
      rest /= size;
      aOffset += <usize>index * <usize>load<i32>(entry, 4);
      bOffset += <usize>index * <usize>load<i32>(entry, 8);
    }
    const rowA = a + aOffset * inBytes;
    const rowB = b + bOffset * inBytes;
    const rowOut = out + <usize>row * <usize>inner * outBytes;
    if (aInc == 1 && bInc == 1) rowOfBoth(op, inKind, outKind, rowA, rowB, rowOut, inner);
    else if (aInc == 1) rowOfFirst(op, inKind, outKind, rowA, rowB, rowOut, inner);
    else rowOfSecond(op, inKind, outKind, rowA, rowB, rowOut, inner);
  }
}

// Three row loops, one per case, each loading only the inputs that advance. One loop taking the case as two
// boolean arguments was inlined three times, and the optimizer then folded the copies' identical code into one
// loop that tested both flags at every vector: x · scalar ran at half the speed of x · y.

/** out[i] = a[i] op b[i]. */
@inline function rowOfBoth(op: i32, inKind: i32, outKind: i32, a: usize, b: usize, out: usize, n: i32): void {
  const inBytes = elementBytes(inKind);
  const outBytes = elementBytes(outKind);
  const vecEnd = n & ~3;
  let i = 0;
  for (; i < vecEnd; i += 4) {
    storeVec(outKind, out + <usize>i * outBytes, binaryOp(op, loadVec(inKind, a + <usize>i * inBytes), loadVec(inKind, b + <usize>i * inBytes)));
  }
  for (; i < n; i++) {
    storeLane(outKind, out + <usize>i * outBytes, binaryOp(op, loadSplat(inKind, a + <usize>i * inBytes), loadSplat(inKind, b + <usize>i * inBytes)));
  }
}

/** out[i] = a[i] op b[0]. */
@inline function rowOfFirst(op: i32, inKind: i32, outKind: i32, a: usize, b: usize, out: usize, n: i32): void {
  const inBytes = elementBytes(inKind);
  const outBytes = elementBytes(outKind);
  const bv = loadSplat(inKind, b);
  const vecEnd = n & ~3;
  let i = 0;
  for (; i < vecEnd; i += 4) {
    storeVec(outKind, out + <usize>i * outBytes, binaryOp(op, loadVec(inKind, a + <usize>i * inBytes), bv));
  }
  for (; i < n; i++) {
    storeLane(outKind, out + <usize>i * outBytes, binaryOp(op, loadSplat(inKind, a + <usize>i * inBytes), bv));
  }
}

/** out[i] = a[0] op b[i]. */
@inline function rowOfSecond(op: i32, inKind: i32, outKind: i32, a: usize, b: usize, out: usize, n: i32): void {
  const inBytes = elementBytes(inKind);
  const outBytes = elementBytes(outKind);
  const av = loadSplat(inKind, a);
  const vecEnd = n & ~3;
  let i = 0;
  for (; i < vecEnd; i += 4) {
    storeVec(outKind, out + <usize>i * outBytes, binaryOp(op, av, loadVec(inKind, b + <usize>i * inBytes)));
  }
  for (; i < n; i++) {
    storeLane(outKind, out + <usize>i * outBytes, binaryOp(op, av, loadSplat(inKind, b + <usize>i * inBytes)));
  }
}
