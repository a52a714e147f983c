// Matrix products split over threads, the BLIS way: B is packed once and A a group of rows at a time, into
// shared blocks (each packing itself cut into runs of panels), then C is cut into many small rectangles of
// tiles (gemm_plan.ts) that whichever thread is free takes, the calling one included: a worker that wakes
// late leaves its part to the others, one descheduled in the middle of a chunk has it taken over by the
// calling thread (and is benched if it keeps doing so: worker_health.ts), and no thread repacks what
// another packed. Every tile sums the same packed values in the same order as one thread, so results are
// bit for bit one thread's. Products too small to pay for the hand-over run on this thread; B too large to
// pack whole (over 32 MiB) falls back to shares of whole columns or rows, each packing its own operands.

import { MAX_CHUNKS } from '../../threads/control.js';
import type { Chunk, ThreadPool } from '../../threads/pool.js';
import { cutRange } from '../../threads/ranges.js';
import { chunksFor, helpersFor, type SplitThreshold } from '../../threads/split_policy.js';
import { GEMV_PANEL } from '../../wasm/constants.generated.js';
import type { SimdWasm } from '../../wasm/module.js';
import {
  blockBytes,
  CHUNK_MACS,
  MC,
  MR,
  NR,
  type PackedOperand,
  packChunkFloats,
  packChunks,
  packedBytes,
  paddedLines,
  tileGrid,
} from './plan.js';

/** m, n, k, a, rsA, csA, b, rsB, csB, c, ldc: arguments of gemm_f32 (strides in elements). */
export type GemmProduct = [number, number, number, number, number, number, number, number, number, number, number];
/** activation, alpha, bias, biasRs, biasCs, prelu, preluRs, preluCs: gemm_f32's arguments after the product. */
export type GemmEpilogue = [number, number, number, number, number, number, number, number];

/** The epilogue that stores plain values. */
export const NO_EPILOGUE: GemmEpilogue = [0, 0, 0, 0, 0, 0, 0, 0];

/**
 * Multiply-adds per thread from which splitting a product pays. Measured on 2 cores, split in 2 ÷ one
 * thread (bench/suites/threads.mjs, README "Threads"): with the worker asleep before each product, 96³
 * (0.9M multiply-adds) 0.8×, 112³ 1.0×, 128³ (2.1M) 1.1×, 160³ 1.5×; with the worker awake (products back
 * to back), 64³ (0.26M) already 1.7×.
 */
export const PRODUCT_SPLIT: SplitThreshold = { awake: 1 << 17, asleep: 1 << 20 };

/**
 * Multiply-adds per thread from which splitting a product of one to three rows (or one column) pays. Each
 * value of B is used once there, so the product runs at the speed B streams in, which a second core barely
 * raises until B is megabytes (measured with the worker polling, 1 thread ÷ 2, B kept packed: 1×512·512×512
 * 0.85×, 1×784·784×500 0.89–0.98×, 1×1280·1280×1000 0.94–0.98× on one host, ~1.05× on another,
 * 1×2048·2048×1500 1.44×). With an awake worker, 2¹⁸ per thread: 1×784·784×500 (0.4M) stays whole, a
 * MobileNet's 1280×1000 head splits, which made its batch-1 inference on 2 threads 1.08× faster.
 */
const GEMV_SPLIT: SplitThreshold = { awake: 1 << 18, asleep: 1 << 20 };

export { MR, NR };

const F32 = 4;
type PackArgs = [number, number, number, number, number, number, number];

/**
 * Floats of A packed per group of rows, at most (8 MiB): a taller A is multiplied a group at a time, B
 * staying packed.
 */
const A_GROUP_FLOATS = 1 << 21;
/** Floats of packed B, at most (32 MiB): wider and deeper products fall back to shares with their own packing. */
const B_PACKED_FLOATS = 1 << 23;
/** The pool's shared blocks holding packed B and packed A. */
const PACKED_B = 0;
const PACKED_A = 1;
/** Packing this many floats or fewer runs on this thread (a job's hand-over would cost more than it saves). */
const PACK_ALONE_FLOATS = 1 << 16;

/**
 * C = epilogue(A·B) on as many threads as pay off (from `split` multiply-adds per thread); a null epilogue
 * stores the plain product. `packedB` (not 0): B packed whole beforehand (wholeBPacking), used as it is.
 */
