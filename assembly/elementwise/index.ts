// Kernels of this family: the table's unary and binary exports (generated), fill and select.
export * from './kernels.generated';
export * from './fill_select';
