// Operator codes of the reduction kernels; equal to the constants in assembly/reduce/ops.ts.
export const OP_SUM = 0;
/** Maximum; on bool bytes (0/1) it is logical or. */
export const OP_MAX = 1;
/** Minimum; on bool bytes (0/1) it is logical and. */
export const OP_MIN = 2;
