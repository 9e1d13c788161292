// SPDX-License-Identifier: UNLICENSED
// Expands the paths given to an import into files with the names they are recorded under.
import { promises as fs } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { ImportError } from '../../../shared/errors.js';

export interface SourceFile {
  /** Absolute path read from. */
  path: string;
  /** Recorded name: the file's name, or for a folder "folder/relative/path" with forward slashes. */
  name: string;
  /** For a file found in a given folder: that folder (absolute), so the folder can be recorded as one unit. */
  root?: string;
}

/** Checks every path before anything is read, so a typo fails the import before it starts. */
export async function collectFiles(inputs: readonly string[]): Promise<SourceFile[]> {
  if (inputs.length === 0) throw new ImportError('USAGE', 'give at least one file or folder to import');
  const out: SourceFile[] = [];
  for (const input of inputs) {
    const path = resolve(input);
    const stat = await fs.stat(path).catch((cause: NodeJS.ErrnoException) => {
      if (cause.code === 'ENOENT') throw new ImportError('SOURCE_MISSING', `${input} does not exist; check the path`, { cause });
      throw new ImportError('SOURCE_UNREADABLE', `cannot read ${input}: ${cause.message}`, { cause });
    });
    if (stat.isDirectory()) {
      const root = path;
      const seen = new Set<string>();
      await walk(root, (file) => { out.push({ path: file, name: [basename(root), ...relative(root, file).split(/[\\/]/)].join('/'), root }); }, seen);
    } else if (stat.isFile()) {
      out.push({ path, name: basename(path) });
    } else {
      throw new ImportError('SOURCE_UNREADABLE', `${input} is neither a file nor a folder`);
    }
  }
  return out;
}

async function walk(dir: string, onFile: (path: string) => Promise<void> | void, seen: Set<string>): Promise<void> {
  const real = await fs.realpath(dir);
  if (seen.has(real)) return; // a symlink loop
  seen.add(real);
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch((cause: Error) => {
    throw new ImportError('SOURCE_UNREADABLE', `cannot list ${dir}: ${cause.message}`, { cause });
  });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const stat = await fs.stat(path).catch(() => undefined);
    if (stat?.isDirectory()) await walk(path, onFile, seen);
    else if (stat?.isFile()) await onFile(path);
  }
}
