// The element-wise kernels, one row each: the single source from which scripts/elementwise/generate.mjs writes
// the WebAssembly exports (assembly/elementwise/kernels.generated.ts) and their tfjs kernel configs and
// thread-splittable list (src/kernels/elementwise/kernels.generated.ts). `npm run build:wasm` runs it.
//
// An export is [name, op code, input lanes, output lanes]: the op code is a constant of
// assembly/elementwise/unary_ops.ts or binary_ops.ts, lanes are F32, I32 or BOOL (assembly/elementwise/lanes.ts).
// A kernel row names its tfjs kernel, says what it computes (the doc comment of its config), and gives its
// export per input dtype; other dtypes run on tfjs-backend-cpu. Options: outDtype (else the input's), inputs
// (the names of a binary kernel's two inputs, else a and b), params (attributes passed as p0, p1).

/** @typedef {[name: string, op: string, input: string, output: string]} ExportRow */
/**
 * @typedef {{ kernel: string, doc: string, exports: Partial<Record<'float32' | 'int32' | 'bool', string>>,
 *   outDtype?: string, inputs?: string[], params?: string[] }} KernelRow
 */

/** Unary exports: (x, out, n, p0, p1). @type {ExportRow[]} */
export const UNARY_EXPORTS = [
  ['elementwise_neg_f32', 'NEG', 'F32', 'F32'],
  ['elementwise_exp_f32', 'EXP', 'F32', 'F32'],
  ['elementwise_log_f32', 'LOG', 'F32', 'F32'],
  ['elementwise_log1p_f32', 'LOG1P', 'F32', 'F32'],
  ['elementwise_expm1_f32', 'EXPM1', 'F32', 'F32'],
  ['elementwise_sqrt_f32', 'SQRT', 'F32', 'F32'],
  ['elementwise_rsqrt_f32', 'RSQRT', 'F32', 'F32'],
  ['elementwise_square_f32', 'SQUARE', 'F32', 'F32'],
  ['elementwise_abs_f32', 'ABS', 'F32', 'F32'],
  ['elementwise_sign_f32', 'SIGN', 'F32', 'F32'],
  ['elementwise_relu_f32', 'RELU', 'F32', 'F32'],
  ['elementwise_relu6_f32', 'RELU6', 'F32', 'F32'],
  ['elementwise_elu_f32', 'ELU', 'F32', 'F32'],
  ['elementwise_selu_f32', 'SELU', 'F32', 'F32'],
  ['elementwise_leaky_relu_f32', 'LEAKY_RELU', 'F32', 'F32'],
  ['elementwise_sigmoid_f32', 'SIGMOID', 'F32', 'F32'],
  ['elementwise_softplus_f32', 'SOFTPLUS', 'F32', 'F32'],
  ['elementwise_tanh_f32', 'TANH', 'F32', 'F32'],
  ['elementwise_step_f32', 'STEP', 'F32', 'F32'],
  ['elementwise_clip_by_value_f32', 'CLIP', 'F32', 'F32'],
  ['elementwise_reciprocal_f32', 'RECIPROCAL', 'F32', 'F32'],
  ['elementwise_floor_f32', 'FLOOR', 'F32', 'F32'],
  ['elementwise_ceil_f32', 'CEIL', 'F32', 'F32'],
  ['elementwise_round_f32', 'ROUND', 'F32', 'F32'],
  ['elementwise_sin_f32', 'SIN', 'F32', 'F32'],
  ['elementwise_cos_f32', 'COS', 'F32', 'F32'],
  ['elementwise_erf_f32', 'ERF', 'F32', 'F32'],
  ['elementwise_is_nan_f32', 'IS_NAN', 'F32', 'BOOL'],
  ['elementwise_is_inf_f32', 'IS_INF', 'F32', 'BOOL'],
  ['elementwise_is_finite_f32', 'IS_FINITE', 'F32', 'BOOL'],
  ['elementwise_cast_f32_bool', 'NONZERO', 'F32', 'BOOL'],
  ['elementwise_cast_f32_i32', 'F32_TO_I32', 'F32', 'I32'],
  ['elementwise_neg_i32', 'NEG_I', 'I32', 'I32'],
  ['elementwise_abs_i32', 'ABS_I', 'I32', 'I32'],
  ['elementwise_cast_i32_f32', 'I32_TO_F32', 'I32', 'F32'],
  ['elementwise_cast_i32_bool', 'NONZERO_I', 'I32', 'BOOL'],
  ['elementwise_cast_bool_i32', 'COPY', 'BOOL', 'I32'],
  ['elementwise_cast_bool_f32', 'I32_TO_F32', 'BOOL', 'F32'],
  ['elementwise_logical_not_bool', 'NOT', 'BOOL', 'BOOL'],
];

