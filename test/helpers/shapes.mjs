// @ts-check
// Shape arithmetic the tests and the fuzzer share.

/** Number of elements of a tensor of `shape`: 1 for a scalar, 0 when any dimension is 0. */
export const size = (shape) => shape.reduce((a, b) => a * b, 1);

/** The shape two operands broadcast to (aligned on the right; a dimension of 1 takes the other's, 0 stays 0). */
export function broadcastShape(x, y) {
  const rank = Math.max(x.length, y.length);
  const out = [];
  for (let d = 0; d < rank; d++) {
    const a = x[d - rank + x.length] ?? 1;
    const b = y[d - rank + y.length] ?? 1;
    out.push(a === 1 ? b : a);
  }
  return out;
}
