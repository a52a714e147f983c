// Bincount and DenseBincount as tfjs-backend-cpu computes them, so that results are its own bit for bit: row r of
// out ([rows, size]) counts the values v < size of row r of x, or sums their weights, or (binary) marks them
// with 1; values ≥ size count nowhere. A float sum is the CPU's float64 addition rounded to float32 at each
// step (its Float32Array), an int32 sum wraps (its Int32Array).

/** out = the bins of x (rows × cols int32); 0, or -1 at the first negative value (the caller throws, as cpu does). */
export function reduce_bincount(
  x: usize, rows: i32, cols: i32, weights: usize, weighted: bool, intWeights: bool, binary: bool, size: i32,
  out: usize,
): i32 {
  memory.fill(out, 0, <usize>rows * <usize>size << 2);
  for (let r = 0; r < rows; r++) {
    const bins = out + (<usize>r * <usize>size << 2);
    for (let j = 0; j < cols; j++) {
      const i = <usize>r * <usize>cols + <usize>j;
      const value = load<i32>(x + (i << 2));
      if (value < 0) return -1;
      if (value >= size) continue;
      const at = bins + (<usize>value << 2);
      if (intWeights) {
        store<i32>(at, binary ? 1 : load<i32>(at) + (weighted ? load<i32>(weights + (i << 2)) : 1));
      } else {
        const add: f64 = weighted ? <f64>load<f32>(weights + (i << 2)) : 1;
        store<f32>(at, binary ? 1 : <f32>(<f64>load<f32>(at) + add));
      }
    }
  }
  return 0;
}
