// Input handling shared by the probabilistic ops: conversion, shape checks with errors that name the op,
// the arguments and their shapes, and the operand layouts the fused 'simd' kernels accept.

import {
  backend_util,
  broadcastTo,
  cast,
  engine,
  getBackend,
  getKernel,
  reshape,
  Tensor,
  type TensorLike,
  tensor,
  util,
} from '@tensorflow/tfjs-core';
import type { SimdBackend } from '../backend/backend_simd.js';

export type TensorOrLike = Tensor | TensorLike;

/** A float32 tensor from a tensor or nested array (other numeric dtypes are cast). */
export function floatInput(value: TensorOrLike, argName: string, opName: string): Tensor {
  const t = value instanceof Tensor ? value : tensor(value as TensorLike);
  if (t.dtype === 'string' || t.dtype === 'complex64') {
    throw new Error(`${opName}: argument '${argName}' must be numeric, got dtype ${t.dtype}.`);
  }
  return t.dtype === 'float32' ? t : cast(t, 'float32');
}

export function formatShape(shape: number[]): string {
  return `[${shape.join(',')}]`;
}

/** The shape two operands broadcast to, or an error naming the op, both arguments and their shapes. */
export function broadcastShape(opName: string, aName: string, a: Tensor, bName: string, b: Tensor): number[] {
  try {
    return backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
  } catch {
    throw new Error(
      `${opName}: ${aName} of shape ${formatShape(a.shape)} and ${bName} of shape ` +
        `${formatShape(b.shape)} cannot be broadcast together.`,
    );
  }
}

/** Errors unless `operand` broadcasts to exactly `target` (the operand may not enlarge it). */
export function assertBroadcastsTo(
  opName: string,
  name: string,
  operand: Tensor,
  targetName: string,
  target: Tensor,
): void {
  const shape = broadcastShape(opName, name, operand, targetName, target);
  if (!util.arraysEqual(shape, target.shape)) {
    throw new Error(
      `${opName}: ${name} of shape ${formatShape(operand.shape)} must broadcast to ${targetName}'s ` +
        `shape ${formatShape(target.shape)}, but together they broadcast to ${formatShape(shape)}.`,
    );
  }
}

export function assertSameShape(opName: string, aName: string, a: Tensor, bName: string, b: Tensor): void {
  if (!util.arraysEqual(a.shape, b.shape)) {
    throw new Error(
      `${opName}: ${aName} of shape ${formatShape(a.shape)} and ${bName} of shape ` +
        `${formatShape(b.shape)} must have the same shape.`,
    );
  }
}

export function assertMinRank(opName: string, name: string, t: Tensor, rank: number): void {
  if (t.rank < rank) {
    throw new Error(`${opName}: ${name} must have rank >= ${rank}, got shape ${formatShape(t.shape)}.`);
  }
}

/** Whether the current backend has a fused kernel `kernelName` (only 'simd' does). */
export function hasFusedKernel(kernelName: string): boolean {
  return getKernel(kernelName, getBackend()) != null;
}

/**
 * An operand as the fused kernels take it: `full`'s shape (one value per element), or [cols] when it is one
 * value per feature of the last axis. Other broadcasts are materialised; tfjs sums their gradients back.
 */
export function kernelOperand(operand: Tensor, full: number[]): Tensor {
  if (util.arraysEqual(operand.shape, full)) return operand;
  const cols = full.length === 0 ? 1 : full[full.length - 1];
  const leading = operand.shape.slice(0, -1);
  const perFeature = operand.rank >= 1 && operand.shape[operand.rank - 1] === cols && leading.every((d) => d === 1);
  if (perFeature && full.length >= 1) return reshapeIfNeeded(operand, [cols]);
  // A scalar becomes one value per feature: [cols] values instead of the whole shape.
  if (operand.size === 1 && full.length >= 1) return broadcastTo(reshapeIfNeeded(operand, [1]), [cols]);
  return broadcastTo(operand, full);
}

/** Runs a fused kernel through the engine, so that its gradient is recorded. */
export function runFused(kernelName: string, inputs: Record<string, Tensor>, attrs = {}): Tensor {
  return engine().runKernel(kernelName, inputs as never, attrs) as Tensor;
}

/**
 * While a gradient tape records: `{ [name]: buffer }`, an uninitialised float32 tensor that a fused forward kernel
 * fills with what its backward kernel would otherwise recompute (one value per element of `full`, when
 * `operand` has that shape; [0], nothing to keep, when it is per feature). The grad config saves it as an
 * input, so the engine keeps it alive until the backward pass. Without a tape, `{}`: nothing is kept.
 */
export function bufferForGradient(name: string, operand: Tensor, full: number[]): Record<string, Tensor> {
  if (!engine().isTapeOn()) return {};
  const backend = engine().backend as SimdBackend;
  const shape = util.arraysEqual(operand.shape, full) ? full : [0];
  return { [name]: engine().makeTensorFromTensorInfo(backend.makeOutput(shape, 'float32'), backend) };
}

/** Reshapes only when the shape changes (a no-op reshape is still a kernel run and a shared data id). */
export function reshapeIfNeeded(t: Tensor, shape: number[]): Tensor {
  return util.arraysEqual(t.shape, shape) ? t : reshape(t, shape);
}
