// A multilayer perceptron for regression, built from tfjs-layers Dense layers and trained with Adam on
// the mean squared error. Inputs are standardised with the training set's mean and spread, so that
// relu units see inputs of order one whatever the scale of x (sin on [0, 10π] needs it).
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { layersTrainStep, type TrainableModel } from '../compile/train_step.js';
import { mulberry32 } from '../data/random.js';
import { adam } from '../optimizers/adam.js';
import { loadNetworks, type ModelStore, saveNetworks } from './artifacts.js';
import { trainInMinibatches } from './minibatch_training.js';
import { ModelStep } from './model_step.js';
import { disposeNetworks } from './networks.js';

export interface MLPRegressorConfig {
  hiddenUnits?: number[];
  activation?: 'relu' | 'tanh' | 'elu' | 'sigmoid';
  seed?: number;
  /**
   * Compile the training step and predict (see README, "Compiled steps"): on 'simd' they replay without
   * tfjs's per-op JavaScript, with the same results bit for bit. false runs them eagerly.
   */
  compile?: boolean;
}

export interface MLPFitOptions {
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  onEpochEnd?: (epoch: number, loss: number) => void | Promise<void>;
}

export class MLPRegressor {
  readonly config: Required<MLPRegressorConfig>;
  private model?: tfl.Sequential;
  private inputMean?: tf.Tensor;
  private inputStd?: tf.Tensor;
  private predictStep?: ModelStep<[tf.Tensor], tf.Tensor2D>;

  constructor(config: MLPRegressorConfig = {}) {
    this.config = { hiddenUnits: [20, 20], activation: 'relu', seed: 0, compile: true, ...config };
    if (this.config.hiddenUnits.some((u) => !Number.isInteger(u) || u <= 0)) {
      throw new Error(`MLPRegressor: hiddenUnits must be positive integers, got [${this.config.hiddenUnits}]`);
    }
  }

  /** Trains on x [n, features] and y [n] or [n, outputs]; returns the loss after each epoch. */
  async fit(x: tf.Tensor, y: tf.Tensor, options: MLPFitOptions = {}): Promise<number[]> {
    const { epochs = 100, batchSize = 32, learningRate = 0.01, onEpochEnd } = options;
    if (x.rank !== 2) throw new Error(`MLPRegressor.fit: x must have shape [n, features], got [${x.shape}]`);
    if (y.shape[0] !== x.shape[0])
      throw new Error(`MLPRegressor.fit: x has ${x.shape[0]} rows but y has ${y.shape[0]}`);
    const y2d = y.rank === 1 ? tf.reshape(y, [-1, 1]) : y;
    this.disposeModel();
    const moments = tf.moments(x, 0);
    this.inputMean = moments.mean;
    this.inputStd = tf.tidy(() => tf.maximum(tf.sqrt(moments.variance), 1e-8));
    this.model = this.build(x.shape[1] as number, y2d.shape[1] as number);
    this.model.compile({ optimizer: adam(learningRate), loss: 'meanSquaredError' });
    this.predictStep = this.makePredictStep();
    const xs = this.standardize(x);
    const losses: number[] = [];
    // tfjs-layers' train function, what model.fit runs per batch, over a seeded shuffle per epoch (model.fit's
    // own shuffle draws from Math.random).
    const train = layersTrainStep(this.model as unknown as TrainableModel);
    try {
      await trainInMinibatches([xs, y2d], {
        epochs,
        batchSize,
        random: mulberry32(this.config.seed + 1),
        compile: this.config.compile,
        step: ([xb, yb]) => train(xb, yb) as tf.Scalar,
        onEpochEnd: async (epoch, loss) => {
          losses.push(loss);
          await onEpochEnd?.(epoch, loss);
        },
      });
    } finally {
      xs.dispose();
      if (y2d !== y) y2d.dispose();
    }
    return losses;
  }

  predict(x: tf.Tensor): tf.Tensor2D {
    if (!this.model) throw new Error('MLPRegressor.predict: call fit first');
    return this.predictStep!.run(x);
  }

  /** The trained network, a tf.LayersModel of Dense layers; it takes standardized inputs (see save). */
  get network(): tfl.LayersModel | undefined {
    return this.model;
  }

  /**
   * Saves the network as tfjs LayersModel artifacts at `${store}/regressor`; the config and the input
   * standardization (x → (x − inputMean) / inputStd, which the network expects) go in its metadata.
   */
  async save(store: ModelStore): Promise<void> {
    if (!this.model) throw new Error('MLPRegressor.save: call fit first');
    await saveNetworks(
      store,
      {
        kind: 'MLPRegressor',
        config: this.config,
        inputMean: Array.from(await this.inputMean!.data()),
        inputStd: Array.from(await this.inputStd!.data()),
      },
      { regressor: this.model },
    );
  }

  /** The regressor saved by `save` at `store`, ready to predict. */
  static async load(store: ModelStore): Promise<MLPRegressor> {
    const { settings, networks } = await loadNetworks(
      store,
      'MLPRegressor',
      ['regressor'] as const,
      'MLPRegressor.load',
    );
    const { regressor } = networks;
    const [mean, std] = [settings.inputMean, settings.inputStd] as number[][];
    const features = regressor.inputs[0].shape[1];
    if (!Array.isArray(mean) || !Array.isArray(std) || mean.length !== features || std.length !== features) {
      disposeNetworks(regressor);
      throw new Error(`MLPRegressor.load: the standardization does not have the network's ${features} features`);
    }
    const model = new MLPRegressor(settings.config as MLPRegressorConfig);
    model.model = regressor as tfl.Sequential;
    model.inputMean = tf.tensor1d(mean);
    model.inputStd = tf.tensor1d(std);
    model.predictStep = model.makePredictStep();
    return model;
  }

  dispose(): void {
    this.disposeModel();
  }

  private build(inputs: number, outputs: number): tfl.Sequential {
    const { hiddenUnits, activation, seed } = this.config;
    const model = tfl.sequential();
    hiddenUnits.forEach((units, i) =>
      model.add(
        tfl.layers.dense({
          units,
          activation,
          inputShape: i === 0 ? [inputs] : undefined,
          kernelInitializer: tfl.initializers.glorotUniform({ seed: seed * 100 + i }),
          // Zero biases would put every first-layer relu kink at x = 0; spread them over the standardised inputs.
          biasInitializer:
            i === 0 ? tfl.initializers.randomUniform({ minval: -1, maxval: 1, seed: seed * 100 + 50 }) : 'zeros',
        }),
      ),
    );
    model.add(
      tfl.layers.dense({
        units: outputs,
        inputShape: hiddenUnits.length === 0 ? [inputs] : undefined,
        kernelInitializer: tfl.initializers.glorotUniform({ seed: seed * 100 + hiddenUnits.length }),
      }),
    );
    return model;
  }

  private makePredictStep(): ModelStep<[tf.Tensor], tf.Tensor2D> {
    const model = this.model!;
    return new ModelStep((x) => tf.tidy(() => model.predict(this.standardize(x)) as tf.Tensor2D), this.config.compile);
  }

  private standardize(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.div(tf.sub(x, this.inputMean!), this.inputStd!));
  }

  private disposeModel(): void {
    this.predictStep?.dispose();
    this.predictStep = undefined;
    disposeNetworks(this.model);
    tf.dispose([this.inputMean!, this.inputStd!].filter((t) => t != null));
    this.model = undefined;
  }
}
