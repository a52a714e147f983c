// Whether a run of float32 values holds no infinity and no NaN: kernels whose shortcuts (skipped rows, sorted
// order, summed segments) only hold for finite values check first.

/** Whether every value of x[0, count) is finite: v − v is 0 for them and NaN for the others. */
export function allFinite(x: usize, count: i32): bool {
  let acc = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= count; i += 4) {
    const v = v128.load(x + (<usize>i << 2));
    acc = f32x4.add(acc, f32x4.sub(v, v));
  }
  let tail: f32 = 0;
  for (; i < count; i++) {
    const v = load<f32>(x + (<usize>i << 2));
    tail += v - v;
  }
  return i32x4.all_true(f32x4.eq(acc, acc)) && tail == tail;
}
