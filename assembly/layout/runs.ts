// Innermost loops of a strided copy: one run of `n` elements of `elemBytes` bytes (1, 4 or 8).

/** Contiguous on both sides: one bulk copy. */
@inline export function copyContiguous(dst: usize, src: usize, n: i32, elemBytes: i32): void {
  memory.copy(dst, src, <usize>n * <usize>elemBytes);
}

/** Repeats one source element `n` times along a contiguous destination (broadcast, tile). */
export function fillFromElement(dst: usize, src: usize, n: i32, elemBytes: i32, dstStride: i32): void {
  if (elemBytes == 1) {
    const value = load<u8>(src);
    if (dstStride == 1) {
      memory.fill(dst, value, <usize>n);
      return;
    }
    for (let i = 0; i < n; i++, dst += <usize>dstStride) store<u8>(dst, value);
  } else if (elemBytes == 4) {
    const value = load<u32>(src);
    if (dstStride == 4) {
      fillPattern32(dst, n, value);
      return;
    }
    for (let i = 0; i < n; i++, dst += <usize>dstStride) store<u32>(dst, value);
  } else {
    const value = load<u64>(src);
    if (dstStride == 8) {
      fillPattern64(dst, n, value);
      return;
    }
    for (let i = 0; i < n; i++, dst += <usize>dstStride) store<u64>(dst, value);
  }
}

/** Writes `n` copies of a 32-bit pattern, four per v128 store. */
export function fillPattern32(dst: usize, n: i32, value: u32): void {
  const splat = i32x4.splat(value);
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(dst + (<usize>i << 2), splat);
  for (; i < n; i++) store<u32>(dst + (<usize>i << 2), value);
}

/** Writes `n` copies of a 64-bit pattern, two per v128 store. */
export function fillPattern64(dst: usize, n: i32, value: u64): void {
  const splat = i64x2.splat(value);
  let i = 0;
  for (; i + 2 <= n; i += 2) v128.store(dst + (<usize>i << 3), splat);
  for (; i < n; i++) store<u64>(dst + (<usize>i << 3), value);
}

/** Reads 32-bit elements backwards into a contiguous destination, reversing four lanes at a time. */
export function reverse32(dst: usize, src: usize, n: i32): void {
  let i = 0;
  // Element i of the run sits at src - 4i; the vector ending there holds elements i+3 .. i.
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(src - (<usize>(i + 3) << 2));
    v128.store(dst + (<usize>i << 2), i32x4.shuffle(v, v, 3, 2, 1, 0));
  }
  for (; i < n; i++) store<u32>(dst + (<usize>i << 2), load<u32>(src - (<usize>i << 2)));
}

/** Any strides: one element at a time. */
export function copyStrided(dst: usize, src: usize, n: i32, elemBytes: i32, srcStride: i32, dstStride: i32): void {
  const ss = <usize>srcStride;
  const ds = <usize>dstStride;
  if (elemBytes == 4) {
    for (let i = 0; i < n; i++, src += ss, dst += ds) store<u32>(dst, load<u32>(src));
  } else if (elemBytes == 1) {
    for (let i = 0; i < n; i++, src += ss, dst += ds) store<u8>(dst, load<u8>(src));
  } else {
    for (let i = 0; i < n; i++, src += ss, dst += ds) store<u64>(dst, load<u64>(src));
  }
}

/** One run of a strided copy, by the cheapest loop its strides allow. */
export function copyRun(dst: usize, src: usize, n: i32, elemBytes: i32, srcStride: i32, dstStride: i32): void {
  if (srcStride == elemBytes && dstStride == elemBytes) {
    copyContiguous(dst, src, n, elemBytes);
  } else if (srcStride == 0) {
    fillFromElement(dst, src, n, elemBytes, dstStride);
  } else if (elemBytes == 4 && srcStride == -4 && dstStride == 4) {
    reverse32(dst, src, n);
  } else {
    copyStrided(dst, src, n, elemBytes, srcStride, dstStride);
  }
}

/**
 * `count` short runs of `runBytes` (at most 16) contiguous bytes, their starts `srcStride` and `dstStride`
 * bytes apart (possibly negative): an image's pixels mirrored, narrow channels concatenated. Each run is one
 * or two plain loads and stores of its exact size instead of a bulk copy call.
 */
export function copyShortRuns(
  dst: usize, src: usize, count: i32, runBytes: i32, srcStride: i32, dstStride: i32,
): void {
  const ss = <usize>srcStride;
  const ds = <usize>dstStride;
  if (runBytes == 16) {
    for (let i = 0; i < count; i++, src += ss, dst += ds) v128.store(dst, v128.load(src));
  } else if (runBytes == 12) {
    for (let i = 0; i < count; i++, src += ss, dst += ds) {
      store<u64>(dst, load<u64>(src));
      store<u32>(dst + 8, load<u32>(src + 8));
    }
  } else if (runBytes == 8) {
    for (let i = 0; i < count; i++, src += ss, dst += ds) store<u64>(dst, load<u64>(src));
  } else if (runBytes == 4) {
    for (let i = 0; i < count; i++, src += ss, dst += ds) store<u32>(dst, load<u32>(src));
  } else {
    for (let i = 0; i < count; i++, src += ss, dst += ds) memory.copy(dst, src, <usize>runBytes);
  }
}
