// Matrix products split over threads: C is cut into one chunk per thread, of whole columns (or of whole
// rows, when it is taller than wide). Each chunk is an independent product on its own part of B (or A) and
// of C, with the epilogue's bias and prelu pointers moved to the same block; no thread reads what another
// writes. Threads take chunks first come, first served, so a worker that has not woken up yet leaves its
// chunk to this thread. Products too small to pay for the hand-over run on this thread.
import type { Chunk, ThreadPool } from './pool.js';
import { cutRange } from './ranges.js';
import { helpersFor, SplitThreshold } from './split_policy.js';
import type { SimdWasm } from '../wasm/module.js';

/** m, n, k, a, rsA, csA, b, rsB, csB, c, ldc: arguments of gemm_f32 (strides in elements). */
export type GemmProduct = [number, number, number, number, number, number, number, number, number, number, number];
/** activation, alpha, bias, biasRs, biasCs, prelu, preluRs, preluCs: arguments of gemm_f32_set_epilogue. */
export type GemmEpilogue = [number, number, number, number, number, number, number, number];

const NO_EPILOGUE: GemmEpilogue = [0, 0, 0, 0, 0, 0, 0, 0];

/**
 * Multiply-adds per thread from which splitting a product pays. Measured on 2 cores, split in 2 ÷ one
 * thread (bench/suites/threads.mjs, README "Threads"): with the worker asleep before each product, 96³
 * (0.9M multiply-adds) 0.8×, 112³ 1.0×, 128³ (2.1M) 1.1×, 160³ 1.5×; with the worker awake (products back
 * to back), 64³ (0.26M) already 1.7×.
 */
export const PRODUCT_SPLIT: SplitThreshold = { awake: 1 << 17, asleep: 1 << 20 };

/** Micro-tile sizes of assembly/gemm/microkernel.ts (MR rows, NR columns): shares are cut on tile edges. */
export const MR = 4;
export const NR = 8;

/** C = epilogue(A·B) on as many threads as pay off; a null epilogue stores the plain product. */
export function gemmF32(wasm: SimdWasm, pool: ThreadPool | null, product: GemmProduct, epilogue: GemmEpilogue | null): void {
  const [m, n, k] = product;
  const workers = helpersFor(pool, m * n * k, PRODUCT_SPLIT);
  if (workers === 0) {
    productOnThisThread(wasm, 'gemm_f32', product, epilogue);
    return;
  }
  // One share per thread: on idle cores 512³ ran 1.99× in 2 shares, 1.95× in 4, 1.88× in 6 (each share
  // repacks its whole A or B).
  runProductShares(wasm, pool!, splitProduct(product, epilogue ?? NO_EPILOGUE, workers + 1), workers);
}

/** Runs shares of a product (splitProduct's) on this thread and `workers` workers, each with scratch enough. */
export function runProductShares(wasm: SimdWasm, pool: ThreadPool, shares: Chunk[], workers: number): void {
  const widest = Math.max(...shares.map((share) => share[1]));
  pool.run('gemm_f32_share', shares, workers, wasm.kernels.gemm_f32_share_scratch_bytes(widest) >>> 0);
}

/**
 * One product on this thread by `kernel` (gemm_f32, or gemv_f32 for the unpacked products), or by its
 * `_fused` variant after the epilogue is set.
 */
export function productOnThisThread(
  wasm: SimdWasm, kernel: 'gemm_f32' | 'gemv_f32', product: GemmProduct, epilogue: GemmEpilogue | null,
): void {
  if (epilogue == null) {
    wasm.kernels[kernel](...product);
  } else {
    wasm.kernels.gemm_f32_set_epilogue(...epilogue);
    wasm.kernels[`${kernel}_fused`](...product);
  }
}

/** Cuts the product into at most `parts` blocks of whole columns (or rows) of C, on micro-tile edges. */
export function splitProduct(product: GemmProduct, epilogue: GemmEpilogue, parts: number): Chunk[] {
  const [m, n, k, a, rsA, csA, b, rsB, csB, c, ldc] = product;
  const [activation, alpha, bias, biasRs, biasCs, prelu, preluRs, preluCs] = epilogue;
  const byColumns = n >= m;
  const length = byColumns ? n : m;
  return cutRange(length, parts, byColumns ? NR : MR).map(([start, size]): Chunk => {
    // Bias and prelu strides are in bytes already; a and b strides in elements.
    const moved = (ptr: number, stride: number) => (ptr === 0 ? 0 : ptr + start * stride);
    if (byColumns) {
      return [m, size, k, a, rsA, csA, b + start * csB * 4, rsB, csB, c + start * 4, ldc,
        activation, alpha, moved(bias, biasCs), biasRs, biasCs, moved(prelu, preluCs), preluRs, preluCs];
    }
    return [size, n, k, a + start * rsA * 4, rsA, csA, b, rsB, csB, c + start * ldc * 4, ldc,
      activation, alpha, moved(bias, biasRs), biasRs, biasCs, moved(prelu, preluRs), preluRs, preluCs];
  });
}
