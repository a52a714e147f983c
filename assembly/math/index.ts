// The float32 transcendentals every kernel family shares, on four lanes: one implementation of each; and
// JavaScript's rounding.
export * from './exp';
export * from './expm1';
export * from './log';
export * from './logistic';
export * from './tanh';
export * from './erf';
export * from './round';
