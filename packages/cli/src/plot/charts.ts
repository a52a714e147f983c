// The CLI's charts as Vega-Lite specs: line charts, overlaid histograms with a threshold, labelled image grids.
import { PNG } from 'pngjs';
import type { TopLevelSpec } from 'vega-lite';

export interface NamedSeries {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

export interface Axes {
  title: string;
  x: string;
  y: string;
}

/** Lines (with points, so a one-epoch curve still shows) of named series on shared axes, with a legend. */
export function lineChart(
  { title, x, y }: Axes,
  series: NamedSeries[],
  { points = false, integerX = false } = {},
): TopLevelSpec {
  const values = series.flatMap((s) => Array.from(s.x, (xi, i) => ({ series: s.name, x: xi, y: s.y[i] })));
  return {
    title,
    width: 640,
    height: 320,
    data: { values },
    mark: { type: 'line', point: points, strokeWidth: 2 },
    encoding: {
      x: {
        field: 'x',
        type: 'quantitative',
        title: x,
        axis: integerX ? { tickMinStep: 1, format: 'd' } : {},
        scale: { zero: false, nice: false },
      },
      y: { field: 'y', type: 'quantitative', title: y, scale: { zero: false } },
      color: {
        field: 'series',
        type: 'nominal',
        title: null,
        sort: series.map((s) => s.name),
        legend: { orient: 'bottom', direction: 'vertical', labelLimit: 0 },
      },
    },
  };
}

export interface Sample {
  name: string;
  values: ArrayLike<number>;
}

/**
 * Overlaid count histograms of samples on shared bins, a dashed rule at `threshold` with its value, and each
 * sample's size and how many lie above the threshold in the legend.
 */
export function histogramChart({ title, x, y }: Axes, samples: Sample[], threshold: number, bins = 50): TopLevelSpec {
  const label = (s: Sample) => {
    const above = Array.from(s.values).filter((v) => v > threshold).length;
    return `${s.name}: ${s.values.length.toLocaleString('en')}, ${above.toLocaleString('en')} above the threshold`;
  };
  const values = samples.flatMap((s) => Array.from(s.values, (v) => ({ sample: label(s), score: v })));
  const all = values.map((v) => v.score).filter(Number.isFinite);
  const extent: [number, number] = [Math.min(...all, threshold), Math.max(...all, threshold)];
  return {
    title,
    width: 640,
    height: 320,
    layer: [
      {
        data: { values },
        mark: { type: 'bar', opacity: 0.55, binSpacing: 0 },
        encoding: {
          x: { field: 'score', type: 'quantitative', bin: { maxbins: bins, extent }, title: x },
          y: { aggregate: 'count', type: 'quantitative', title: y, stack: null },
          color: {
            field: 'sample',
            type: 'nominal',
            title: null,
            sort: samples.map(label),
            legend: { orient: 'bottom', direction: 'vertical', labelLimit: 0 },
          },
        },
      },
      {
        data: { values: [{ threshold }] },
        layer: [
          {
            mark: { type: 'rule', strokeDash: [6, 4], strokeWidth: 2, color: 'black' },
            encoding: { x: { field: 'threshold', type: 'quantitative' } },
          },
          {
            mark: { type: 'text', align: 'left', dx: 4, dy: -6, baseline: 'top', color: 'black' },
            encoding: {
              x: { field: 'threshold', type: 'quantitative' },
              y: { value: 0 },
              text: { value: `threshold ${threshold.toPrecision(4)}` },
            },
          },
        ],
      },
    ],
  };
}

/** A grey-level image (values in [0, 1], row-major side × side) as a PNG data URL. */
function imageUrl(pixels: ArrayLike<number>, side: number): string {
  const png = new PNG({ width: side, height: side, colorType: 0, inputColorType: 0, inputHasAlpha: false });
  const grey = Buffer.from(Array.from(pixels, (v) => Math.round(255 * Math.min(1, Math.max(0, v)))));
  png.data = grey;
  return `data:image/png;base64,${PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false }).toString('base64')}`;
}

export interface ImageRow {
  label: string;
  /** Images of side × side values in [0, 1], one after the other. */
  images: Float32Array;
}

/** Rows of images, each row named on the left (e.g. original / reconstruction), under a title. */
export function imageGridChart(title: string, rows: ImageRow[], side: number, cell = 56): TopLevelSpec {
  const pixels = side * side;
  const values = rows.flatMap((row, r) =>
    Array.from({ length: row.images.length / pixels }, (_, column) => ({
      row: `${r}`,
      label: row.label,
      column,
      url: imageUrl(row.images.subarray(column * pixels, (column + 1) * pixels), side),
    })),
  );
  const columns = Math.max(...rows.map((row) => row.images.length / pixels));
  return {
    title,
    width: columns * cell,
    height: rows.length * cell,
    data: { values },
    mark: { type: 'image', width: cell - 4, height: cell - 4, smooth: false },
    encoding: {
      x: { field: 'column', type: 'ordinal', axis: null },
      y: {
        field: 'row',
        type: 'ordinal',
        title: null,
        axis: {
          labelExpr: `[${rows.map((row) => JSON.stringify(row.label)).join(', ')}][datum.value]`,
          ticks: false,
          domain: false,
          labelFontSize: 12,
          labelPadding: 6,
        },
      },
      url: { field: 'url', type: 'nominal' },
    },
    config: { view: { stroke: null, fill: '#333' } },
  };
}
