// The models' networks, built from tfjs-layers' standard layers: each is a tf.LayersModel, so it saves as
// standard tfjs artifacts that any tfjs program loads with tf.loadLayersModel (and Keras after conversion).
// The probabilistic parts (sampling, log-likelihoods, KL) belong to the losses, not to the networks.
import type * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

export type Activation = 'relu' | 'elu' | 'sigmoid' | 'linear' | 'tanh';

/**
 * Dense layers sizes[0] → sizes[1] → …, `activation` after each but the last, which gets `output`.
 * Glorot-uniform kernels, layer i drawn from seed + i; zero biases.
 */
export function denseLayers(
  sizes: number[],
  activation: Activation,
  seed: number,
  output: Activation = 'linear',
): tfl.layers.Layer[] {
  return sizes.slice(1).map((units, i) =>
    tfl.layers.dense({
      units,
      activation: i === sizes.length - 2 ? output : activation,
      kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + i }),
    }),
  );
}

/** A network named `name` taking inputs of `inputShape` (without the batch axis) through `layers`. */
export function network(name: string, inputShape: number[], layers: tfl.layers.Layer[]): tfl.Sequential {
  return tfl.sequential({ name, layers: [tfl.layers.inputLayer({ inputShape }), ...layers] });
}

/** The variables an optimizer trains: the trainable weights of the networks. */
export function trainableVariables(...networks: tfl.LayersModel[]): tf.Variable[] {
  return networks.flatMap((net) => net.trainableWeights.map((weight) => weight.read() as tf.Variable));
}

/** Runs a network on concrete tensors (differentiable, unlike predict's batching loop). */
export function run<T extends tf.Tensor>(net: tfl.LayersModel, x: tf.Tensor): T {
  return net.apply(x) as T;
}

/** The input and output widths of a dense network, as [inputs, outputs]. */
export function widths(net: tfl.LayersModel): [number, number] {
  return [net.inputs[0].shape[1] as number, net.outputs[0].shape[1] as number];
}

const disposed = new WeakSet<tfl.LayersModel>();

/** Frees the networks' weights; a second call is a no-op, as tf.dispose is for tensors. */
export function disposeNetworks(...nets: Array<tfl.LayersModel | undefined>): void {
  for (const net of nets) {
    if (net && !disposed.has(net)) {
      disposed.add(net);
      net.dispose();
    }
  }
}
