// A compiled training step for a tfjs-layers model: what model.trainOnBatch(x, y) runs (tfjs-layers' train
// function: forward in training mode, the losses, optimizer.minimize over the trainable weights), minus the
// async shape checks and the read of the losses, so that it can be recorded and replayed. Typed structurally:
// this module does not import tfjs-layers.
import type { Optimizer, Scalar, Tensor } from '@tensorflow/tfjs-core';
import { type CompiledFunction, compile } from './compile.js';
import { CompileError } from './errors.js';

/** The part of a tfjs-layers LayersModel a train step uses. */
export interface TrainableModel {
  optimizer: Optimizer | null | undefined;
  inputs: unknown[];
  outputs: unknown[];
  compile(args: { optimizer: Optimizer | string; loss: unknown; metrics?: unknown }): void;
  makeTrainFunction(): (data: Tensor[]) => Scalar[];
  /** A Sequential's inner LayersModel, which its trainOnBatch delegates to. */
  model?: TrainableModel;
}

export interface TrainStepOptions {
  /** With `loss`, compiles the model first (model.compile); omit both to use the model's own. */
  optimizer?: Optimizer | string;
  loss?: unknown;
  metrics?: unknown;
}

type Batch = Tensor | Tensor[];

/**
 * A compiled `(x, y) => loss` training step for a tfjs-layers model: one optimizer step per call, the same
 * arithmetic as `await model.trainOnBatch(x, y)` (bit for bit), returning the loss as a scalar tensor (with
 * metrics: [loss, ...metrics]). Replays from the third call on; see compile().
 */
export function compileTrainStep(
  model: TrainableModel,
  options: TrainStepOptions = {},
): CompiledFunction<[Batch, Batch], Scalar | Scalar[]> {
  return compile(layersTrainStep(model, options));
}

/**
 * The synchronous `(x, y) => loss` step that compileTrainStep compiles: tfjs-layers' train function (what
 * trainOnBatch runs) without its async checks, for callers that compile it with their own options.
 */
export function layersTrainStep(
  model: TrainableModel,
  { optimizer, loss, metrics }: TrainStepOptions = {},
): (x: Batch, y: Batch) => Scalar | Scalar[] {
  if (optimizer != null || loss != null) {
    if (optimizer == null || loss == null)
      throw new CompileError('compileTrainStep: pass both optimizer and loss, or neither.');
    model.compile({ optimizer, loss, ...(metrics != null ? { metrics } : {}) });
  }
  if (model.optimizer == null) {
    throw new CompileError(
      'compileTrainStep: the model is not compiled; pass { optimizer, loss } or call model.compile first.',
    );
  }
  // A Sequential trains through its inner LayersModel (its own train function lacks the collected weights).
  const train = (model.model ?? model).makeTrainFunction();
  const asList = (t: Batch): Tensor[] => (Array.isArray(t) ? t : [t]);
  return (x: Batch, y: Batch) => {
    const xs = asList(x);
    const ys = asList(y);
    if (xs.length !== model.inputs.length || ys.length !== model.outputs.length) {
      throw new CompileError(
        `compileTrainStep: the model takes ${model.inputs.length} inputs and ${model.outputs.length} ` +
          `targets, got ${xs.length} and ${ys.length}.`,
      );
    }
    const out = train([...xs, ...ys]);
    return out.length === 1 ? out[0] : out;
  };
}
