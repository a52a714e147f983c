// Entry point of the WebAssembly module: re-exports every kernel family.
// Each family lives in its own folder so that kernels read like the math they implement.
export * from './memory';
export * from './elementwise/index';
export * from './reduce/index';
export * from './layout/index';
export * from './gemm/index';
export * from './prob/index';
export * from './conv/index';
export * from './optim/index';
export * from './vision/index';
export * from './signal/index';
