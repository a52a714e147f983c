// Batch normalisation for inference, over the last axis: y = (x − mean)·a + offset, where a = scale / √(variance + ε)
// is computed per channel (in float64, as tfjs-backend-cpu does) by batchNormParameterRows. The parameters come as three rows
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

/** Value c of a parameter of `length` values (one value: that value for every c; none, at address 0: `none`). */
@inline
function parameterAt(parameter: usize, length: i32, c: i32, none: f32): f32 {
  if (parameter == 0) return none;
  return load<f32>(parameter + (length == 1 ? 0 : <usize>c << 2));
}

/**
 * The three rows batchNormRows reads, each `length` channels repeated to `period`: mean, a = scale / √(variance
 * + ε) (the division and root in float64, rounded once) and offset. A missing scale is 1, a missing offset 0.
 */
export function batchNormParameterRows(
  mean: usize, meanLength: i32, variance: usize, varianceLength: i32, scale: usize, scaleLength: i32, offset: usize,
  offsetLength: i32, epsilon: f64, length: i32, rows: usize, period: i32,
): void {
  const rowBytes = <usize>period << 2;
  for (let c = 0; c < length; c++) {
    const at = <usize>c << 2;
    const channelVariance = <f64>parameterAt(variance, varianceLength, c, 0);
    const a = <f64>parameterAt(scale, scaleLength, c, 1) / Math.sqrt(channelVariance + epsilon);
    store<f32>(rows + at, parameterAt(mean, meanLength, c, 0));
    store<f32>(rows + rowBytes + at, <f32>a);
    store<f32>(rows + 2 * rowBytes + at, parameterAt(offset, offsetLength, c, 0));
  }
  for (let row = 0; row < 3; row++) {
    const start = rows + <usize>row * rowBytes;
    for (let filled = length; filled < period; filled += length) {
      memory.copy(start + (<usize>filled << 2), start, <usize>length << 2);
    }
  }
}
