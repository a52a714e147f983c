// Kernels of this family are re-exported here, one file each.
export { layoutParams } from './params';
export { layoutStridedCopy } from './strided_copy';
export { layoutFill } from './fill';
export { layoutFirstIndexOutOfRange, layoutGather } from './gather';
export { layoutOneHot } from './one_hot';
