// A binary heap of (key, index) pairs, keys and indices in two arrays. Pairs rank by key descending, then by
// index ascending (tfjs-backend-cpu's order for TopK and non-max suppression); the root is the lowest ranked,
// so a heap of the best k seen so far rejects a newcomer by one comparison with its root.

// @ts-ignore: decorator
@inline function keyAt<T>(keys: usize, at: i32): T {
  return load<T>(keys + (<usize>at << alignof<T>()));
}

// @ts-ignore: decorator
@inline function indexAt(indices: usize, at: i32): i32 {
  return load<i32>(indices + (<usize>at << 2));
}

// @ts-ignore: decorator
@inline function put<T>(keys: usize, indices: usize, at: i32, key: T, index: i32): void {
  store<T>(keys + (<usize>at << alignof<T>()), key);
  store<i32>(indices + (<usize>at << 2), index);
}

/** Whether (keyA, indexA) ranks below (keyB, indexB). */
// @ts-ignore: decorator
@inline export function ranksBelow<T>(keyA: T, indexA: i32, keyB: T, indexB: i32): bool {
  return keyA < keyB || (keyA == keyB && indexA > indexB);
}

/** Puts (key, index) at `at` and moves it down until both children rank above it. */
export function siftDown<T>(keys: usize, indices: usize, size: i32, at: i32, key: T, index: i32): void {
  while (true) {
    let child = 2 * at + 1;
    if (child >= size) break;
    let childKey = keyAt<T>(keys, child);
    let childIndex = indexAt(indices, child);
    if (child + 1 < size) {
      const rightKey = keyAt<T>(keys, child + 1);
      const rightIndex = indexAt(indices, child + 1);
      if (ranksBelow<T>(rightKey, rightIndex, childKey, childIndex)) {
        child++;
        childKey = rightKey;
        childIndex = rightIndex;
      }
    }
    if (!ranksBelow<T>(childKey, childIndex, key, index)) break;
    put<T>(keys, indices, at, childKey, childIndex);
    at = child;
  }
  put<T>(keys, indices, at, key, index);
}

/** Makes the first `size` pairs a heap. */
export function heapify<T>(keys: usize, indices: usize, size: i32): void {
  for (let at = (size >> 1) - 1; at >= 0; at--) {
    siftDown<T>(keys, indices, size, at, keyAt<T>(keys, at), indexAt(indices, at));
  }
}

/** Replaces the root (the lowest ranked) by (key, index). */
// @ts-ignore: decorator
@inline export function replaceRoot<T>(keys: usize, indices: usize, size: i32, key: T, index: i32): void {
  siftDown<T>(keys, indices, size, 0, key, index);
}

/** Sorts a heap best first: the lowest ranked goes to the end, one at a time. */
export function sortBestFirst<T>(keys: usize, indices: usize, size: i32): void {
  for (let end = size - 1; end > 0; end--) {
    const lastKey = keyAt<T>(keys, end);
    const lastIndex = indexAt(indices, end);
    put<T>(keys, indices, end, keyAt<T>(keys, 0), indexAt(indices, 0));
    siftDown<T>(keys, indices, end, 0, lastKey, lastIndex);
  }
}

/** Sorts `size` pairs best first. */
export function sortPairsBestFirst<T>(keys: usize, indices: usize, size: i32): void {
  heapify<T>(keys, indices, size);
  sortBestFirst<T>(keys, indices, size);
}
