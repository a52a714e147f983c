// A stack of fully connected layers held as named variables: the building block of the models here.
import * as tf from '@tensorflow/tfjs-core';

export type Activation = 'relu' | 'elu' | 'sigmoid' | 'linear' | 'tanh';

export interface DenseLayer {
  kernel: tf.Variable;
  bias: tf.Variable;
}

let nextModelId = 0;

/** A prefix that keeps variable names unique in the engine when several models live side by side. */
export function uniqueScope(kind: string): string {
  return `${kind}_${nextModelId++}`;
}

/** Layers of sizes[0] → sizes[1] → … with Glorot-uniform kernels drawn from `seed`, zero biases. */
export function createDenseStack(name: string, sizes: number[], seed: number): DenseLayer[] {
  return sizes.slice(1).map((units, i) => {
    const fanIn = sizes[i];
    const limit = Math.sqrt(6 / (fanIn + units));
    // tidy frees the initial values; the variables hold copies of their own.
    return tf.tidy(() => ({
      kernel: tf.variable(tf.randomUniform([fanIn, units], -limit, limit, 'float32', seed + i), true, `${name}/dense_${i}/kernel`),
      bias: tf.variable(tf.zeros([units]), true, `${name}/dense_${i}/bias`),
    }));
  });
}

/** Runs the stack: `activation` after every layer but the last, which stays linear. */
export function applyDenseStack(layers: DenseLayer[], input: tf.Tensor2D, activation: Activation): tf.Tensor2D {
  return layers.reduce<tf.Tensor2D>((h, { kernel, bias }, i) => {
    const isLast = i === layers.length - 1;
    // tanh has no fused form in tfjs: it runs as its own op after the fused matmul + bias.
    const fused = isLast || activation === 'tanh' ? 'linear' : activation;
    const out = tf.fused.matMul({ a: h, b: kernel as tf.Tensor2D, bias, activation: fused }) as tf.Tensor2D;
    return !isLast && activation === 'tanh' ? tf.tanh(out) : out;
  }, input);
}

export function stackVariables(layers: DenseLayer[]): tf.Variable[] {
  return layers.flatMap(({ kernel, bias }) => [kernel, bias]);
}

/** A variable's name without its model's unique scope: the name it is saved under. */
export function savedName(variable: tf.Variable): string {
  return variable.name.slice(variable.name.indexOf('/') + 1);
}
