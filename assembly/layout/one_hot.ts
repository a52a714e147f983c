// OneHot: out[e, d] = on where indices[e] == d, off elsewhere; indices outside [0, depth) give a row of off.
import { layout_fill } from './fill';

export function layout_one_hot(dst: usize, indices: usize, n: i32, depth: i32, elemBytes: i32, on: i32, off: i32): void {
  layout_fill(dst, n * depth, elemBytes, off, 0);
  const rowBytes = <usize>depth * <usize>elemBytes;
  for (let e = 0; e < n; e++) {
    const index = load<i32>(indices + (<usize>e << 2));
    if (index < 0 || index >= depth) continue;
    const at = dst + <usize>e * rowBytes + <usize>index * <usize>elemBytes;
    if (elemBytes == 1) store<u8>(at, <u8>on);
    else store<i32>(at, on);
  }
}
