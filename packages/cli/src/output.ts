// Writing a command's results into its output directory.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { renderChart } from './plot/render.js';

export class OutputDirectory {
  readonly written: string[] = [];

  constructor(readonly dir: string) {}

  async write(name: string, data: Uint8Array | string): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    const path = join(this.dir, name);
    await writeFile(path, data);
    this.written.push(path);
    return path;
  }

  /** The chart as `${name}.svg` and `${name}.png`. */
  async writeChart(name: string, spec: TopLevelSpec): Promise<void> {
    const { svg, png } = await renderChart(spec);
    await this.write(`${name}.svg`, svg);
    await this.write(`${name}.png`, png);
  }

  /** A model saved by `save` into the folder `name`, listed as one entry. */
  async saveModel(name: string, save: (dir: string) => Promise<void>): Promise<string> {
    const path = join(this.dir, name);
    await save(path);
    this.written.push(`${path}/`);
    return path;
  }

  async writeJson(name: string, value: unknown): Promise<string> {
    return this.write(name, `${JSON.stringify(value, null, 2)}\n`);
  }
}
