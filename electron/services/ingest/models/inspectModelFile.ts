// SPDX-License-Identifier: UNLICENSED
// inspectModelFile: the model inspection of a file on disk, by ranged reads. Header-only: tensor
// data is never read, so it costs the same for a 1 MB and a 100 GB checkpoint.
import { inflateRawSync } from 'node:zlib';
import { inspectModel, type InspectOptions } from '../../../../shared/models/inspect.js';
import type { ModelInspection } from '../../../../shared/models/types.js';
import type { InflateRaw } from '../../../../shared/models/zip.js';
import { FileSource } from './fileSource.js';

/** RFC 1951 raw inflate, refusing to produce more than maxOutputLength bytes (zip bombs). */
export const nodeInflateRaw: InflateRaw = (compressed, maxOutputLength) => {
  try {
    return inflateRawSync(compressed, { maxOutputLength });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return 'too-large';
    throw err;
  }
};

export async function inspectModelFile(path: string, options: InspectOptions = {}): Promise<ModelInspection> {
  const src = await FileSource.open(path);
  try {
    return await inspectModel(src, { inflateRaw: nodeInflateRaw, ...options });
  } finally {
    await src.close();
  }
}
