// TopK along the last axis of x viewed as [rows, n]: the k largest values of each row and their indices, best
// first (ties: the lower index first). Each row's output is the heap of the best k seen so far; four values at
// a time are compared with its root, and only a group holding a value above the root is offered one by one.
import { allFinite } from '../simd/finite';
import { heapify, replaceRoot, sortBestFirst } from './ranked_heap';

function topKRow<T>(row: usize, n: i32, k: i32, values: usize, indices: usize): void {
  for (let i = 0; i < k; i++) {
    store<T>(values + (<usize>i << 2), load<T>(row + (<usize>i << 2)));
    store<i32>(indices + (<usize>i << 2), i);
  }
  heapify<T>(values, indices, k);
  // A later value equal to the root ranks below it (higher index): only strictly greater values get in.
  let root = load<T>(values);
  let i = k;
  for (; i + 4 <= n; i += 4) {
    const group = v128.load(row + (<usize>i << 2));
    if (!v128.any_true(v128.gt<T>(group, v128.splat<T>(root)))) continue;
    for (let j = i; j < i + 4; j++) {
      const value = load<T>(row + (<usize>j << 2));
      if (value > root) {
        replaceRoot<T>(values, indices, k, value, j);
        root = load<T>(values);
      }
    }
  }
  for (; i < n; i++) {
    const value = load<T>(row + (<usize>i << 2));
    if (value > root) {
      replaceRoot<T>(values, indices, k, value, i);
      root = load<T>(values);
    }
  }
  sortBestFirst<T>(values, indices, k);
}

function topK<T>(x: usize, values: usize, indices: usize, rows: i32, n: i32, k: i32): void {
  for (let r = 0; r < rows; r++) {
    topKRow<T>(x + <usize>r * <usize>n * 4, n, k, values + <usize>r * <usize>k * 4, indices + <usize>r * <usize>k * 4);
  }
}

/** Sorted top k of float32 rows (1 <= k <= n); returns 1 without writing if x holds a non-finite value. */
export function reduce_top_k_f32(x: usize, values: usize, indices: usize, rows: i32, n: i32, k: i32): i32 {
  if (!allFinite(x, rows * n)) return 1;
  topK<f32>(x, values, indices, rows, n, k);
  return 0;
}

/** Sorted top k of int32 rows (1 <= k <= n). */
export function reduce_top_k_i32(x: usize, values: usize, indices: usize, rows: i32, n: i32, k: i32): void {
  topK<i32>(x, values, indices, rows, n, k);
}
