// The loop skeleton of every unary kernel: 4 lanes at a time (four vectors a step for cheap ops, two for exp
// and log polynomials), then the tail one lane at a time.
import { elementBytes, loadSplat, loadVec, storeLane, storeVec } from './lanes';
import { isCheap, isPolynomial, unaryOp } from './unary_ops';

@inline export function unaryLoop(
  op: i32, inKind: i32, outKind: i32, x: usize, out: usize, n: i32, p0: f32, p1: f32,
): void {
  const inBytes = elementBytes(inKind);
  const outBytes = elementBytes(outKind);
  const vecEnd = n & ~3;
  let i = 0;
  if (isCheap(op)) {
    // Four independent vectors a step: a one-vector loop spent as much on its own count and branch as on
    // a cheap op.
    const blockEnd = n & ~15;
    for (; i < blockEnd; i += 16) {
      const from = x + <usize>i * inBytes;
      const to = out + <usize>i * outBytes;
      const v0 = unaryOp(op, loadVec(inKind, from), p0, p1);
      const v1 = unaryOp(op, loadVec(inKind, from + 4 * inBytes), p0, p1);
      const v2 = unaryOp(op, loadVec(inKind, from + 8 * inBytes), p0, p1);
      const v3 = unaryOp(op, loadVec(inKind, from + 12 * inBytes), p0, p1);
      storeVec(outKind, to, v0);
      storeVec(outKind, to + 4 * outBytes, v1);
      storeVec(outKind, to + 8 * outBytes, v2);
      storeVec(outKind, to + 12 * outBytes, v3);
    }
  }
  if (isPolynomial(op)) {
    // Two vectors a step: their long dependency chains (a polynomial, a division) overlap.
    const pairEnd = n & ~7;
    for (; i < pairEnd; i += 8) {
      const from = x + <usize>i * inBytes;
      const to = out + <usize>i * outBytes;
      const v0 = unaryOp(op, loadVec(inKind, from), p0, p1);
      const v1 = unaryOp(op, loadVec(inKind, from + 4 * inBytes), p0, p1);
      storeVec(outKind, to, v0);
      storeVec(outKind, to + 4 * outBytes, v1);
    }
  }
  for (; i < vecEnd; i += 4) {
    storeVec(outKind, out + <usize>i * outBytes, unaryOp(op, loadVec(inKind, x + <usize>i * inBytes), p0, p1));
  }
  for (; i < n; i++) {
    storeLane(outKind, out + <usize>i * outBytes, unaryOp(op, loadSplat(inKind, x + <usize>i * inBytes), p0, p1));
  }
}
