// Depthwise convolutions split over threads (assembly/conv/depthwise_threads.ts): shares are runs of output
// rows (over batch · outHeight), each computed as one thread computes it, so results do not depend on the
// thread count. Convolutions too small to pay for the hand-over run on this thread.
import type { ThreadPool } from '../../threads/pool.js';
import { cutRange } from '../../threads/ranges.js';
import { helpersFor, type SplitThreshold } from '../../threads/split_policy.js';
import { DEPTHWISE_SCRATCH_BYTES } from '../../wasm/constants.generated.js';
import type { SimdWasm } from '../../wasm/module.js';
import type { GemmEpilogue } from '../gemm/threads.js';
import type { ConvGeometry } from './threads.js';

/**
 * Multiply-adds per thread from which splitting pays. A depthwise tap costs about as much as a few GEMM
 * multiply-adds (it streams its input instead of reusing it from registers), so the bar sits lower than a
 * product's (PRODUCT_SPLIT).
 */
export const DEPTHWISE_SPLIT: SplitThreshold = { awake: 1 << 15, asleep: 1 << 18 };

const NO_EPILOGUE: GemmEpilogue = [0, 0, 0, 0, 0, 0, 0, 0];

/** y = epilogue(depthwise(x, filter)) on `geometry`, on as many threads as pay off. */
export function depthwiseForwardF32(
  wasm: SimdWasm,
  pool: ThreadPool | null,
  geometry: ConvGeometry,
  x: number,
  filter: number,
  y: number,
  epilogue: GemmEpilogue | null,
): void {
  const [b, , , , oh, ow, oc, fh, fw] = geometry;
  const rows = b * oh;
  const workers = Math.min(rows - 1, helpersFor(pool, rows * ow * oc * fh * fw, DEPTHWISE_SPLIT));
  if (workers <= 0) {
    depthwiseOnThisThread(wasm, geometry, x, filter, y, rows, epilogue ?? NO_EPILOGUE);
    return;
  }
  const share = (r0: number, r1: number): number[] => [...geometry, x, filter, y, r0, r1, ...(epilogue ?? NO_EPILOGUE)];
  pool!.run(
    'conv_depthwise_share_f32',
    cutRange(rows, workers + 1).map(([r0, count]) => share(r0, r0 + count)),
    workers,
    DEPTHWISE_SCRATCH_BYTES,
  );
}

/**
 * All `rows` output rows on this thread: launched where that pays (SimdWasm.launch); else the arguments are
 * passed one by one: building and spreading arrays of them cost a small depthwise convolution (2×2×8) about a
 * fifth of its time.
 */
function depthwiseOnThisThread(
  wasm: SimdWasm,
  geometry: ConvGeometry,
  x: number,
  filter: number,
  y: number,
  rows: number,
  epilogue: GemmEpilogue,
): void {
  const [b, ih, iw, ic, oh, ow, oc, fh, fw, sh, sw, dh, dw, padTop, padLeft] = geometry;
  const [activation, alpha, bias, biasRs, biasCs, prelu, preluRs, preluCs] = epilogue;
  if (wasm.launches(b * oh * ow * oc * fh * fw)) {
    const args = [...geometry, x, filter, y, 0, rows, ...epilogue];
    wasm.withScratch(DEPTHWISE_SCRATCH_BYTES, (scratch) =>
      wasm.launch('conv_depthwise_share_f32', [...args, scratch, DEPTHWISE_SCRATCH_BYTES]),
    );
    return;
  }
  wasm.withScratch(DEPTHWISE_SCRATCH_BYTES, (scratch) =>
    wasm.kernels.conv_depthwise_share_f32(
      b,
      ih,
      iw,
      ic,
      oh,
      ow,
      oc,
      fh,
      fw,
      sh,
      sw,
      dh,
      dw,
      padTop,
      padLeft,
      x,
      filter,
      y,
      0,
      rows,
      activation,
      alpha,
      bias,
      biasRs,
      biasCs,
      prelu,
      preluRs,
      preluCs,
      scratch,
      DEPTHWISE_SCRATCH_BYTES,
    ),
  );
}
