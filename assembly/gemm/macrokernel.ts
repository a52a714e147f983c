// The macro-kernel: one packed block of A (mc × depth) times one packed block of B (depth × nc) into C,
// tile by tile. Full tiles are stored straight into C; tiles cut by the matrix edge are computed into a
// scratch tile (MR × NR floats, the caller's) and copied out element by element (the padding rows and columns
// are discarded).
import { Epilogue, finishScalar } from './epilogue';
import { microKernel, MR, NR } from './microkernel';

export function macroKernel(
  mc: i32, nc: i32, depth: i32, packedA: usize, packedB: usize, edgeTile: usize, c: usize, ldc: usize,
  accumulate: bool, finish: bool, e: Epilogue, i0: i32, j0: i32,
): void {
  const panelA = <usize>(MR * depth * 4);
  const panelB = <usize>(NR * depth * 4);
  for (let j = 0; j < nc; j += NR) {
    const pb = packedB + <usize>(j / NR) * panelB;
    const cols = min(NR, nc - j);
    for (let i = 0; i < mc; i += MR) {
      const pa = packedA + <usize>(i / MR) * panelA;
      const rows = min(MR, mc - i);
      const tile = c + <usize>i * ldc + <usize>j * 4;
      if (rows == MR && cols == NR) {
        microKernel(depth, pa, pb, tile, ldc, accumulate, finish, e, i0 + i, j0 + j);
      } else {
        microKernel(depth, pa, pb, edgeTile, <usize>(NR * 4), false, false, e, 0, 0);
        storeEdge(edgeTile, tile, ldc, rows, cols, accumulate, finish, e, i0 + i, j0 + j);
      }
    }
  }
}

function storeEdge(
  edgeTile: usize, c: usize, ldc: usize, rows: i32, cols: i32, accumulate: bool, finish: bool, e: Epilogue,
  i0: i32, j0: i32,
): void {
  for (let r = 0; r < rows; r++) {
    const from = edgeTile + <usize>(r * NR * 4);
    const to = c + <usize>r * ldc;
    for (let q = 0; q < cols; q++) {
      let x = load<f32>(from + <usize>q * 4);
      if (accumulate) x += load<f32>(to + <usize>q * 4);
      if (finish) x = finishScalar(e, x, i0 + r, j0 + q);
      store<f32>(to + <usize>q * 4, x);
    }
  }
}
