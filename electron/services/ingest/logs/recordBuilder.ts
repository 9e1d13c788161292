// SPDX-License-Identifier: UNLICENSED
// Assembles one record's bytes across read chunks and hashes them as an RFC 9162 leaf
// (SHA-256(0x00 ‖ bytes)). A record that fits the parse limit is hashed in one call when complete
// (a Hash object per record costs more than hashing a typical record); a larger one is hashed as
// its bytes arrive, so a huge record is hashed exactly without being kept.
import { createHash, hash, type Hash } from 'node:crypto';

/** Records larger than this are hashed and kept in the tree but not parsed (bounded memory). */
export const MAX_PARSED_RECORD = 8 * 1024 * 1024;

const LEAF_PREFIX = Buffer.from([0x00]);

/** Reused for 0x00 ‖ bytes of ordinary records, so hashing one allocates nothing but its digest. */
const scratch = Buffer.alloc(64 * 1024);

function leafHash(bytes: Buffer): Buffer {
  if (bytes.length >= scratch.length) return hash('sha256', Buffer.concat([LEAF_PREFIX, bytes], bytes.length + 1), 'buffer');
  bytes.copy(scratch, 1);
  return hash('sha256', scratch.subarray(0, bytes.length + 1), 'buffer');
}

export interface RawRecord {
  /** Byte offset of the record in the (decompressed) stream. */
  offset: number;
  /** Length in bytes; for line-based formats the LF is excluded (a CR before it is kept). */
  length: number;
  /** 1-based physical line where the record starts (1 for formats without lines). */
  line: number;
  /** The record's exact bytes; absent when it exceeded MAX_PARSED_RECORD. */
  bytes?: Buffer;
  /** RFC 9162 leaf hash of the exact bytes. */
  leaf: Buffer;
  /** Set by a framer when the record is structurally broken (e.g. an unterminated array element). */
  problem?: string;
}

export class RecordBuilder {
  private parts: Buffer[] = [];
  private size = 0;
  private oversize = false;
  private hash: Hash | undefined;
  private offset = 0;
  private line = 1;
  private building = false;

  get open(): boolean {
    return this.building;
  }

  begin(offset: number, line: number): void {
    this.parts = [];
    this.size = 0;
    this.oversize = false;
    this.hash = undefined;
    this.building = true;
    this.offset = offset;
    this.line = line;
  }

  append(bytes: Buffer): void {
    if (bytes.length === 0) return;
    if (!this.oversize && this.size + bytes.length <= MAX_PARSED_RECORD) {
      this.parts.push(bytes);
    } else {
      if (!this.oversize) {
        // From here on the record is hashed as it arrives and its bytes are dropped.
        this.hash = createHash('sha256').update(LEAF_PREFIX);
        for (const p of this.parts) this.hash.update(p);
        this.oversize = true;
        this.parts = [];
      }
      this.hash!.update(bytes);
    }
    this.size += bytes.length;
  }

  finish(problem?: string): RawRecord {
    let record: RawRecord;
    if (!this.oversize) {
      const bytes = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.size);
      record = { offset: this.offset, length: this.size, line: this.line, bytes, leaf: leafHash(bytes) };
    } else {
      record = { offset: this.offset, length: this.size, line: this.line, leaf: this.hash!.digest() };
      record.problem = `record of ${this.size} bytes exceeds the ${MAX_PARSED_RECORD / 1024 / 1024} MiB parse limit; it is hashed and kept in the stored file but not parsed`;
    }
    if (problem) record.problem = problem;
    this.hash = undefined;
    this.building = false;
    this.parts = [];
    return record;
  }
}
