// A convolutional autoencoder for images [n, h, w, c] with values in [0, 1], one tf.LayersModel of standard layers:
//   encoder  conv 3×3 stride 2 (32 filters, relu) → conv 3×3 stride 2 (64 filters, relu) → flatten → dense → latent
//   decoder  dense (relu) → reshape → 2× upsampling + conv 3×3 (32, relu) → 2× upsampling + conv 3×3 (c, sigmoid)
// 'same' padding halves each side (rounding up); the 2× upsampling, cropped by one row or column where a side
// was odd, restores the exact sizes. Upsampling then
// convolving measured a better ROC AUC on MNIST than transposed convolutions (no checkerboard artefacts). The
// dense latent layer is the bottleneck: without it the 32 feature maps of the middle hold more numbers than
// the image and the network could learn to copy anomalies as well as normal images.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { mulberry32 } from '../data/random.js';
import { adam } from '../optimizers/adam.js';
import { minimizing, trainInMinibatches } from './minibatch_training.js';
import { ModelStep } from './model_step.js';
import { disposeNetworks, network, run, trainableVariables } from './networks.js';

/** Activations with a fused form in tfjs (applied as the convolution or product stores its output). */
export type ConvActivation = 'relu' | 'elu' | 'linear';

export interface ConvAutoencoderConfig {
  /** Image height, width and channels. */
  imageShape: [number, number, number];
  /** Filters of the two downsampling convolutions (32, 64 measured a better MNIST ROC AUC than 16, 32). */
  filters?: [number, number];
  latentDim?: number;
  /** Activation of the hidden layers. */
  activation?: ConvActivation;
  seed?: number;
  /** Compile the training step and the scoring pass (as VAEConfig.compile); false runs them eagerly. */
  compile?: boolean;
}

/** Adam's step size when none is given: measured better than 1e-3 for this network on MNIST (see docs/conv.md). */
export const CONV_AUTOENCODER_LEARNING_RATE = 3e-3;

export interface ConvAutoencoderFitOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  onEpochEnd?: (epoch: number, loss: number) => void | Promise<void>;
}

/** Images scored per slice by reconstructionError. */
const SCORE_BATCH = 500;

/** Side length after a 'same' convolution of stride 2. */
const halve = (size: number): number => Math.ceil(size / 2);

/** A 3×3 'same' convolution with Glorot-uniform kernels drawn from `seed` and zero biases. */
function conv3x3(
  filters: number,
  strides: number,
  activation: ConvActivation | 'sigmoid',
  seed: number,
): tfl.layers.Layer {
  return tfl.layers.conv2d({
    filters,
    kernelSize: 3,
    strides,
    padding: 'same',
    activation,
    kernelInitializer: tfl.initializers.glorotUniform({ seed }),
  });
}

/** 2× nearest-neighbour upsampling from [h, w] to [toH, toW] (each 2h or 2h − 1): UpSampling2D, then a crop. */
function upsampleTo([h, w]: number[], [toH, toW]: number[]): tfl.layers.Layer[] {
  const up = tfl.layers.upSampling2d({ size: [2, 2] });
  return 2 * h === toH && 2 * w === toW
    ? [up]
    : [
        up,
        tfl.layers.cropping2D({
          cropping: [
            [0, 2 * h - toH],
            [0, 2 * w - toW],
          ],
        }),
      ];
}

export class ConvAutoencoder {
  readonly imageShape: [number, number, number];
  readonly network: tfl.LayersModel;
  private readonly compiling: boolean;
  /** The scoring of one slice of images, compiled when compiling. */
  private readonly errorStep: ModelStep<[tf.Tensor4D], tf.Tensor1D>;

  /** A new autoencoder, or one around a trained `network` (as AnomalyDetector.load gives it). */
  constructor(
    {
      imageShape,
      filters = [32, 64],
      latentDim = 32,
      activation = 'relu',
      seed = 0,
      compile = true,
    }: ConvAutoencoderConfig,
    trained?: tfl.LayersModel,
  ) {
    this.imageShape = imageShape;
    this.compiling = compile;
    this.errorStep = new ModelStep(
      (images) =>
        tf.tidy(() => tf.sum(tf.squaredDifference(this.reconstruct(images), images), [1, 2, 3]) as tf.Tensor1D),
      compile,
    );
    const [h, w, c] = imageShape;
    const [f1, f2] = filters;
    const mid = [halve(h), halve(w)];
    const deep = [halve(mid[0]), halve(mid[1])];
    const s = seed * 1000;
    if (trained) {
      const shape = trained.inputs[0].shape.slice(1);
      if (!tf.util.arraysEqual(shape as number[], imageShape)) {
        throw new Error(`ConvAutoencoder: the network takes images [${shape}], the config says [${imageShape}]`);
      }
    }
    this.network =
      trained ??
      network('autoencoder', imageShape, [
        conv3x3(f1, 2, activation, s + 1),
        conv3x3(f2, 2, activation, s + 2),
        tfl.layers.flatten(),
        tfl.layers.dense({ units: latentDim, kernelInitializer: tfl.initializers.glorotUniform({ seed: s + 3 }) }),
        tfl.layers.dense({
          units: deep[0] * deep[1] * f2,
          activation,
          kernelInitializer: tfl.initializers.glorotUniform({ seed: s + 4 }),
        }),
        tfl.layers.reshape({ targetShape: [deep[0], deep[1], f2] }),
        ...upsampleTo(deep, mid),
        conv3x3(f1, 1, activation, s + 5),
        ...upsampleTo(mid, [h, w]),
        conv3x3(c, 1, 'sigmoid', s + 6),
      ]);
  }

  get variables(): tf.Variable[] {
    return trainableVariables(this.network);
  }

  /** The reconstruction of images x [n, h, w, c], in (0, 1). */
  reconstruct(x: tf.Tensor4D): tf.Tensor4D {
    return tf.tidy(() => run<tf.Tensor4D>(this.network, x));
  }

  /**
   * Squared reconstruction error of every image: [n]. Large sets go through in slices of SCORE_BATCH images,
   * so that the feature maps of all of them never have to fit in memory at once.
   */
  reconstructionError(x: tf.Tensor4D): tf.Tensor1D {
    const n = x.shape[0];
    const errorOf = (images: tf.Tensor4D) => this.errorStep.run(images);
    if (n <= SCORE_BATCH) return errorOf(x);
    return tf.tidy(() => {
      const slices: tf.Tensor[] = [];
      for (let start = 0; start < n; start += SCORE_BATCH) {
        const size = Math.min(SCORE_BATCH, n - start);
        slices.push(errorOf(tf.slice(x, [start, 0, 0, 0], [size, -1, -1, -1]) as tf.Tensor4D));
      }
      return tf.concat(slices) as tf.Tensor1D;
    });
  }

  /** Minimises the mean reconstruction error with Adam over shuffled mini-batches. */
  async fit(
    x: tf.Tensor4D,
    { epochs, batchSize, learningRate, onEpochEnd }: ConvAutoencoderFitOptions,
    seed = 0,
  ): Promise<void> {
    const optimizer = adam(learningRate);
    try {
      await trainInMinibatches([x], {
        epochs,
        batchSize,
        random: mulberry32(seed + 3),
        onEpochEnd,
        compile: this.compiling,
        step: minimizing(
          optimizer,
          this.variables,
          ([batch]) => tf.mean(this.reconstructionError(batch as tf.Tensor4D)) as tf.Scalar,
        ),
      });
    } finally {
      optimizer.dispose();
    }
  }

  dispose(): void {
    this.errorStep.dispose();
    disposeNetworks(this.network);
  }
}
