// The SIMD primitives every kernel family shares: lane loads and stores, multiply-add, horizontal reductions,
// runs of floats copied, zeroed or added.
export * from './lanes';
export * from './madd';
export * from './horizontal';
export * from './row_sum';
export * from './copy';
export * from './finite';