/** Binary exports: (a, b, out, inner, aInc, bInc, outerDims, meta), with broadcasting. @type {ExportRow[]} */
export const BINARY_EXPORTS = [
  ['elementwise_add_f32', 'ADD', 'F32', 'F32'],
  ['elementwise_sub_f32', 'SUB', 'F32', 'F32'],
  ['elementwise_mul_f32', 'MUL', 'F32', 'F32'],
  ['elementwise_div_f32', 'DIV', 'F32', 'F32'],
  ['elementwise_maximum_f32', 'MAX', 'F32', 'F32'],
  ['elementwise_minimum_f32', 'MIN', 'F32', 'F32'],
  ['elementwise_pow_f32', 'POW', 'F32', 'F32'],
  ['elementwise_squared_difference_f32', 'SQUARED_DIFF', 'F32', 'F32'],
  ['elementwise_mod_f32', 'MOD', 'F32', 'F32'],
  ['elementwise_floor_div_f32', 'FLOOR_DIV', 'F32', 'I32'],
  ['elementwise_prelu_f32', 'PRELU', 'F32', 'F32'],
  ['elementwise_elu_grad_f32', 'ELU_GRAD', 'F32', 'F32'],
  ['elementwise_equal_f32', 'EQ', 'F32', 'BOOL'],
  ['elementwise_not_equal_f32', 'NE', 'F32', 'BOOL'],
  ['elementwise_less_f32', 'LT', 'F32', 'BOOL'],
  ['elementwise_less_equal_f32', 'LE', 'F32', 'BOOL'],
  ['elementwise_greater_f32', 'GT', 'F32', 'BOOL'],
  ['elementwise_greater_equal_f32', 'GE', 'F32', 'BOOL'],
  ['elementwise_add_i32', 'ADD_I', 'I32', 'I32'],
  ['elementwise_sub_i32', 'SUB_I', 'I32', 'I32'],
  ['elementwise_mul_i32', 'MUL_I', 'I32', 'I32'],
  ['elementwise_maximum_i32', 'MAX_I', 'I32', 'I32'],
  ['elementwise_minimum_i32', 'MIN_I', 'I32', 'I32'],
  ['elementwise_equal_i32', 'EQ_I', 'I32', 'BOOL'],
  ['elementwise_not_equal_i32', 'NE_I', 'I32', 'BOOL'],
  ['elementwise_less_i32', 'LT_I', 'I32', 'BOOL'],
  ['elementwise_less_equal_i32', 'LE_I', 'I32', 'BOOL'],
  ['elementwise_greater_i32', 'GT_I', 'I32', 'BOOL'],
  ['elementwise_greater_equal_i32', 'GE_I', 'I32', 'BOOL'],
  ['elementwise_floor_div_i32', 'FLOOR_DIV_I', 'I32', 'I32'],
  ['elementwise_mod_i32', 'MOD_I', 'I32', 'I32'],
  ['elementwise_pow_i32', 'POW_I', 'I32', 'I32'],
  ['elementwise_squared_difference_i32', 'SQUARED_DIFF_I', 'I32', 'I32'],
  ['elementwise_equal_bool', 'EQ_I', 'BOOL', 'BOOL'],
  ['elementwise_not_equal_bool', 'NE_I', 'BOOL', 'BOOL'],
  ['elementwise_less_bool', 'LT_I', 'BOOL', 'BOOL'],
  ['elementwise_less_equal_bool', 'LE_I', 'BOOL', 'BOOL'],
  ['elementwise_greater_bool', 'GT_I', 'BOOL', 'BOOL'],
  ['elementwise_greater_equal_bool', 'GE_I', 'BOOL', 'BOOL'],
  ['elementwise_logical_and_bool', 'AND', 'BOOL', 'BOOL'],
  ['elementwise_logical_or_bool', 'OR', 'BOOL', 'BOOL'],
];

