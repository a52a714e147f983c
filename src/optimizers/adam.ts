// Adam with a fused update on 'simd': one kernel per variable reads the gradient, both moments and the
// variable once and writes the three new tensors, where tfjs's AdamOptimizer runs about twelve element-wise
// ops, each a full pass over the variable. Same arithmetic, same float32 roundings, same state (moments,
// β powers, iterations), same weights and config: it can replace tf.train.adam anywhere, including
// tfjs-layers' model.compile. On every other backend it is tfjs's AdamOptimizer unchanged.
import {
  AdamOptimizer,
  engine,
  getBackend,
  getKernel,
  mul,
  type NamedTensorMap,
  type Tensor,
  tidy,
  type Variable,
  zerosLike,
} from '@tensorflow/tfjs-core';
import { AdamUpdate, type AdamUpdateAttrs } from '../kernel_names/optim.js';

type VariableGradients = Parameters<AdamOptimizer['applyGradients']>[0];

/** AdamOptimizer's state, which its subclasses may read (declared private in tfjs-core's typings only). */
interface AdamState {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  accBeta1: Variable;
  accBeta2: Variable;
  accumulatedFirstMoment: { originalName: string; variable: Variable }[];
  accumulatedSecondMoment: { originalName: string; variable: Variable }[];
}

export class FusedAdamOptimizer extends AdamOptimizer {
  // The inherited className 'Adam' is kept: a model saved with this optimizer loads with stock tfjs's Adam.

  override applyGradients(variableGradients: VariableGradients): void {
    const entries = gradientEntries(variableGradients);
    if (getKernel(AdamUpdate, getBackend()) == null || !entries.every(([name, g]) => fusable(name, g))) {
      super.applyGradients(variableGradients);
      return;
    }
    const state = this as unknown as AdamState;
    // The β powers stay float32 variables, as in AdamOptimizer, and reach the kernel as tensors: nothing is read
    // back to JavaScript, so a compiled step can replay the update.
    const { accBeta1, accBeta2 } = state;
    const attrs: AdamUpdateAttrs = {
      beta1: state.beta1,
      beta2: state.beta2,
      epsilon: state.epsilon,
      negLearningRate: -state.learningRate,
    };
    tidy(() => {
      entries.forEach(([name, gradient], i) => {
        const param = engine().registeredVariables[name];
        const m = moment(state.accumulatedFirstMoment, i, `${name}/m`, param);
        const v = moment(state.accumulatedSecondMoment, i, `${name}/v`, param);
        if (gradient == null) return;
        const [newM, newV, newParam] = engine().runKernel(
          AdamUpdate,
          { param, gradient, m, v, accBeta1, accBeta2 } as unknown as NamedTensorMap,
          attrs,
        ) as Tensor[];
        m.assign(newM);
        v.assign(newV);
        param.assign(newParam);
      });
      // A float32 product, as AdamOptimizer's mul(accBeta, beta).
      accBeta1.assign(mul(accBeta1, state.beta1));
      accBeta2.assign(mul(accBeta2, state.beta2));
    });
    this.incrementIterations();
  }
}

/**
 * Adam as tf.train.adam(learningRate, beta1, beta2, epsilon) makes it (same defaults; epsilon defaults to the
 * backend's), with the fused update on 'simd'.
 */
export function adam(
  learningRate = 0.001,
  beta1 = 0.9,
  beta2 = 0.999,
  epsilon: number | null = null,
): FusedAdamOptimizer {
  return new FusedAdamOptimizer(learningRate, beta1, beta2, epsilon as number);
}

/** [variable name, gradient] pairs, from a map or a list of named tensors. */
function gradientEntries(variableGradients: VariableGradients): [string, Tensor | undefined][] {
  return Array.isArray(variableGradients)
    ? variableGradients.map(({ name, tensor }) => [name, tensor])
    : Object.entries(variableGradients);
}

/** Whether the kernel takes this variable: float32 variable and gradient of one shape (or no gradient). */
function fusable(name: string, gradient: Tensor | undefined): boolean {
  const param = engine().registeredVariables[name];
  if (param == null || param.dtype !== 'float32') return false;
  return (
    gradient == null ||
    (gradient.dtype === 'float32' &&
      gradient.shape.length === param.shape.length &&
      gradient.shape.every((d, k) => d === param.shape[k]))
  );
}

/** The i-th moment variable, created as zeros on first use, as AdamOptimizer names and creates it. */
function moment(
  moments: AdamState['accumulatedFirstMoment'],
  i: number,
  originalName: string,
  param: Variable,
): Variable {
  if (moments[i] == null) {
    const trainable = false;
    moments[i] = { originalName, variable: tidy(() => zerosLike(param).variable(trainable)) };
  }
  return moments[i].variable;
}
