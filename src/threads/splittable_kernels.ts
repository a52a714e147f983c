// The WASM exports a thread job can run (src/threads/control.ts), by name. Element-wise ones qualify when
// element i of every operand is 4 bytes at index i (float32 or int32 in and out): a range of the sweep is
// then the same call on pointers moved to the range's start.

/** Shares of products and convolutions: they take a scratch block after their arguments. */
export const SCRATCH_KERNELS = ['gemm_f32_share', 'conv2d_share'] as const;

/** Unary exports (x, out, n, p0, p1) of assembly/elementwise/unary_kernels.ts with float32 in and out. */
export const SPLITTABLE_UNARY = [
  'neg_f32', 'exp_f32', 'log_f32', 'log1p_f32', 'expm1_f32', 'sqrt_f32', 'rsqrt_f32', 'square_f32', 'abs_f32',
  'sign_f32', 'relu_f32', 'relu6_f32', 'elu_f32', 'selu_f32', 'leaky_relu_f32', 'sigmoid_f32', 'softplus_f32',
  'tanh_f32', 'step_f32', 'clip_by_value_f32', 'reciprocal_f32', 'floor_f32', 'ceil_f32', 'round_f32', 'sin_f32',
  'cos_f32', 'erf_f32',
] as const;

/**
 * Binary exports (a, b, out, inner, aInc, bInc, outerDims, meta) of assembly/elementwise/binary_kernels.ts
 * with 4-byte operands, split when they sweep one row (no outer dimensions).
 */
export const SPLITTABLE_BINARY = [
  'add_f32', 'sub_f32', 'mul_f32', 'div_f32', 'maximum_f32', 'minimum_f32', 'pow_f32', 'squared_difference_f32',
  'mod_f32', 'floor_div_f32', 'prelu_f32', 'elu_grad_f32', 'add_i32', 'sub_i32', 'mul_i32', 'maximum_i32',
  'minimum_i32', 'floor_div_i32', 'mod_i32', 'pow_i32', 'squared_difference_i32',
] as const;

/**
 * Exports of other shapes: Adam's update (element-wise), reductions (blocks of an [outer, n, inner] view),
 * depthwise convolutions (runs of output rows).
 */
export const SPLITTABLE_OTHER = ['optimAdam', 'reduceF32', 'reduceI32', 'depthwise_conv2d_share'] as const;

export const SHARED_KERNELS = [...SCRATCH_KERNELS, ...SPLITTABLE_OTHER, ...SPLITTABLE_UNARY, ...SPLITTABLE_BINARY];
export type SharedKernel = (typeof SHARED_KERNELS)[number];

const splittable = new Set<string>([...SPLITTABLE_UNARY, ...SPLITTABLE_BINARY]);

/** Whether a unary or binary export may be split over threads. */
export function isSplittable(exportName: string): exportName is SharedKernel {
  return splittable.has(exportName);
}

const scratchKernels = new Set<string>(SCRATCH_KERNELS);

/** Whether a job's kernel takes a scratch block. */
export function needsScratch(kernel: SharedKernel): boolean {
  return scratchKernels.has(kernel);
}
