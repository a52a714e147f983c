// How the models run a step they repeat (a training step, a scoring pass): compiled (src/compile/) when the
// model's `compile` setting is on, which replays on 'simd' and runs eagerly on every other backend. A step
// that compile refuses runs eagerly, with no error: compiling is a speed-up, never a new way to fail.
import { engine, Tensor } from '@tensorflow/tfjs-core';
import { type CompiledFunction, compile } from '../compile/compile.js';

/**
 * Input shapes a step keeps plans for; a new shape beyond these starts afresh (a scorer called on ever new
 * batch sizes would otherwise hold a plan, its buffers in WebAssembly memory, for each).
 */
const MAX_SHAPES = 4;

export class ModelStep<A extends unknown[], R> {
  private compiled: CompiledFunction<A, R> | null = null;
  private readonly shapes = new Set<string>();

  /** `fn` must be synchronous and draw no random numbers (pass them in). */
  constructor(
    private readonly fn: (...args: A) => R,
    private readonly compiling: boolean,
  ) {}

  run(...args: A): R {
    // Under a gradient tape (a training loss using this pass) compile would run eagerly: its shapes need no plan.
    if (!this.compiling || engine().isTapeOn()) return this.fn(...args);
    const key = shapeKey(args);
    if (!this.shapes.has(key)) {
      if (this.shapes.size >= MAX_SHAPES) this.dispose();
      this.shapes.add(key);
    }
    this.compiled ??= compile(this.fn, { onRefusal: 'eager' });
    return this.compiled(...args);
  }

  /** Gives back the plans' buffers; the step can still run (it compiles again). */
  dispose(): void {
    this.compiled?.dispose();
    this.compiled = null;
    this.shapes.clear();
  }
}

function shapeKey(args: unknown[]): string {
  return args
    .map((a) => (a instanceof Tensor ? `${a.dtype}[${a.shape}]` : Array.isArray(a) ? `(${shapeKey(a)})` : ''))
    .join(',');
}
