// Float32 batched matrix products on the WASM GEMM: C[b] = epilogue(op(A[b]) · op(B[b])), where op is
// an optional transpose read in place (through strides), batches broadcast, and the epilogue (bias,
// activation) runs in the GEMM's store step. Inputs are read where they live; the output is allocated once.
import { broadcast_util, type TensorInfo, util } from '@tensorflow/tfjs-core';
import type { SimdBackend } from '../../backend/backend_simd.js';
import {
  ACTIVATION_ELU,
  ACTIVATION_LEAKYRELU,
  ACTIVATION_LINEAR,
  ACTIVATION_PRELU,
  ACTIVATION_RELU,
  ACTIVATION_RELU6,
  ACTIVATION_SIGMOID,
} from '../../wasm/constants.generated.js';
import { batchIndices, broadcastStrides, mapOutputIndices } from './broadcast.js';
import {
  GEMV_PACKED_MIN_N,
  type GemmEpilogue,
  type GemmProduct,
  gemmF32,
  gemvF32,
  NO_EPILOGUE,
  type OperandPacking,
  rowBPacking,
  wholeBPacking,
} from './threads.js';

/** The epilogue's activation code (assembly/activation/activate.ts) of each tfjs activation name. */
export const ACTIVATIONS: Record<string, number> = {
  linear: ACTIVATION_LINEAR,
  relu: ACTIVATION_RELU,
  relu6: ACTIVATION_RELU6,
  elu: ACTIVATION_ELU,
  leakyrelu: ACTIVATION_LEAKYRELU,
  prelu: ACTIVATION_PRELU,
  sigmoid: ACTIVATION_SIGMOID,
};

export interface Epilogue {
  activation: number;
  leakyAlpha: number;
  bias?: TensorInfo;
  prelu?: TensorInfo;
}

/** An operand broadcast over the output: its byte offset per output batch, and strides (bytes) within a matrix. */
interface BroadcastOperand {
  batchOffsets: number[];
  rowStride: number;
  colStride: number;
}

export interface MatMulShape {
  m: number;
  n: number;
  k: number;
  outShape: number[];
}

/** Whether every tensor is float32 and of rank ≥ 2: the products the WASM GEMM runs. */
export function isFloat32Matrices(...tensors: TensorInfo[]): boolean {
  return tensors.every((t) => t.dtype === 'float32' && t.shape.length >= 2);
}

/** Output shape and sizes of op(A)·op(B), with tfjs-core's error messages for mismatches. */
export function matMulShape(a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean): MatMulShape {
  const aRank = a.shape.length;
  const bRank = b.shape.length;
  const k = transposeA ? a.shape[aRank - 2] : a.shape[aRank - 1];
  const kB = transposeB ? b.shape[bRank - 1] : b.shape[bRank - 2];
  const m = transposeA ? a.shape[aRank - 1] : a.shape[aRank - 2];
  const n = transposeB ? b.shape[bRank - 2] : b.shape[bRank - 1];
  const outBatch = broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  util.assert(
    k === kB,
    () =>
      `Error in matMul: inner shapes (${k}) and (${kB}) of Tensors with shapes ` +
      `${a.shape} and ${b.shape} and transposeA=${transposeA} and transposeB=${transposeB} must match.`,
  );
  return { m, n, k, outShape: [...outBatch, m, n] };
}

/** Whether a bias or prelu tensor broadcasts onto the output without enlarging it (else: not native). */
export function broadcastsOnto(shape: number[], outShape: number[]): boolean {
  if (shape.length > outShape.length) return false;
  const offset = outShape.length - shape.length;
  return shape.every((dim, d) => dim === 1 || dim === outShape[d + offset]);
}

function broadcastOperand(info: TensorInfo, outShape: number[]): BroadcastOperand {
  const strides = broadcastStrides(info.shape, 4, outShape);
  const rank = outShape.length;
  return {
    batchOffsets: mapOutputIndices(outShape.slice(0, -2), strides.slice(0, -2)),
    rowStride: strides[rank - 2],
    colStride: strides[rank - 1],
  };
}

/**
 * A float32 product worked out for its shapes and attributes: `run` takes where A, B, C and the epilogue's
 * operands are (byte offsets; 0 for an absent operand) and runs it. A compiled step keeps it between replays.
 */
export interface PlannedMatMul {
  outShape: number[];
  /** `packedB`: B packed whole beforehand (PlannedMatMul.packing), or 0. */
  run(a: number, b: number, c: number, bias: number, prelu: number, packedB?: number): void;
  /**
   * For products that pack one B matrix: how it packs whole (a layout name, its bytes, and the packing of B at
   * a byte offset into dst), so that a B met again unchanged (weights) is packed once (backend.packedOperand).
   */
  packing?: OperandPacking;
}

