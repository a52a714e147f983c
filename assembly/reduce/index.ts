// Kernels of this family are re-exported here, one file each.
export { reduce_f32, reduce_i32, reduce_bool } from './reduce';
export { reduce_prod_f32 } from './prod';
export { reduce_arg_max_f32, reduce_arg_min_f32 } from './arg';
export { reduce_softmax_f32 } from './softmax';
export { reduce_cumsum_f32, reduce_cumsum_i32, reduce_cumprod_f32 } from './scan';
export { reduce_exp_f32 } from './exp';
export { reduce_top_k_f32, reduce_top_k_i32 } from './top_k';
export { reduce_bincount } from './bincount';
export { reduce_segment_sum_scratch_bytes, reduce_unsorted_segment_sum_f32 } from './segment_sum';
export { reduce_sparse_segment_f32 } from './sparse_segment';