/** tfjs kernels on one unary export per dtype. @type {KernelRow[]} */
export const UNARY_KERNELS = [
  {
    kernel: 'Abs',
    doc: '|x|, element-wise.',
    exports: { float32: 'elementwise_abs_f32', int32: 'elementwise_abs_i32' },
  },
  { kernel: 'Ceil', doc: 'ceil(x), element-wise.', exports: { float32: 'elementwise_ceil_f32' } },
  {
    kernel: 'ClipByValue',
    doc: 'x clamped to [clipValueMin, clipValueMax] (NaN stays NaN), element-wise.',
    exports: { float32: 'elementwise_clip_by_value_f32' },
    params: ['clipValueMin', 'clipValueMax'],
  },
  {
    kernel: 'Cos',
    doc: 'cos(x), evaluated in float64 like tfjs-backend-cpu, element-wise.',
    exports: { float32: 'elementwise_cos_f32' },
  },
  { kernel: 'Elu', doc: 'x >= 0 ? x : e^x - 1, element-wise.', exports: { float32: 'elementwise_elu_f32' } },
  {
    kernel: 'Erf',
    doc: "erf(x) by tfjs' Abramowitz-Stegun approximation, element-wise.",
    exports: { float32: 'elementwise_erf_f32' },
  },
  { kernel: 'Exp', doc: 'e^x, element-wise.', exports: { float32: 'elementwise_exp_f32' } },
  { kernel: 'Expm1', doc: 'e^x - 1, element-wise.', exports: { float32: 'elementwise_expm1_f32' } },
  { kernel: 'Floor', doc: 'floor(x), element-wise.', exports: { float32: 'elementwise_floor_f32' } },
  {
    kernel: 'IsFinite',
    doc: 'x is neither NaN nor ±Infinity, element-wise.',
    exports: { float32: 'elementwise_is_finite_f32' },
    outDtype: 'bool',
  },
  {
    kernel: 'IsInf',
    doc: 'x is ±Infinity, element-wise.',
    exports: { float32: 'elementwise_is_inf_f32' },
    outDtype: 'bool',
  },
  { kernel: 'IsNan', doc: 'x is NaN, element-wise.', exports: { float32: 'elementwise_is_nan_f32' }, outDtype: 'bool' },
  {
    kernel: 'LeakyRelu',
    doc: 'x < 0 ? alpha * x : x, element-wise.',
    exports: { float32: 'elementwise_leaky_relu_f32' },
    params: ['alpha'],
  },
  { kernel: 'Log', doc: 'ln x, element-wise.', exports: { float32: 'elementwise_log_f32' } },
  { kernel: 'Log1p', doc: 'ln(1 + x), element-wise.', exports: { float32: 'elementwise_log1p_f32' } },
  { kernel: 'LogicalNot', doc: '!x, element-wise.', exports: { bool: 'elementwise_logical_not_bool' } },
  {
    kernel: 'Neg',
    doc: '-x, element-wise.',
    exports: { float32: 'elementwise_neg_f32', int32: 'elementwise_neg_i32' },
  },
  { kernel: 'Reciprocal', doc: '1 / x, element-wise.', exports: { float32: 'elementwise_reciprocal_f32' } },
  { kernel: 'Relu', doc: 'max(x, 0), element-wise.', exports: { float32: 'elementwise_relu_f32' } },
  { kernel: 'Relu6', doc: 'min(max(x, 0), 6), element-wise.', exports: { float32: 'elementwise_relu6_f32' } },
  {
    kernel: 'Round',
    doc: 'x rounded to the nearest integer, ties to even, element-wise.',
    exports: { float32: 'elementwise_round_f32' },
  },
  { kernel: 'Rsqrt', doc: '1 / sqrt(x), element-wise.', exports: { float32: 'elementwise_rsqrt_f32' } },
  {
    kernel: 'Selu',
    doc: 'scale * (x >= 0 ? x : alpha * (e^x - 1)), element-wise.',
    exports: { float32: 'elementwise_selu_f32' },
  },
  { kernel: 'Sigmoid', doc: '1 / (1 + e^-x), element-wise.', exports: { float32: 'elementwise_sigmoid_f32' } },
  { kernel: 'Sign', doc: '-1, 0 or 1 (0 for NaN), element-wise.', exports: { float32: 'elementwise_sign_f32' } },
  {
    kernel: 'Sin',
    doc: 'sin(x), evaluated in float64 like tfjs-backend-cpu, element-wise.',
    exports: { float32: 'elementwise_sin_f32' },
  },
  { kernel: 'Softplus', doc: 'ln(1 + e^x), element-wise.', exports: { float32: 'elementwise_softplus_f32' } },
  { kernel: 'Sqrt', doc: 'sqrt(x), element-wise.', exports: { float32: 'elementwise_sqrt_f32' } },
  { kernel: 'Square', doc: 'x * x, element-wise.', exports: { float32: 'elementwise_square_f32' } },
  {
    kernel: 'Step',
    doc: 'x > 0 ? 1 : alpha (NaN stays NaN), element-wise.',
    exports: { float32: 'elementwise_step_f32' },
    params: ['alpha'],
  },
  { kernel: 'Tanh', doc: 'tanh(x), element-wise.', exports: { float32: 'elementwise_tanh_f32' } },
];

