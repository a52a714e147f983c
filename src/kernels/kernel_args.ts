import type { NamedAttrMap } from '@tensorflow/tfjs-core';
import type { SimdBackend } from '../backend/backend_simd.js';

/** A kernel's arguments with every named input present (tfjs types mark them all optional). */
export interface KernelArgs<Inputs, Attrs = NamedAttrMap> {
  inputs: { [Name in keyof Inputs]-?: NonNullable<Inputs[Name]> };
  attrs: Attrs;
  backend: SimdBackend;
}

/** The attributes of a kernel that takes none. */
export type NoAttrs = Record<string, never>;

/** The inputs of a kernel that takes none (it makes a tensor from its attributes). */
export type NoInputs = Record<string, never>;
