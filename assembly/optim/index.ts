// Kernels of this family are re-exported here, one file each.
export * from './adam';
