// Names, inputs and attributes of the probabilistic kernels: a neutral module that the ops, their gradient
// configs and the 'simd' kernels all import (none imports another layer for them). Every input is float32.
import type { NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';

export const BernoulliLogLikelihood = 'BernoulliLogLikelihood';
export const BernoulliLogLikelihoodGrad = 'BernoulliLogLikelihoodGrad';
export const GaussianLogLikelihood = 'GaussianLogLikelihood';
export const GaussianLogLikelihoodGrad = 'GaussianLogLikelihoodGrad';
export const KlStandardNormal = 'KlStandardNormal';
export const KlStandardNormalGrad = 'KlStandardNormalGrad';
export const Reparameterize = 'Reparameterize';
export const ReparameterizeGrad = 'ReparameterizeGrad';
export const SigmoidCrossEntropyWithLogits = 'SigmoidCrossEntropyWithLogits';
export const SigmoidCrossEntropyWithLogitsGrad = 'SigmoidCrossEntropyWithLogitsGrad';
export const SoftmaxCrossEntropyWithLogits = 'SoftmaxCrossEntropyWithLogits';
export const SoftmaxCrossEntropyWithLogitsGrad = 'SoftmaxCrossEntropyWithLogitsGrad';
export const MeanPairwiseSquaredError = 'MeanPairwiseSquaredError';
export const MeanPairwiseSquaredErrorGrad = 'MeanPairwiseSquaredErrorGrad';

/**
 * x and logits have the same shape [..., cols]; elementwise keeps one value per element instead of summing over
 * the last axis. expNegAbs (passed by the op while a gradient tape records): a buffer of that shape the forward
 * kernel fills with exp(−|logits|), which the backward kernel then reads instead of computing the exp again.
 */
export type BernoulliLogLikelihoodInputs = { x: TensorInfo; logits: TensorInfo; expNegAbs?: TensorInfo };
export interface BernoulliLogLikelihoodAttrs extends NamedAttrMap {
  elementwise: boolean;
}
/** dy has the forward output's shape. Outputs [dx, dLogits]. */
export type BernoulliLogLikelihoodGradInputs = BernoulliLogLikelihoodInputs & { dy: TensorInfo };

/**
 * x is [..., cols]; mean and logVar either have x's shape or are one value per feature ([cols]).
 * logVarFloor is log of the variance floor (-Infinity for none); constant is ½·log 2π or 0;
 * elementwise keeps one value per element instead of summing over the last axis.
 * weights (passed by the op while a gradient tape records): a buffer of x's shape the forward kernel fills with
 * exp(−max(logVar, floor)/2), sign bit set below the floor, which the backward kernel then reads instead of
 * computing an exp; [0] (nothing kept) for a per-feature logVar.
 */
export type GaussianLogLikelihoodInputs = { x: TensorInfo; mean: TensorInfo; logVar: TensorInfo; weights?: TensorInfo };
export interface GaussianLogLikelihoodAttrs extends NamedAttrMap {
  logVarFloor: number;
  constant: number;
  elementwise: boolean;
}
/** dy has the forward output's shape. Outputs [dx, dMean, dLogVar] in the shapes of x, mean, logVar. */
export type GaussianLogLikelihoodGradInputs = GaussianLogLikelihoodInputs & { dy: TensorInfo };

/** mean and logVar: one of them has the full [..., cols] shape, the other that shape or [cols]. */
/**
 * variance (passed by the op while a gradient tape records): a buffer of the full shape the forward kernel fills
 * with exp(logVar), which the backward kernel then reads instead of computing it; [0] for a per-feature logVar.
 */
export type KlStandardNormalInputs = { mean: TensorInfo; logVar: TensorInfo; variance?: TensorInfo };
/** Outputs [dMean, dLogVar]. */
export type KlStandardNormalGradInputs = KlStandardNormalInputs & { dy: TensorInfo };

/** eps has the full shape; mean and logVar the full shape or [cols]. */
export type ReparameterizeInputs = { mean: TensorInfo; logVar: TensorInfo; eps: TensorInfo };
/** Outputs [dMean, dLogVar]. */
export type ReparameterizeGradInputs = ReparameterizeInputs & { dy: TensorInfo };

/** labels and logits have the same shape. */
export type CrossEntropyInputs = { labels: TensorInfo; logits: TensorInfo };
/** Outputs [dLabels, dLogits]. */
export type CrossEntropyGradInputs = CrossEntropyInputs & { dy: TensorInfo };

/** labels and predictions are [batch, n]; weights is [batch]. */
export type MeanPairwiseSquaredErrorInputs = { labels: TensorInfo; predictions: TensorInfo; weights: TensorInfo };
/** Outputs [dLabels, dPredictions, dWeights]. */
export type MeanPairwiseSquaredErrorGradInputs = MeanPairwiseSquaredErrorInputs & { dy: TensorInfo };
