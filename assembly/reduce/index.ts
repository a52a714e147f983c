// Kernels of this family are re-exported here, one file each.
export { reduceF32, reduceI32, reduceBool } from './reduce';
export { reduceProdF32 } from './prod';
export { reduceArgMaxF32, reduceArgMinF32 } from './arg';
export { softmaxF32 } from './softmax';
export { cumsumF32, cumsumI32, cumprodF32 } from './scan';
export { reduceExpF32 } from './exp';
export { reduce_top_k_f32, reduce_top_k_i32 } from './top_k';
