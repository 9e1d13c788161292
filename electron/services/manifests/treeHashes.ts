// SPDX-License-Identifier: UNLICENSED
// Size, MD5, SHA-1 and SHA-256 of every file under the given paths, each file read once, named the
// way hashdeep names them: absolute paths by default (hashdeep -r), or the path as given followed by
// the path inside it (hashdeep -l -r: "m/sub/b.bin", "./sub/b.bin"). Sorted by name, so the same
// tree always gives the same manifest (hashdeep's own order follows its threads).
import { promises as fs } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { HashdeepRow } from '../../../shared/manifests/hashdeep.js';
import { ImportError } from '../../../shared/errors.js';
import { collectFiles } from '../ingest/collectFiles.js';
import { fingerprintFile } from '../ingest/fingerprint.js';

export interface TreeFile extends HashdeepRow {
  path: string;
}

export async function hashTree(inputs: readonly string[], options: { relative?: boolean; signal?: AbortSignal } = {}): Promise<TreeFile[]> {
  const out: TreeFile[] = [];
  for (const input of inputs) {
    const st = await fs.stat(input).catch((cause: Error) => {
      throw new ImportError('SOURCE_MISSING', `${input} does not exist; check the path`, { cause });
    });
    const files = st.isDirectory() ? await collectFiles([input]) : [{ path: resolve(input), name: input }];
    for (const f of files) {
      const rel = st.isDirectory() ? relative(resolve(input), f.path).split(/[\\/]/).join('/') : '';
      const name = options.relative ? (st.isDirectory() ? `${input.replace(/[\\/]+$/, '') || '/'}/${rel}` : input) : f.path;
      if (/[\r\n]/.test(name)) throw new ImportError('BAD_INPUT', `${JSON.stringify(name)}: a file name with a line break cannot be written to a hashdeep manifest`);
      const fp = await fingerprintFile(f.path, { legacyHashes: true, signal: options.signal });
      out.push({ path: f.path, name, size: fp.size, hashes: { md5: fp.md5!, sha1: fp.sha1!, sha256: fp.sha256 } });
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