export function gemmF32(
  wasm: SimdWasm,
  pool: ThreadPool | null,
  product: GemmProduct,
  epilogue: GemmEpilogue | null,
  packedB = 0,
  split: SplitThreshold = PRODUCT_SPLIT,
): void {
  const [m, n, k] = product;
  const workers = k === 0 ? 0 : helpersFor(pool, m * n * k, split);
  if (workers === 0) {
    const kernel = packedB !== 0 ? 'gemm_prepacked_f32' : 'gemm_f32';
    productOnThisThread(wasm, kernel, product, epilogue ?? NO_EPILOGUE, packedB);
    return;
  }
  if (packedB === 0 && paddedLines(n, NR) * k > B_PACKED_FLOATS) {
    runProductShares(wasm, pool!, splitProduct(product, epilogue ?? NO_EPILOGUE, workers + 1), workers);
    return;
  }
  sharedPackedProduct(wasm, pool!, product, epilogue ?? NO_EPILOGUE, workers, packedB);
}

/**
 * How a product's B packs ahead of the product, for a packing kept between products (backend.packedOperand):
 * the name of its layout (equal names, equal bytes), its size, and the packing of B at address b into dst.
 */
export interface OperandPacking {
  layout: string;
  bytes: number;
  pack(b: number, dst: number): void;
}

/**
 * B (k × n, element (p, j) at p·rsB + j·csB, strides in elements) packed whole for gemm_prepacked_f32 and the
 * shared tiles: every KC slice, in the layout of assembly/gemm/tiles.ts. A matMul's B and a pointwise
 * convolution's filter of one shape and strides share it.
 */
export function wholeBPacking(wasm: SimdWasm, n: number, k: number, rsB: number, csB: number): OperandPacking {
  const bytes = packedBytes(n, NR, k);
  return {
    layout: `gemm ${n}×${k} ${rsB},${csB}`,
    bytes,
    pack: (b, dst) => {
      const operand: PackedOperand = { src: b, lines: n, lineStride: csB * F32, depthStride: rsB * F32, width: NR };
      for (const chunk of packChunks(operand, k, dst, bytes)) wasm.kernels.gemm_pack_panels_f32(...(chunk as PackArgs));
    },
  };
}

/**
 * The product the BLIS way (assembly/gemm/tiles.ts): B packed once, A a group of rows at a time, into
 * blocks every thread reads, then rectangles of tiles taken by whichever thread is free.
 */
function sharedPackedProduct(
  wasm: SimdWasm,
  pool: ThreadPool,
  product: GemmProduct,
  epilogue: GemmEpilogue,
  workers: number,
  prepackedB: number,
): void {
  const [m, n, k, a, rsA, csA, b, rsB, csB, c, ldc] = product;
  const groupRows = Math.max(MC, Math.floor(A_GROUP_FLOATS / k / MC) * MC);
  const firstGroup = Math.min(m, groupRows);
  const packedB = prepackedB !== 0 ? prepackedB : pool.sharedBlock(PACKED_B, packedBytes(n, NR, k));
  const packedA = pool.sharedBlock(PACKED_A, packedBytes(firstGroup, MR, k));
  const operandB: PackedOperand = { src: b, lines: n, lineStride: csB * F32, depthStride: rsB * F32, width: NR };
  for (let r0 = 0; r0 < m; r0 += groupRows) {
    const rows = Math.min(groupRows, m - r0);
    const operandA: PackedOperand = {
      src: a + r0 * rsA * F32,
      lines: rows,
      lineStride: rsA * F32,
      depthStride: csA * F32,
      width: MR,
    };
    const operands = r0 === 0 && prepackedB === 0 ? [operandB, operandA] : [operandA];
    const floats = operands.reduce((sum, { lines, width }) => sum + paddedLines(lines, width) * k, 0);
    const packing = operands.flatMap((operand) =>
      packChunks(operand, k, operand === operandB ? packedB : packedA, packChunkFloats(floats)),
    );
    runPacking(wasm, pool, packing, floats, workers);
    const { rowRuns, columnRuns } = tileGrid(rows, n, k, workers + 1);
    const tiles: Chunk[] = [];
    for (const [row, height] of rowRuns) {
      for (const [column, width] of columnRuns) {
        tiles.push([
          height,
          width,
          k,
          r0 + row,
          column,
          packedA,
          row,
          blockBytes(rows, MR),
          packedB,
          column,
          blockBytes(n, NR),
          c,
          ldc,
          ...epilogue,
        ]);
      }
    }
    // Each thread computes a rectangle into its own scratch, the first to finish it copies it into C: this
    // thread can then take over one a descheduled worker holds, and a worker that resumes late writes nothing.
    const tileFloats = Math.max(...rowRuns.map(([, h]) => h)) * Math.max(...columnRuns.map(([, w]) => w));
    const scratchBytes = wasm.kernels.gemm_tiles_private_f32_scratch_bytes(tileFloats) >>> 0;
    pool.run('gemm_tiles_private_f32', tiles, workers, scratchBytes, 'gemm_tiles_publish_f32');
  }
}

