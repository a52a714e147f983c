// The loop skeleton of every unary kernel: 4 lanes at a time, then the tail one lane at a time.
import { elementBytes, loadSplat, loadVec, storeLane, storeVec } from './lanes';
import { unaryOp } from './unary_ops';

@inline export function unaryLoop(
  op: i32, inKind: i32, outKind: i32, x: usize, out: usize, n: i32, p0: f32, p1: f32,
): void {
  const inBytes = elementBytes(inKind);
  const outBytes = elementBytes(outKind);
  const vecEnd = n & ~3;
  let i = 0;
  for (; i < vecEnd; i += 4) {
    storeVec(outKind, out + <usize>i * outBytes, unaryOp(op, loadVec(inKind, x + <usize>i * inBytes), p0, p1));
  }
  for (; i < n; i++) {
    storeLane(outKind, out + <usize>i * outBytes, unaryOp(op, loadSplat(inKind, x + <usize>i * inBytes), p0, p1));
  }
}
