// Rounding as JavaScript's Math.round does it, for kernels that must pick the pixels tfjs-backend-cpu picks.

/** Math.round: halves go up (towards +∞), NaN and infinities pass through. */
// @ts-ignore: decorator
@inline export function roundHalfUp(v: f64): f64 {
  const down = Math.floor(v);
  return v - down >= 0.5 ? down + 1 : down;
}
