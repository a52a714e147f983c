// Walking the recorded structures whose leaves are uses of values (kernel inputs, a step's result).
import type { Use } from './trace.js';
import type { Tree } from './tree.js';

export function isUse(t: unknown): t is Use {
  return t != null && typeof t === 'object' && 'value' in t && 'shape' in t && 'dtype' in t;
}

/** The same structure with every use replaced by f(use). */
export function mapUses<T>(tree: Tree<Use>, f: (use: Use) => T): Tree<T> {
  if (isUse(tree)) return f(tree);
  if (Array.isArray(tree)) return tree.map((t) => mapUses(t, f));
  if (tree != null && typeof tree === 'object') {
    const mapped: Record<string, Tree<T>> = {};
    for (const key of Object.keys(tree)) mapped[key] = mapUses((tree as Record<string, Tree<Use>>)[key], f);
    return mapped;
  }
  return null;
}

export function forEachUse(tree: Tree<Use>, f: (use: Use) => void): void {
  mapUses(tree, f);
}
