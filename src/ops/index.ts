// Placeholder composite versions of the probabilistic ops, replaced by the fused ops module.
import * as tf from '@tensorflow/tfjs-core';

const LOG_2PI = Math.log(2 * Math.PI);

export function gaussianLogLikelihood(
  x: tf.Tensor, mean: tf.Tensor | number, logVar: tf.Tensor | number,
  options: { includeConstant?: boolean; reduction?: 'sum' | 'none'; varianceFloor?: number } = {}): tf.Tensor {
  return tf.tidy(() => {
    const diff = tf.sub(x, mean);
    const lv = tf.broadcastTo(tf.cast(logVar as tf.Tensor, 'float32'), x.shape);
    let ll = tf.mul(-0.5, tf.add(lv, tf.mul(tf.square(diff), tf.exp(tf.neg(lv)))));
    if (options.includeConstant !== false) ll = tf.sub(ll, 0.5 * LOG_2PI);
    return options.reduction === 'none' ? ll : tf.sum(ll, -1);
  });
}

export function klStandardNormal(mean: tf.Tensor, logVar: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.mul(0.5, tf.sum(tf.sub(tf.add(tf.square(mean), tf.exp(logVar)), tf.add(logVar, 1)), -1)));
}

export function reparameterize(mean: tf.Tensor, logVar: tf.Tensor, seed?: number): tf.Tensor {
  return tf.tidy(() => tf.add(mean, tf.mul(tf.exp(tf.mul(0.5, logVar)), tf.randomNormal(mean.shape, 0, 1, 'float32', seed))));
}

export function sigmoidCrossEntropyWithLogits(labels: tf.Tensor, logits: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.add(tf.sub(tf.relu(logits), tf.mul(logits, labels)), tf.log1p(tf.exp(tf.neg(tf.abs(logits))))));
}
