// Checks run before any work: the output directory can be written, and optional peers are installed.
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** A problem with the command line: printed as one line plus a pointer to --help. */
export class UsageError extends Error {}

function stat(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Fails unless `dir` is, or can be created as, a writable directory, and none of `entries` inside it (files
 * or folders the command will write) is in the way: a folder where a file goes, or a file where a folder goes.
 */
export function checkOutputDirectory(dir: string, entries: Array<{ name: string; folder?: boolean }> = []): void {
  const target = resolve(dir);
  const existing = stat(target);
  if (existing && !existing.isDirectory()) throw new UsageError(`--out ${dir}: is a file, not a directory`);
  let ancestor = target;
  while (!stat(ancestor)) ancestor = dirname(ancestor);
  if (!stat(ancestor)!.isDirectory()) throw new UsageError(`--out ${dir}: ${ancestor} is a file, not a directory`);
  try {
    accessSync(ancestor, constants.W_OK);
  } catch {
    throw new UsageError(`--out ${dir}: ${ancestor} is not writable`);
  }
  for (const { name, folder = false } of entries) {
    const entry = stat(resolve(target, name));
    if (entry && entry.isDirectory() !== folder) {
      throw new UsageError(
        `--out ${dir}: ${name} exists and is ${folder ? 'a file, not a folder' : 'a folder, not a file'}`,
      );
    }
  }
}

/** Imports an optional peer package, or fails with the command that installs it. */
export async function requirePeer(name: string, purpose: string): Promise<void> {
  try {
    await import(name);
  } catch (e) {
    if ((e as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw e;
    throw new UsageError(`${purpose} needs the package '${name}', which is not installed: npm install ${name}`);
  }
}