export function planMatMulF32(
  backend: SimdBackend,
  a: TensorInfo,
  b: TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
  epilogue?: Epilogue,
): PlannedMatMul {
  const { m, n, k, outShape } = matMulShape(a, b, transposeA, transposeB);
  if (util.sizeFromShape(outShape) === 0) return { outShape, run: () => {} };
  const outBatch = outShape.slice(0, -2);
  const aBatches = batchIndices(a.shape.slice(0, -2), outBatch);
  const bBatches = batchIndices(b.shape.slice(0, -2), outBatch);
  const bias = epilogue?.bias && broadcastOperand(epilogue.bias, outShape);
  const prelu = epilogue?.prelu && broadcastOperand(epilogue.prelu, outShape);
  const fused = epilogue != null && (bias != null || epilogue.activation !== ACTIVATIONS.linear);
  // Element strides of op(A) (m × k) and op(B) (k × n) over row-major storage.
  const [rsA, csA] = transposeA ? [1, m] : [k, 1];
  const [rsB, csB] = transposeB ? [1, k] : [n, 1];

  // One product per output matrix, or a single taller one when every batch of A is stacked row-major
  // against the same B (the common dense-layer case: [batch, m, k] · [k, n]).
  const stacked =
    !transposeA &&
    aBatches.length > 1 &&
    bBatches.every((i) => i === bBatches[0]) &&
    aBatches.every((i, bi) => i === bi) &&
    [bias, prelu].every((op) => op == null || stacksRows(op, m));
  const products = stacked ? [0] : aBatches.map((_, bi) => bi);
  const rows = stacked ? m * aBatches.length : m;
  // Matrix-vector products skip packing: each value of the matrix is used once, where it lives.
  const gemv = usesGemv(rows, n);
  const { wasm, threadPool } = backend;
  const oneB = bBatches.every((i) => i === bBatches[0]);
  const bMatrix = (bPtr: number) => bPtr + bBatches[0] * k * n * 4;
  // One B matrix for every product: it may be packed ahead, and the packing kept (weights).
  const packsB = oneB && k > 0 && (!gemv || (rows === 1 && csB === 1 && n >= GEMV_PACKED_MIN_N));
  const ahead = !packsB ? undefined : gemv ? rowBPacking(wasm, n, k, rsB) : wholeBPacking(wasm, n, k, rsB, csB);
  const packing: OperandPacking | undefined = ahead && {
    ...ahead,
    pack: (bPtr, dst) => ahead.pack(bMatrix(bPtr), dst),
  };
  const run = (aPtr: number, bPtr: number, cPtr: number, biasPtr: number, preluPtr: number, packedB = 0): void => {
    for (const bi of products) {
      const matrixA = aPtr + aBatches[bi] * m * k * 4;
      const matrixB = bPtr + bBatches[bi] * k * n * 4;
      const matrixC = cPtr + bi * m * n * 4;
      const product: GemmProduct = [rows, n, k, matrixA, rsA, csA, matrixB, rsB, csB, matrixC, n];
      const epilogueArgs: GemmEpilogue | null = fused
        ? [
            epilogue.activation,
            epilogue.leakyAlpha,
            bias ? biasPtr + bias.batchOffsets[bi] : 0,
            bias?.rowStride ?? 0,
            bias?.colStride ?? 0,
            prelu ? preluPtr + prelu.batchOffsets[bi] : 0,
            prelu?.rowStride ?? 0,
            prelu?.colStride ?? 0,
          ]
        : null;
      // Threads: gemvF32 splits them by columns, gemmF32 large products (src/threads/).
      if (gemv) gemvF32(wasm, threadPool, product, epilogueArgs ?? NO_EPILOGUE, packedB);
      else gemmF32(wasm, threadPool, product, epilogueArgs, packedB);
    }
  };
  return { outShape, run, packing };
}

export function matMulF32(
  backend: SimdBackend,
  a: TensorInfo,
  b: TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
  epilogue?: Epilogue,
): TensorInfo {
  const planned = planMatMulF32(backend, a, b, transposeA, transposeB, epilogue);
  // Operands first: a disposed one throws before the output is allocated.
  const pointers = [a, b, epilogue?.bias, epilogue?.prelu].map((t) => (t == null ? 0 : backend.ptr(t)));
  const out = backend.makeOutput(planned.outShape, 'float32');
  if (util.sizeFromShape(planned.outShape) > 0) {
    const packedB = keptPacking(backend, planned, b, pointers[1]);
    planned.run(pointers[0], pointers[1], backend.ptr(out), pointers[2], pointers[3], packedB);
  }
  return out;
}

/**
 * The kept packing of B (at `bPtr`) for a planned product, or 0 (pack as it goes): see backend.packedOperand.
 * A compiled step's replay asks with the B it recorded: one it still reads where it was (weights) has it.
 */
export function keptPacking(backend: SimdBackend, planned: PlannedMatMul, b: TensorInfo, bPtr: number): number {
  const { packing } = planned;
  if (packing === undefined) return 0;
  return backend.packedOperand(b, bPtr, packing.layout, packing.bytes, (dst) => packing.pack(bPtr, dst));
}

/**
 * Rows of A up to which products skip packing. Measured (plain and relaxed builds, N × K = 500×784,
 * 784×500, 40×500, 500×20, 256², B and Bᵀ): the unpacked kernels take 0.2–0.35 of the GEMM's time at
 * M = 1, 0.3–0.7 at M = 2 and 0.4–0.8 at M = 3, break even at M = 4 (one full 4-row tile) and lose from 8.
 */
export const GEMV_MAX_ROWS = 3;

/** Whether a product of `rows` × `n` outputs goes to the unpacked kernels (assembly/gemm/gemv.ts). */
function usesGemv(rows: number, n: number): boolean {
  return rows <= GEMV_MAX_ROWS || n === 1;
}

/** Whether an epilogue operand's batches follow each other like rows of one tall matrix. */
function stacksRows(op: BroadcastOperand, m: number): boolean {
  return op.batchOffsets.every((offset, bi) => offset === bi * m * op.rowStride);
}
