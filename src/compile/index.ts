export { compile } from './compile.js';
export type { CompiledFunction, CompileOptions, CompileStats } from './compile.js';
export { CompileError } from './errors.js';
export { compileTrainStep } from './train_step.js';
export type { TrainStepOptions } from './train_step.js';
