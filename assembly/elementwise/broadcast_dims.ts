// Where the host writes a broadcast's outer dimensions before a binary kernel call: one [size, aStride,
// bStride] i32 triple per dimension, outermost first (binary_loop.ts reads them at the `meta` it is given).
// A static block, so that a small broadcast op (a bias added to a batch) allocates nothing for them.

export const MAX_BROADCAST_DIMS: i32 = 64;

const BROADCAST_DIMS: usize = memory.data(MAX_BROADCAST_DIMS * 12, 16);

/** The block for the outer dimensions of the next binary kernel call (MAX_BROADCAST_DIMS triples). */
export function elementwise_broadcast_dims(): usize {
  return BROADCAST_DIMS;
}
