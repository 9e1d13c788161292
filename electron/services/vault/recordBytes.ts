// SPDX-License-Identifier: UNLICENSED
// Reads the exact bytes of log records back from the stored file by offset and length. A gzip log
// is decompressed once per call, collecting every requested range in one pass.
import { promises as fs, createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Vault } from './vault.js';
import { evidencePath } from './evidenceActions.js';
import type { EvidenceRow } from './queries/evidence.js';
import { getLogMeta } from './queries/logRecords.js';

export interface RecordRange {
  idx: number;
  offset: number;
  length: number;
}

export async function readRecordBytes(vault: Vault, evidence: EvidenceRow, ranges: readonly RecordRange[]): Promise<Map<number, Buffer>> {
  const out = new Map<number, Buffer>();
  if (ranges.length === 0) return out;
  const path = evidencePath(vault, evidence);
  if (!getLogMeta(vault.db, evidence.id)?.gzip) {
    const handle = await fs.open(path, 'r');
    try {
      for (const r of ranges) {
        const buf = Buffer.alloc(r.length);
        await handle.read(buf, 0, r.length, r.offset);
        out.set(r.idx, buf);
      }
    } finally {
      await handle.close();
    }
    return out;
  }
  const wanted = [...ranges].sort((a, b) => a.offset - b.offset);
  const parts = new Map<number, Buffer[]>(wanted.map((r) => [r.idx, []]));
  let position = 0;
  let next = 0;
  const stream = createReadStream(path).pipe(createGunzip());
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const end = position + chunk.length;
    for (let i = next; i < wanted.length && wanted[i]!.offset < end; i++) {
      const r = wanted[i]!;
      const from = Math.max(r.offset, position);
      const to = Math.min(r.offset + r.length, end);
      if (to > from) parts.get(r.idx)!.push(chunk.subarray(from - position, to - position));
    }
    while (next < wanted.length && wanted[next]!.offset + wanted[next]!.length <= end) next++;
    position = end;
    if (next >= wanted.length) {
      stream.destroy();
      break;
    }
  }
  for (const r of wanted) out.set(r.idx, Buffer.concat(parts.get(r.idx)!));
  return out;
}
