// Kernels of this family are re-exported here, one file each.
export * from './binary_kernels';
export * from './unary_kernels';
export * from './fill_select';
