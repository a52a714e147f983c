// Kernels of this family are re-exported here, one file each.
export { layout_params } from './params';
export { layout_strided_copy } from './strided_copy';
export { layout_fill } from './fill';
export { layout_first_index_out_of_range, layout_gather } from './gather';
export { layout_one_hot } from './one_hot';
export { layout_gather_nd_f32 } from './gather_nd';
export { layout_range_f32, layout_range_i32 } from './range';
export { layout_scatter_nd_sum, layout_scatter_nd_replace } from './scatter_nd';
