// Kernels of this family: the table's unary and binary exports (generated), fill and select, and the block
// for a broadcast's outer dimensions.
export * from './kernels.generated';
export * from './fill_select';
export * from './broadcast_dims';
