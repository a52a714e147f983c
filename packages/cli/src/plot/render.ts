// Renders a Vega-Lite spec: compiled by vega-lite, drawn to SVG by vega (headless, no canvas), rasterized to
// PNG by resvg with the DejaVu Sans font shipped by the npm package dejavu-fonts-ttf, so text looks the same
// on every machine whatever fonts it has.
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

const require = createRequire(import.meta.url);
const FONT_FAMILY = 'DejaVu Sans';
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((file) =>
  require.resolve(`dejavu-fonts-ttf/ttf/${file}`),
);

/** Chart-wide look: the shipped font everywhere, a white background. */
const CONFIG = {
  font: FONT_FAMILY,
  background: 'white',
  title: { fontSize: 15 },
  axis: { labelFontSize: 11, titleFontSize: 12 },
};

export interface RenderedChart {
  svg: string;
  png: Uint8Array;
}

export async function renderChart(spec: TopLevelSpec, scale = 2): Promise<RenderedChart> {
  const compiled = compile({ ...spec, config: { ...CONFIG, ...spec.config } } as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    const png = new Resvg(svg, {
      font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
      fitTo: { mode: 'zoom', value: scale },
    })
      .render()
      .asPng();
    return { svg, png };
  } finally {
    view.finalize();
  }
}
