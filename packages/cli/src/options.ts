// Option parsing shared by the commands: bad values fail before anything runs or is written.

import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from 'commander';
import { requirePeer } from './checks.js';

export const BACKENDS = ['simd', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

export function integer(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected an integer from ${min} to ${max}, got '${value}'`);
    }
    return n;
  };
}

export function number(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a number from ${min} to ${max}, got '${value}'`);
    }
    return n;
  };
}

export function integerList(value: string): number[] {
  const parts = value.split(',').map((p) => p.trim());
  const parse = integer(1, 100_000);
  return parts.map(parse);
}

/** Activates the requested backend, loading the peer package for 'wasm' on demand. */
export async function useBackend(name: BackendName): Promise<void> {
  if (name === 'simd') await import('tfjs-backend-simd');
  if (name === 'wasm') await requirePeer('@tensorflow/tfjs-backend-wasm', '--backend wasm');
  if (name === 'cpu') await import('@tensorflow/tfjs-backend-cpu');
  if (!(await tf.setBackend(name))) throw new Error(`backend '${name}' failed to initialise`);
}

/** Describes the active backend for reports: its name, and the WASM build for 'simd'. */
export function backendDescription(): string {
  const backend = tf.backend() as unknown as { build?: string };
  return backend.build ? `${tf.getBackend()} (${backend.build})` : tf.getBackend();
}
