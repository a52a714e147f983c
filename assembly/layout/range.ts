// Range: out[0] = start, out[i] = out[i - 1] + step, each sum rounded to the output's dtype as it is stored
// (tfjs-backend-cpu adds in float64 and stores into a typed array, so errors accumulate the same way).

/** JavaScript's ToInt32: truncated, modulo 2^32 (NaN and infinities give 0). */
// @ts-ignore: decorator
@inline function toInt32(x: f64): i32 {
  if (!isFinite(x)) return 0;
  const t = Math.trunc(x);
  return <i32><u32>(t - Math.floor(t / 4294967296.0) * 4294967296.0);
}

export function layout_range_f32(out: usize, n: i32, start: f64, step: f64): void {
  let value = <f32>start;
  for (let i = 0; i < n; i++) {
    store<f32>(out + (<usize>i << 2), value);
    value = <f32>(<f64>value + step);
  }
}

export function layout_range_i32(out: usize, n: i32, start: f64, step: f64): void {
  let value = toInt32(start);
  for (let i = 0; i < n; i++) {
    store<i32>(out + (<usize>i << 2), value);
    value = toInt32(<f64>value + step);
  }
}
