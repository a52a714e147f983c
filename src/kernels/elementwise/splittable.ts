// Which element-wise exports may be split over threads: the table's 4-byte ones (kernels.generated.ts).
import type { BinaryExport } from './binary.js';
import { SPLITTABLE_EXPORTS } from './kernels.generated.js';
import type { UnaryExport } from './unary.js';

/** Whether a unary or binary export may be split over threads (src/threads/sweep.ts). */
export function isSplittable(exportName: UnaryExport | BinaryExport): boolean {
  return SPLITTABLE_EXPORTS.has(exportName);
}
