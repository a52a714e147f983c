// Charts rendered to PNG: line plots, histograms and image grids. Colours follow PALETTE in order;
// the caller names the series in its own output, since the raster draws no text.
import { Color, PALETTE, Raster } from './raster.js';

export interface Series {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

const MARGIN = 40;
const AXIS: Color = [90, 90, 90];
const GRID: Color = [225, 225, 225];

function extent(values: Iterable<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (lo === Infinity) return [0, 1];
  return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
}

/** A frame with a light grid; returns functions mapping data coordinates to pixels. */
function frame(raster: Raster, [x0, x1]: [number, number], [y0, y1]: [number, number]) {
  const w = raster.width - 2 * MARGIN;
  const h = raster.height - 2 * MARGIN;
  const px = (x: number) => MARGIN + ((x - x0) / (x1 - x0)) * w;
  const py = (y: number) => raster.height - MARGIN - ((y - y0) / (y1 - y0)) * h;
  for (let i = 0; i <= 10; i++) {
    raster.line(MARGIN + (w * i) / 10, MARGIN, MARGIN + (w * i) / 10, MARGIN + h, GRID);
    raster.line(MARGIN, MARGIN + (h * i) / 10, MARGIN + w, MARGIN + (h * i) / 10, GRID);
  }
  if (y0 < 0 && y1 > 0) raster.line(MARGIN, py(0), MARGIN + w, py(0), AXIS);
  raster.line(MARGIN, MARGIN + h, MARGIN + w, MARGIN + h, AXIS, 2);
  raster.line(MARGIN, MARGIN, MARGIN, MARGIN + h, AXIS, 2);
  return { px, py };
}

/** Line plot of several series on shared axes; series i is drawn in PALETTE[i]. */
export function linePlot(series: Series[], width = 800, height = 400): Uint8Array {
  const raster = new Raster(width, height);
  const xs = extent(series.flatMap((s) => Array.from(s.x)));
  const ys = extent(series.flatMap((s) => Array.from(s.y)));
  const { px, py } = frame(raster, xs, ys);
  series.forEach((s, k) => {
    for (let i = 1; i < s.x.length; i++) {
      raster.line(px(s.x[i - 1]), py(s.y[i - 1]), px(s.x[i]), py(s.y[i]), PALETTE[k % PALETTE.length], 2);
    }
  });
  return raster.toPng();
}

/** Overlaid histograms of several samples on shared bins; sample i is drawn in PALETTE[i]. */
export function histogram(samples: ArrayLike<number>[], bins = 50, width = 800, height = 400): Uint8Array {
  const raster = new Raster(width, height);
  const [lo, hi] = extent(samples.flatMap((s) => Array.from(s)));
  const densities = samples.map((sample) => {
    const counts = new Float64Array(bins);
    for (let i = 0; i < sample.length; i++) {
      counts[Math.min(bins - 1, Math.max(0, Math.floor(((sample[i] - lo) / (hi - lo)) * bins)))]++;
    }
    return counts.map((c) => c / Math.max(1, sample.length));
  });
  const top = Math.max(...densities.flatMap((d) => Array.from(d)), 1e-9);
  const { px, py } = frame(raster, [lo, hi], [0, top]);
  const binWidth = (hi - lo) / bins;
  densities.forEach((density, k) => {
    const color = PALETTE[k % PALETTE.length];
    density.forEach((d, b) => {
      const [left, right] = [px(lo + b * binWidth), px(lo + (b + 1) * binWidth)];
      // Outlined bars, so overlapping histograms stay readable.
      raster.line(left, py(d), right, py(d), color, 2);
      raster.line(left, py(0), left, py(d), color, 1);
      raster.line(right, py(0), right, py(d), color, 1);
    });
  });
  return raster.toPng();
}

/** A grid of grey-level images (values in [0, 1], row-major `side`×`side`), `columns` per row. */
export function imageGrid(images: Float32Array, count: number, side: number, columns = 10, scale = 2): Uint8Array {
  const rows = Math.max(1, Math.ceil(count / columns));
  const cell = side * scale + 2;
  const raster = new Raster(columns * cell + 2, rows * cell + 2, [40, 40, 40]);
  for (let n = 0; n < count; n++) {
    const [ox, oy] = [2 + (n % columns) * cell, 2 + Math.floor(n / columns) * cell];
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const v = Math.round(255 * Math.min(1, Math.max(0, images[n * side * side + y * side + x])));
        raster.fillRect(ox + x * scale, oy + y * scale, scale, scale, [v, v, v]);
      }
    }
  }
  return raster.toPng();
}
