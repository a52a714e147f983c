// Native kernels of the 'elementwise' family: one config per file in src/kernels/.
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { absConfig } from '../Abs.js';
import { addConfig } from '../Add.js';
import { addNConfig } from '../AddN.js';
import { castConfig } from '../Cast.js';
import { ceilConfig } from '../Ceil.js';
import { clipByValueConfig } from '../ClipByValue.js';
import { cosConfig } from '../Cos.js';
import { eluConfig } from '../Elu.js';
import { eluGradConfig } from '../EluGrad.js';
import { equalConfig } from '../Equal.js';
import { erfConfig } from '../Erf.js';
import { expConfig } from '../Exp.js';
import { expm1Config } from '../Expm1.js';
import { fillConfig } from '../Fill.js';
import { floorConfig } from '../Floor.js';
import { floorDivConfig } from '../FloorDiv.js';
import { greaterConfig } from '../Greater.js';
import { greaterEqualConfig } from '../GreaterEqual.js';
import { isFiniteConfig } from '../IsFinite.js';
import { isInfConfig } from '../IsInf.js';
import { isNanConfig } from '../IsNan.js';
import { leakyReluConfig } from '../LeakyRelu.js';
import { lessConfig } from '../Less.js';
import { lessEqualConfig } from '../LessEqual.js';
import { logConfig } from '../Log.js';
import { log1pConfig } from '../Log1p.js';
import { logicalAndConfig } from '../LogicalAnd.js';
import { logicalNotConfig } from '../LogicalNot.js';
import { logicalOrConfig } from '../LogicalOr.js';
import { maximumConfig } from '../Maximum.js';
import { minimumConfig } from '../Minimum.js';
import { modConfig } from '../Mod.js';
import { multiplyConfig } from '../Multiply.js';
import { negConfig } from '../Neg.js';
import { notEqualConfig } from '../NotEqual.js';
import { onesLikeConfig } from '../OnesLike.js';
import { powConfig } from '../Pow.js';
import { preluConfig } from '../Prelu.js';
import { realDivConfig } from '../RealDiv.js';
import { reciprocalConfig } from '../Reciprocal.js';
import { reluConfig } from '../Relu.js';
import { relu6Config } from '../Relu6.js';
import { roundConfig } from '../Round.js';
import { rsqrtConfig } from '../Rsqrt.js';
import { selectConfig } from '../Select.js';
import { seluConfig } from '../Selu.js';
import { sigmoidConfig } from '../Sigmoid.js';
import { signConfig } from '../Sign.js';
import { sinConfig } from '../Sin.js';
import { softplusConfig } from '../Softplus.js';
import { sqrtConfig } from '../Sqrt.js';
import { squareConfig } from '../Square.js';
import { squaredDifferenceConfig } from '../SquaredDifference.js';
import { stepConfig } from '../Step.js';
import { subConfig } from '../Sub.js';
import { tanhConfig } from '../Tanh.js';
import { zerosLikeConfig } from '../ZerosLike.js';

export const elementwiseKernels: KernelConfig[] = [
  absConfig,
  addConfig,
  addNConfig,
  castConfig,
  ceilConfig,
  clipByValueConfig,
  cosConfig,
  eluConfig,
  eluGradConfig,
  equalConfig,
  erfConfig,
  expConfig,
  expm1Config,
  fillConfig,
  floorConfig,
  floorDivConfig,
  greaterConfig,
  greaterEqualConfig,
  isFiniteConfig,
  isInfConfig,
  isNanConfig,
  leakyReluConfig,
  lessConfig,
  lessEqualConfig,
  logConfig,
  log1pConfig,
  logicalAndConfig,
  logicalNotConfig,
  logicalOrConfig,
  maximumConfig,
  minimumConfig,
  modConfig,
  multiplyConfig,
  negConfig,
  notEqualConfig,
  onesLikeConfig,
  powConfig,
  preluConfig,
  realDivConfig,
  reciprocalConfig,
  reluConfig,
  relu6Config,
  roundConfig,
  rsqrtConfig,
  selectConfig,
  seluConfig,
  sigmoidConfig,
  signConfig,
  sinConfig,
  softplusConfig,
  sqrtConfig,
  squareConfig,
  squaredDifferenceConfig,
  stepConfig,
  subConfig,
  tanhConfig,
  zerosLikeConfig,
];
