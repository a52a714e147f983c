export type { CompiledFunction, CompileOptions, CompileStats } from './compile.js';
export { compile } from './compile.js';
export { CompileError } from './errors.js';
export type { TrainStepOptions } from './train_step.js';
export { compileTrainStep } from './train_step.js';