/** Runs packing chunks: on this thread when few, else as jobs of at most MAX_CHUNKS chunks. */
function runPacking(wasm: SimdWasm, pool: ThreadPool, chunks: Chunk[], floats: number, workers: number): void {
  if (floats <= PACK_ALONE_FLOATS) {
    for (const chunk of chunks) wasm.kernels.gemm_pack_panels_f32(...(chunk as PackArgs));
    return;
  }
  for (let first = 0; first < chunks.length; first += MAX_CHUNKS) {
    pool.run('gemm_pack_panels_f32', chunks.slice(first, first + MAX_CHUNKS), workers);
  }
}

/**
 * Runs shares of a product (splitProduct's) on this thread and `workers` workers, each with scratch enough,
 * by `kernel` (gemm_f32, or gemm_gemv_f32 for the unpacked products).
 */
export function runProductShares(
  wasm: SimdWasm,
  pool: ThreadPool,
  shares: Chunk[],
  workers: number,
  kernel: 'gemm_f32' | 'gemm_gemv_f32' = 'gemm_f32',
): void {
  const widest = Math.max(...shares.map((share) => share[1]));
  const { kernels } = wasm;
  const bytes =
    kernel === 'gemm_f32' ? kernels.gemm_f32_scratch_bytes(widest) : kernels.gemm_gemv_f32_scratch_bytes(widest);
  pool.run(kernel, shares, workers, bytes >>> 0);
}

/**
 * A product of a few rows of A (or one column of B) on the unpacked kernels (gemm_gemv_f32), its columns (its
 * rows, for one column) split over as many threads as pay off (GEMV_SPLIT: only a B of megabytes streams in
 * faster on two cores); the shares start on micro-tile edges, where every output is summed as in the whole
 * product. `packedB` (not 0): B packed by rowBPacking, used when the product runs on this thread.
 */
export function gemvF32(
  wasm: SimdWasm,
  pool: ThreadPool | null,
  product: GemmProduct,
  epilogue: GemmEpilogue,
  packedB = 0,
): void {
  const [m, n, k] = product;
  const workers = Math.min(Math.ceil(Math.max(m, n) / NR) - 1, helpersFor(pool, m * n * k, GEMV_SPLIT));
  if (workers <= 0) {
    if (packedB !== 0) productOnThisThread(wasm, 'gemm_gemv_packed_f32', product, epilogue, packedB);
    else productOnThisThread(wasm, 'gemm_gemv_f32', product, epilogue);
    return;
  }
  const parts = chunksFor(m * n * k, workers + 1, CHUNK_MACS);
  if (packedB !== 0) {
    const shares = splitPackedRow(product, epilogue, packedB, parts);
    pool!.run('gemm_gemv_packed_share_f32', shares, workers, productScratchBytes(wasm, 'gemm_gemv_packed_f32', n));
    return;
  }
  runProductShares(wasm, pool!, splitProduct(product, epilogue, parts), workers, 'gemm_gemv_f32');
}

/**
 * Cuts a one-row product whose B is packed by rowBPacking into at most `parts` runs of whole panels
 * (gemm_gemv_packed_share_f32's arguments before the scratch): each run of columns reads its own panels, one
 * sequential stream, and sums every output as the whole product does.
 */
function splitPackedRow(product: GemmProduct, epilogue: GemmEpilogue, packedB: number, parts: number): Chunk[] {
  const c = product[9];
  return splitProduct(product, epilogue, parts, GEMV_PANEL).map((share) => {
    // The share's first column, from where it writes C.
    const firstColumn = (share[9] - c) / F32;
    return [...share, packedB, firstColumn / GEMV_PANEL];
  });
}

/**
 * Columns from which a one-row product packs a B it meets again (gemm_gemv_pack_f32's panels of 24 columns,
 * the last padded with zeros, are then at most 1.5 times B).
 */
export const GEMV_PACKED_MIN_N = 16;

