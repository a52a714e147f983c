// Kernels of this family are re-exported here, one file each.
export { layoutParams } from './params';
export { layoutStridedCopy } from './strided_copy';
export { layoutFill } from './fill';
export { layoutFirstIndexOutOfRange, layoutGather } from './gather';
export { layoutOneHot } from './one_hot';
export { layout_gather_nd_f32 } from './gather_nd';
export { layout_range_f32, layout_range_i32 } from './range';
