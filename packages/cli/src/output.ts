// Writing a command's results into its output directory.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

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

  async writeJson(name: string, value: unknown): Promise<string> {
    return this.write(name, JSON.stringify(value, null, 2) + '\n');
  }
}
