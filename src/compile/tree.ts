// Nested arguments and results (a tensor, arrays and plain objects of them), walked and rebuilt leaf by leaf.
import type { TensorInfo } from '@tensorflow/tfjs-core';

export type Tree<T> = T | null | undefined | Tree<T>[] | { [key: string]: Tree<T> };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value == null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Whether a value is a tensor (a Tensor, or a TensorInfo the engine hands a kernel). */
export function isTensorInfo(value: unknown): value is TensorInfo {
  return value != null && typeof value === 'object' && 'dataId' in value && 'shape' in value;
}

/** The same structure with every tensor replaced by f(tensor); other leaves by other(leaf). */
export function mapTree<T>(
  tree: unknown,
  f: (t: TensorInfo) => T,
  other: (leaf: unknown) => Tree<T> = () => null,
): Tree<T> {
  if (isTensorInfo(tree)) return f(tree);
  if (Array.isArray(tree)) return tree.map((item) => mapTree(item, f, other));
  if (isPlainObject(tree)) {
    const mapped: Record<string, Tree<T>> = {};
    for (const key of Object.keys(tree)) mapped[key] = mapTree(tree[key], f, other);
    return mapped;
  }
  return other(tree);
}

/** Every tensor of a structure, in the order mapTree visits them. */
export function tensorsOf(tree: unknown): TensorInfo[] {
  const found: TensorInfo[] = [];
  mapTree(tree, (t) => found.push(t));
  return found;
}
