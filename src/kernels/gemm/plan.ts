// How a threaded product is cut (assembly/gemm/tiles.ts): the runs of panels each packing chunk copies, and
// the rectangles of tiles each compute chunk multiplies. Pure arithmetic on sizes and pointers, so tests can
// check that the chunks cover every panel and every tile exactly once.

import { MAX_CHUNKS } from '../../threads/control.js';
import type { Chunk } from '../../threads/pool.js';
import { cutRange } from '../../threads/ranges.js';
import { KC, MC, MR, NR } from '../../wasm/constants.generated.js';

/** Blocking of assembly/gemm/gemm.ts and microkernel.ts: k slice depth, rows of A per block, tile size. */
export { KC, MC, MR, NR };

const F32 = 4;

/**
 * Multiply-adds per compute chunk, at least: a chunk costs ~2 µs of hand-over (its arguments read back and
 * a call), so 2²⁰ (~50 µs on one core) keeps that under 5%, while a 512³ product still makes 64 chunks.
 */
export const CHUNK_MACS = 1 << 20;
/** Floats per packing chunk, at least (~0.1 ms of copying at the low end). */
export const PACK_CHUNK_FLOATS = 1 << 15;
/** Packing chunks per job, at most: enough for the late thread's share to stay small. */
const PACK_CHUNKS = 32;

/** One operand as its packing routine reads it: `lines` rows of A or columns of B, strides in bytes. */
export interface PackedOperand {
  src: number;
  lines: number;
  lineStride: number;
  depthStride: number;
  /** MR for A, NR for B. */
  width: number;
}

/** Lines rounded up to whole panels. */
export function paddedLines(lines: number, width: number): number {
  return Math.ceil(lines / width) * width;
}

/** Bytes of an operand packed over all of k (one block per KC slice). */
export function packedBytes(lines: number, width: number, k: number): number {
  return paddedLines(lines, width) * k * F32;
}

/** Bytes between two KC blocks of a packed operand. */
export function blockBytes(lines: number, width: number): number {
  return paddedLines(lines, width) * KC * F32;
}

/**
 * Arguments of gemm_pack_panels_f32 for every chunk packing `operand` over all of k into `dst`: runs of whole
 * panels of one KC slice each, about `floatsPerChunk` floats long.
 */
export function packChunks(operand: PackedOperand, k: number, dst: number, floatsPerChunk: number): Chunk[] {
  const { src, lines, lineStride, depthStride, width } = operand;
  const chunks: Chunk[] = [];
  for (let pc = 0, p = 0; pc < k; pc += KC, p++) {
    const depth = Math.min(KC, k - pc);
    const panelsPerChunk = Math.max(1, Math.floor(floatsPerChunk / (width * depth)));
    const block = dst + p * blockBytes(lines, width);
    for (const [first, count] of cutRange(lines, Math.ceil(lines / (panelsPerChunk * width)), width)) {
      chunks.push([
        block + first * depth * F32,
        src + first * lineStride + pc * depthStride,
        count,
        depth,
        lineStride,
        depthStride,
        width,
      ]);
    }
  }
  return chunks;
}

/** Floats per packing chunk for `totalFloats` packed in one job. */
export function packChunkFloats(totalFloats: number): number {
  return Math.max(PACK_CHUNK_FLOATS, Math.ceil(totalFloats / PACK_CHUNKS));
}

/**
 * [first row, rows] and [first column, columns] runs cutting a rows × n block of C (k deep) into at most
 * MAX_CHUNKS rectangles of about CHUNK_MACS multiply-adds or more, at least `threads` of them when there
 * is enough work, rows by blocks of at most MC (a packed A block stays in L2), on tile edges.
 */
export function tileGrid(
  rows: number,
  n: number,
  k: number,
  threads: number,
): { rowRuns: Array<[number, number]>; columnRuns: Array<[number, number]> } {
  const wanted = Math.max(threads, Math.min(MAX_CHUNKS, Math.floor((rows * n * k) / CHUNK_MACS)));
  const rowParts = Math.min(Math.ceil(rows / MR), Math.max(Math.ceil(rows / MC), 1));
  const rowRuns = cutRange(rows, Math.min(rowParts, MAX_CHUNKS), MR);
  const columnParts = Math.max(
    1,
    Math.min(Math.ceil(n / NR), Math.floor(Math.max(wanted, rowRuns.length) / rowRuns.length)),
  );
  const columnRuns = cutRange(n, Math.min(columnParts, Math.floor(MAX_CHUNKS / rowRuns.length)), NR);
  return { rowRuns, columnRuns };
}
