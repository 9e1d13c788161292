// SPDX-License-Identifier: UNLICENSED
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this (compiled) file's location. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
  return dir;
}

/** ../shared/corpus beside the repository (test data; never copied into the repo). */
export function corpusDir(): string {
  return join(repoRoot(), '..', 'shared', 'corpus');
}