/** tfjs kernels on one binary export per dtype. @type {KernelRow[]} */
export const BINARY_KERNELS = [
  {
    kernel: 'Add',
    doc: 'a + b, with broadcasting.',
    exports: { float32: 'elementwise_add_f32', int32: 'elementwise_add_i32' },
  },
  {
    kernel: 'EluGrad',
    doc: 'The gradient of Elu from its output y: dy where y >= 0, else dy * (y + 1).',
    exports: { float32: 'elementwise_elu_grad_f32' },
    inputs: ['dy', 'y'],
  },
  {
    kernel: 'Equal',
    doc: 'a == b, with broadcasting; NaN compares unequal to everything.',
    exports: { float32: 'elementwise_equal_f32', int32: 'elementwise_equal_i32', bool: 'elementwise_equal_bool' },
    outDtype: 'bool',
  },
  {
    kernel: 'FloorDiv',
    doc: 'floor(a / b) in float64, as int32 (what tfjs-backend-cpu returns), with broadcasting.',
    exports: { float32: 'elementwise_floor_div_f32', int32: 'elementwise_floor_div_i32' },
    outDtype: 'int32',
  },
  {
    kernel: 'Greater',
    doc: 'a > b, with broadcasting; NaN compares unequal to everything.',
    exports: { float32: 'elementwise_greater_f32', int32: 'elementwise_greater_i32', bool: 'elementwise_greater_bool' },
    outDtype: 'bool',
  },
  {
    kernel: 'GreaterEqual',
    doc: 'a >= b, with broadcasting; NaN compares unequal to everything.',
    exports: {
      float32: 'elementwise_greater_equal_f32',
      int32: 'elementwise_greater_equal_i32',
      bool: 'elementwise_greater_equal_bool',
    },
    outDtype: 'bool',
  },
  {
    kernel: 'Less',
    doc: 'a < b, with broadcasting; NaN compares unequal to everything.',
    exports: { float32: 'elementwise_less_f32', int32: 'elementwise_less_i32', bool: 'elementwise_less_bool' },
    outDtype: 'bool',
  },
  {
    kernel: 'LessEqual',
    doc: 'a <= b, with broadcasting; NaN compares unequal to everything.',
    exports: {
      float32: 'elementwise_less_equal_f32',
      int32: 'elementwise_less_equal_i32',
      bool: 'elementwise_less_equal_bool',
    },
    outDtype: 'bool',
  },
  { kernel: 'LogicalAnd', doc: 'a && b, with broadcasting.', exports: { bool: 'elementwise_logical_and_bool' } },
  { kernel: 'LogicalOr', doc: 'a || b, with broadcasting.', exports: { bool: 'elementwise_logical_or_bool' } },
  {
    kernel: 'Maximum',
    doc: 'max(a, b), NaN if either is NaN, with broadcasting.',
    exports: { float32: 'elementwise_maximum_f32', int32: 'elementwise_maximum_i32' },
  },
  {
    kernel: 'Minimum',
    doc: 'min(a, b), NaN if either is NaN, with broadcasting.',
    exports: { float32: 'elementwise_minimum_f32', int32: 'elementwise_minimum_i32' },
  },
  {
    kernel: 'Mod',
    doc: 'a mod b with the sign of b, with broadcasting.',
    exports: { float32: 'elementwise_mod_f32', int32: 'elementwise_mod_i32' },
  },
  {
    kernel: 'Multiply',
    doc: 'a * b (int32 wraps), with broadcasting.',
    exports: { float32: 'elementwise_mul_f32', int32: 'elementwise_mul_i32' },
  },
  {
    kernel: 'NotEqual',
    doc: 'a != b, with broadcasting; NaN compares unequal to everything.',
    exports: {
      float32: 'elementwise_not_equal_f32',
      int32: 'elementwise_not_equal_i32',
      bool: 'elementwise_not_equal_bool',
    },
    outDtype: 'bool',
  },
  {
    kernel: 'Pow',
    doc: 'a ** b, evaluated in float64 like tfjs-backend-cpu, with broadcasting.',
    exports: { float32: 'elementwise_pow_f32', int32: 'elementwise_pow_i32' },
  },
  {
    kernel: 'Prelu',
    doc: 'x < 0 ? alpha * x : x, with alpha broadcast against x.',
    exports: { float32: 'elementwise_prelu_f32' },
    inputs: ['x', 'alpha'],
  },
  { kernel: 'RealDiv', doc: 'a / b, with broadcasting.', exports: { float32: 'elementwise_div_f32' } },
  {
    kernel: 'SquaredDifference',
    doc: '(a - b)^2, with broadcasting.',
    exports: { float32: 'elementwise_squared_difference_f32', int32: 'elementwise_squared_difference_i32' },
  },
  {
    kernel: 'Sub',
    doc: 'a - b, with broadcasting.',
    exports: { float32: 'elementwise_sub_f32', int32: 'elementwise_sub_i32' },
  },
];
