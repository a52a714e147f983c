// Batch normalisation for inference, over the last axis: y = (x − mean)·a + offset, where a = scale / √(variance + ε)
// is computed per channel by the caller (in float64, as tfjs-backend-cpu does). The parameters come as three rows
// of `period` floats (mean, a, offset), repeating along the flattened x; a period that is a multiple of 4 keeps the
// rows' lanes aligned with x's.

/** y[i] = (x[i] − mean[i mod period])·a[i mod period] + offset[i mod period], for i < n. */
export function batchNormRows(x: usize, y: usize, n: i32, params: usize, period: i32): void {
  const rowBytes = <usize>period << 2;
  const mean = params;
  const a = mean + rowBytes;
  const offset = a + rowBytes;
  const vectorEnd = period & ~3;
  for (let start = 0; start < n; start += period) {
    const length = min(period, n - start);
    const xRow = x + (<usize>start << 2);
    const yRow = y + (<usize>start << 2);
    let c = 0;
    for (; c + 4 <= min(length, vectorEnd); c += 4) {
      const at = <usize>c << 2;
      const centred = f32x4.sub(v128.load(xRow + at), v128.load(mean + at));
      v128.store(yRow + at, f32x4.add(f32x4.mul(centred, v128.load(a + at)), v128.load(offset + at)));
    }
    for (; c < length; c++) {
      const at = <usize>c << 2;
      store<f32>(yRow + at, (load<f32>(xRow + at) - load<f32>(mean + at)) * load<f32>(a + at) + load<f32>(offset + at));
    }
  }
}
