// The SIMD primitives every kernel family shares: lane loads and stores, multiply-add, horizontal reductions.
export * from './lanes';
export * from './madd';
export * from './horizontal';
export * from './row_sum';