/** B (k × n, row p at p·rsB elements, contiguous columns) packed for a one-row product (gemm_gemv_packed_f32). */
export function rowBPacking(wasm: SimdWasm, n: number, k: number, rsB: number): OperandPacking {
  return {
    layout: `gemv ${n}×${k} ${rsB}`,
    bytes: wasm.kernels.gemm_gemv_pack_f32_bytes(n, k) >>> 0,
    pack: (b, dst) => wasm.kernels.gemm_gemv_pack_f32(n, k, b, rsB, dst),
  };
}

/** The product kernels, all with gemm_f32's arguments (the packed ones then take the packing's address). */
type ProductKernel = 'gemm_f32' | 'gemm_gemv_f32' | 'gemm_prepacked_f32' | 'gemm_gemv_packed_f32';

/** Bytes of scratch `kernel` needs for products of up to n columns. */
function productScratchBytes(wasm: SimdWasm, kernel: ProductKernel, n: number): number {
  // Static names: a looked-up `${kernel}_scratch_bytes` costs a string and a dictionary probe per product.
  const { kernels } = wasm;
  switch (kernel) {
    case 'gemm_f32':
      return kernels.gemm_f32_scratch_bytes(n) >>> 0;
    case 'gemm_gemv_f32':
      return kernels.gemm_gemv_f32_scratch_bytes(n) >>> 0;
    case 'gemm_prepacked_f32':
      return kernels.gemm_prepacked_f32_scratch_bytes(n) >>> 0;
    case 'gemm_gemv_packed_f32':
      return kernels.gemm_gemv_packed_f32_scratch_bytes(n) >>> 0;
  }
}

/**
 * One product on this thread by `kernel`, in its own scratch; `packedB`: the packing the packed kernels read.
 * Launched where that pays (SimdWasm.launch); else its arguments are passed one by one: spreading the two
 * arrays cost a 3×64·64×64 product ~3%.
 */
export function productOnThisThread(
  wasm: SimdWasm,
  kernel: ProductKernel,
  product: GemmProduct,
  epilogue: GemmEpilogue,
  packedB = 0,
): void {
  const [m, n, k, a, rsA, csA, b, rsB, csB, c, ldc] = product;
  const [activation, alpha, bias, biasRs, biasCs, prelu, preluRs, preluCs] = epilogue;
  const bytes = productScratchBytes(wasm, kernel, n);
  if (wasm.launches(m * n * k)) {
    wasm.withScratch(bytes, (scratch) => wasm.launch(kernel, [...product, ...epilogue, scratch, bytes, packedB]));
    return;
  }
  const run = wasm.kernels[kernel];
  wasm.withScratch(bytes, (scratch) =>
    run(
      m,
      n,
      k,
      a,
      rsA,
      csA,
      b,
      rsB,
      csB,
      c,
      ldc,
      activation,
      alpha,
      bias,
      biasRs,
      biasCs,
      prelu,
      preluRs,
      preluCs,
      scratch,
      bytes,
      packedB,
    ),
  );
}

/**
 * Cuts the product into at most `parts` blocks of whole columns (or rows) of C, on micro-tile edges (column
 * blocks: on multiples of `columnStep`).
 */
export function splitProduct(product: GemmProduct, epilogue: GemmEpilogue, parts: number, columnStep = NR): Chunk[] {
  const [m, n, k, a, rsA, csA, b, rsB, csB, c, ldc] = product;
  const [activation, alpha, bias, biasRs, biasCs, prelu, preluRs, preluCs] = epilogue;
  const byColumns = n >= m;
  const length = byColumns ? n : m;
  return cutRange(length, parts, byColumns ? columnStep : MR).map(([start, size]): Chunk => {
    // Bias and prelu strides are in bytes already; a and b strides in elements.
    const moved = (ptr: number, stride: number) => (ptr === 0 ? 0 : ptr + start * stride);
    if (byColumns) {
      return [
        m,
        size,
        k,
        a,
        rsA,
        csA,
        b + start * csB * 4,
        rsB,
        csB,
        c + start * 4,
        ldc,
        activation,
        alpha,
        moved(bias, biasCs),
        biasRs,
        biasCs,
        moved(prelu, preluCs),
        preluRs,
        preluCs,
      ];
    }
    return [
      size,
      n,
      k,
      a + start * rsA * 4,
      rsA,
      csA,
      b,
      rsB,
      csB,
      c + start * ldc * 4,
      ldc,
      activation,
      alpha,
      moved(bias, biasRs),
      biasRs,
      biasCs,
      moved(prelu, preluRs),
      preluRs,
      preluCs,
    ];
  });
}
