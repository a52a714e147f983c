// The fused activations as types (marker classes), so that a loop templated on one is compiled once per
// activation with the activation test folded away; a value would be tested for every stored vector.
import {
  ACTIVATION_LEAKYRELU, ACTIVATION_LINEAR, ACTIVATION_PRELU, ACTIVATION_RELU, ACTIVATION_RELU6, currentActivation,
} from '../gemm/epilogue';

export class Linear {}
export class Relu {}
export class Relu6 {}
export class LeakyRelu {}
export class Prelu {}
export class ExpBased {}

/** The activation code of marker type Act (ExpBased: the current one, elu or sigmoid, tested per value). */
@inline
export function activationOf<Act>(): i32 {
  if (idof<Act>() == idof<Linear>()) return ACTIVATION_LINEAR;
  if (idof<Act>() == idof<Relu>()) return ACTIVATION_RELU;
  if (idof<Act>() == idof<Relu6>()) return ACTIVATION_RELU6;
  if (idof<Act>() == idof<LeakyRelu>()) return ACTIVATION_LEAKYRELU;
  if (idof<Act>() == idof<Prelu>()) return ACTIVATION_PRELU;
  return currentActivation();
}

