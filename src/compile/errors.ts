// Why a step cannot be compiled. Every refusal names the op or kernel at fault and says what to do instead;
// nothing is left hooked or allocated when one is thrown, so the caller's eager code keeps working.
import { engine } from '@tensorflow/tfjs-core';

export class CompileError extends Error {
  constructor(message: string) {
    super(`compile: ${message}`);
    this.name = 'CompileError';
  }
}

/** tfjs ops that draw random numbers in JavaScript and write them as a new tensor. */
export const JS_RANDOM_OPS = new Set([
  'randomUniform',
  'randomUniformInt',
  'randomNormal',
  'randomStandardNormal',
  'truncatedNormal',
  'randomGamma',
]);

/** The tfjs op running now (innermost), as users call it: 'randomNormal', not 'randomNormal__op'. */
export function currentOpName(): string | null {
  const scope = (engine() as unknown as { state: { activeScope?: { name?: string } | null } }).state.activeScope;
  const name = scope?.name;
  return name ? name.replace(/__op$/, '') : null;
}

function inOp(op: string | null): string {
  return op == null ? 'outside any tfjs op' : `in op '${op}'`;
}

export function readRefused(op: string | null): CompileError {
  return new CompileError(
    `the function reads tensor values back to JavaScript (dataSync, arraySync, data) ${inOp(op)}. A replay runs ` +
      'no JavaScript, so nothing computed from those values could follow. Read results after the compiled call ' +
      '(from the tensors it returns), or keep this code eager.',
  );
}

export function randomRefused(op: string): CompileError {
  return new CompileError(
    `op '${op}' draws random numbers in JavaScript; a replay would repeat the recorded draws instead of new ones. ` +
      `Draw them outside the compiled function and pass them in as an argument (e.g. eps = tf.${op}(shape) each step), ` +
      'or keep this code eager.',
  );
}

export function asyncRefused(): CompileError {
  return new CompileError(
    'the function returned a Promise; only synchronous functions can be recorded (model.trainOnBatch and model.fit ' +
      'are async: use compileTrainStep(model) for a tfjs-layers training step).',
  );
}

export function stringRefused(op: string | null): CompileError {
  return new CompileError(`a string tensor is made ${inOp(op)}; string tensors cannot be compiled.`);
}
