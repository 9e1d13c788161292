// SPDX-License-Identifier: UNLICENSED
// Per-tensor SHA-256, the weights root and the metadata digest, computed from the SAME chunk stream
// as the file hash: the importer hands every chunk it reads (in order, with its file offset) to
// update(), so a 100 GB model is read once. Tensor ranges may start and end anywhere inside chunks
// and may even overlap; every byte of the file that lies in no tensor goes, in file order, into the
// metadata digest (for safetensors exactly the 8-byte length and the JSON header; for GGUF the
// header and alignment padding; for a PyTorch zip the zip structure, data.pkl and version files).
// So "weights identical, metadata changed" is two equal weights roots and two different metadata
// digests.
import { createHash, type Hash } from 'node:crypto';
import { ImportError } from '../../../../shared/errors.js';
import type { TensorInfo } from '../../../../shared/models/types.js';
import { weightsRoot, type TensorDigest } from '../../../../shared/models/weights.js';

export interface TensorFileDigest extends TensorDigest {
  offset: number;
  length: number;
}

export interface WeightsDigest {
  tensors: TensorFileDigest[];
  /** RFC 9162 root over the tensors (see shared/models/weights.ts for the leaf encoding). */
  weightsRoot: string;
  /** SHA-256 over every byte outside all tensors, in file order. */
  metadataSha256: string;
  tensorBytes: number;
}

interface Active {
  t: TensorInfo;
  index: number;
  hash: Hash;
}

export class TensorDigester {
  private readonly sorted: { t: TensorInfo; index: number }[];
  /** Tensor ranges merged: what the metadata digest skips. */
  private readonly covered: { start: number; end: number }[] = [];
  private readonly digests: (string | undefined)[];
  private readonly active: Active[] = [];
  private readonly metadata = createHash('sha256');
  private next = 0;
  private coveredAt = 0;
  private expected = 0;

  constructor(
    private readonly tensors: readonly TensorInfo[],
    private readonly fileSize: number,
  ) {
    for (const t of tensors) {
      if (!Number.isSafeInteger(t.offset) || !Number.isSafeInteger(t.length) || t.offset < 0 || t.length < 0 || t.offset + t.length > fileSize) {
        throw new ImportError('BAD_INPUT', `tensor ${JSON.stringify(t.name)} (${t.length} bytes at ${t.offset}) lies outside the ${fileSize}-byte file`);
      }
    }
    this.sorted = tensors.map((t, index) => ({ t, index })).sort((a, b) => a.t.offset - b.t.offset || a.index - b.index);
    for (const { t } of this.sorted) {
      const last = this.covered.at(-1);
      if (last && t.offset <= last.end) last.end = Math.max(last.end, t.offset + t.length);
      else if (t.length > 0) this.covered.push({ start: t.offset, end: t.offset + t.length });
    }
    this.digests = new Array<string | undefined>(tensors.length).fill(undefined);
  }

  /** Feeds the next chunk of the file; `offset` must be where the previous chunk ended. */
  update(chunk: Uint8Array, offset: number): void {
    if (offset !== this.expected) throw new ImportError('INTERNAL', `tensor digester got a chunk at ${offset}, expected ${this.expected}`);
    const end = offset + chunk.length;
    this.expected = end;
    while (this.next < this.sorted.length && this.sorted[this.next]!.t.offset <= end) {
      const { t, index } = this.sorted[this.next]!;
      if (t.offset === end && t.length > 0) break;
      this.active.push({ t, index, hash: createHash('sha256') });
      this.next++;
    }
    for (let i = 0; i < this.active.length; ) {
      const a = this.active[i]!;
      const tEnd = a.t.offset + a.t.length;
      const s = Math.max(a.t.offset, offset);
      const e = Math.min(tEnd, end);
      if (e > s) a.hash.update(chunk.subarray(s - offset, e - offset));
      if (tEnd <= end) {
        this.digests[a.index] = a.hash.digest('hex');
        this.active.splice(i, 1);
      } else i++;
    }
    this.feedMetadata(chunk, offset, end);
  }

  private feedMetadata(chunk: Uint8Array, offset: number, end: number): void {
    let pos = offset;
    while (pos < end) {
      while (this.coveredAt < this.covered.length && this.covered[this.coveredAt]!.end <= pos) this.coveredAt++;
      const c = this.covered[this.coveredAt];
      if (c && c.start <= pos) {
        pos = Math.min(c.end, end);
        continue;
      }
      const stop = Math.min(c ? c.start : end, end);
      this.metadata.update(chunk.subarray(pos - offset, stop - offset));
      pos = stop;
    }
  }

  /** After the last chunk: the digests. Throws if the stream did not cover the whole file. */
  finish(): WeightsDigest {
    if (this.expected !== this.fileSize) throw new ImportError('SOURCE_CHANGED', `the file is ${this.fileSize} bytes but ${this.expected} were digested`);
    // Zero-length tensors at the very end of the file were never reached by a chunk.
    for (; this.next < this.sorted.length; this.next++) this.active.push({ ...this.sorted[this.next]!, hash: createHash('sha256') });
    for (const a of this.active.splice(0)) this.digests[a.index] = a.hash.digest('hex');
    const tensors = this.tensors.map((t, i) => ({ name: t.name, dtype: t.dtype, shape: t.shape, offset: t.offset, length: t.length, sha256: this.digests[i]! }));
    return {
      tensors,
      weightsRoot: weightsRoot(tensors),
      metadataSha256: this.metadata.digest('hex'),
      tensorBytes: tensors.reduce((n, t) => n + t.length, 0),
    };
  }
}
