// Fill and Select (where): plain memory streaming.
import { BOOL, loadVec } from './lanes';

export function elementwise_fill_4byte(out: usize, n: i32, bits: i32): void {
  const v = i32x4.splat(bits);
  const vecEnd = n & ~3;
  let i = 0;
  for (; i < vecEnd; i += 4) v128.store(out + (<usize>i << 2), v);
  for (; i < n; i++) store<i32>(out + (<usize>i << 2), bits);
}

export function elementwise_fill_bytes(out: usize, n: i32, value: u8): void {
  memory.fill(out, value, <usize>n);
}

/** out = condition ? t : e for 4-byte t and e of the condition's shape (tfjs' where() broadcasts first). */
export function elementwise_select_4byte(condition: usize, t: usize, e: usize, out: usize, n: i32): void {
  const vecEnd = n & ~3;
  let i = 0;
  for (; i < vecEnd; i += 4) {
    const offset = <usize>i << 2;
    const mask = i32x4.eq(loadVec(BOOL, condition + <usize>i), i32x4.splat(1));
    v128.store(out + offset, v128.bitselect(v128.load(t + offset), v128.load(e + offset), mask));
  }
  for (; i < n; i++) {
    const offset = <usize>i << 2;
    store<i32>(out + offset, load<u8>(condition + <usize>i) == 1 ? load<i32>(t + offset) : load<i32>(e + offset));
  }
}
