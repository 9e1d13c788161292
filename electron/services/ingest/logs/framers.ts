// SPDX-License-Identifier: UNLICENSED
// Framers cut a byte stream into records, chunk by chunk, tracking each record's offset, length and
// starting line. Records are the unit of the records Merkle tree, so their bytes are exactly the
// original ones: for line formats, everything up to (not including) the LF.
import { RecordBuilder, type RawRecord } from './recordBuilder.js';

export interface Framer {
  push(chunk: Buffer): RawRecord[];
  end(): RawRecord[];
}

const LF = 0x0a;
const QUOTE = 0x22;

/** One record per LF-terminated line (JSON Lines, syslog, access logs, plain text). */
export class LineFramer implements Framer {
  private readonly builder = new RecordBuilder();
  private position = 0;
  private line = 1;

  push(chunk: Buffer): RawRecord[] {
    const out: RawRecord[] = [];
    let pos = 0;
    while (pos < chunk.length) {
      if (!this.builder.open) this.builder.begin(this.position + pos, this.line);
      const nl = chunk.indexOf(LF, pos);
      if (nl < 0) {
        this.builder.append(chunk.subarray(pos));
        break;
      }
      this.builder.append(chunk.subarray(pos, nl));
      out.push(this.builder.finish());
      this.line++;
      pos = nl + 1;
    }
    this.position += chunk.length;
    return out;
  }

  end(): RawRecord[] {
    // A last line without LF is still a record; nothing after a final LF is.
    return this.builder.open ? [this.builder.finish()] : [];
  }
}

/**
 * RFC 4180 CSV/TSV: a record ends at an LF outside quotes, so a quoted cell may span lines. The
 * first record (the header) is returned separately and is not a data record.
 */
export class CsvFramer implements Framer {
  private readonly builder = new RecordBuilder();
  private position = 0;
  private line = 1;
  private inQuotes = false;
  header: Buffer | undefined;
  private headerParts: Buffer[] = [];
  private sawHeader = false;

  push(chunk: Buffer): RawRecord[] {
    const out: RawRecord[] = [];
    let pos = 0;
    while (pos < chunk.length) {
      if (!this.builder.open) this.builder.begin(this.position + pos, this.line);
      // Find the next LF outside quotes: walk quote to quote, toggling state (a doubled quote toggles twice).
      let end = -1;
      let scan = pos;
      while (scan < chunk.length) {
        const nextQuote = chunk.indexOf(QUOTE, scan);
        const nextLf = chunk.indexOf(LF, scan);
        if (!this.inQuotes && nextLf >= 0 && (nextQuote < 0 || nextLf < nextQuote)) {
          end = nextLf;
          break;
        }
        if (nextQuote < 0) {
          scan = chunk.length;
          break;
        }
        this.inQuotes = !this.inQuotes;
        scan = nextQuote + 1;
      }
      const stop = end < 0 ? chunk.length : end;
      for (let i = chunk.indexOf(LF, pos); i >= 0 && i < stop; i = chunk.indexOf(LF, i + 1)) this.line++;
      this.builder.append(chunk.subarray(pos, stop));
      if (!this.sawHeader) this.headerParts.push(chunk.subarray(pos, stop));
      if (end < 0) break;
      this.emit(out);
      this.line++;
      pos = end + 1;
    }
    this.position += chunk.length;
    return out;
  }

  private emit(out: RawRecord[]): void {
    const record = this.builder.finish(this.inQuotes ? 'unbalanced quotes: a quoted cell is never closed' : undefined);
    if (!this.sawHeader) {
      this.sawHeader = true;
      this.header = Buffer.concat(this.headerParts);
      this.headerParts = [];
      return;
    }
    out.push(record);
  }

  end(): RawRecord[] {
    const out: RawRecord[] = [];
    if (this.builder.open) this.emit(out);
    return out;
  }
}

/**
 * A JSON array of records — either the whole document (`[ {...}, {...} ]`) or the first array
 * value at the top of a root object (CloudTrail's `{"Records": [ ... ]}`). Each element is a
 * record; whitespace between elements belongs to none.
 */
export class JsonArrayFramer implements Framer {
  private readonly builder = new RecordBuilder();
  private position = 0;
  private line = 1;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Nesting depth at which the records array's elements sit, once found. */
  private arrayDepth = -1;
  private closed = false;

  push(chunk: Buffer): RawRecord[] {
    const out: RawRecord[] = [];
    let segment = 0; // first byte of the open element not yet appended
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (c === LF) this.line++;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 0x5c) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
        continue;
      }
      if (this.arrayDepth >= 0 && !this.closed && this.depth === this.arrayDepth) {
        if (c === 0x20 || c === 0x09 || c === LF || c === 0x0d) {
          if (this.builder.open) {
            this.builder.append(chunk.subarray(segment, i));
            segment = i + 1;
          }
          continue;
        }
        if (c === 0x2c || c === 0x5d) {
          if (this.builder.open) {
            this.builder.append(chunk.subarray(segment, i));
            out.push(this.builder.finish());
          }
          if (c === 0x5d) {
            this.closed = true;
            this.depth--;
          }
          continue;
        }
        if (!this.builder.open) {
          this.builder.begin(this.position + i, this.line);
          segment = i;
        }
      }
      if (c === QUOTE) this.inString = true;
      else if (c === 0x5b || c === 0x7b) {
        this.depth++;
        if (this.arrayDepth < 0 && c === 0x5b && this.depth <= 2) this.arrayDepth = this.depth;
      } else if (c === 0x5d || c === 0x7d) this.depth--;
    }
    if (this.builder.open) this.builder.append(chunk.subarray(segment));
    this.position += chunk.length;
    return out;
  }

  end(): RawRecord[] {
    if (this.arrayDepth < 0) throw new TypeError('no JSON array of records found in the document');
    if (this.builder.open) return [this.builder.finish('unterminated JSON array: the document ends inside this element')];
    if (!this.closed) throw new TypeError('unterminated JSON array: the document ends before its closing "]"');
    return [];
  }
}
