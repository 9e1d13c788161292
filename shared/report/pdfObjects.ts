// SPDX-License-Identifier: UNLICENSED
// A small reader for PDF objects (ISO 32000-1 §7.2–7.3): enough to walk an Evidence Vault report's
// catalog, attachments and signature dictionary in pure TypeScript (the renderer runs it too).
// Input is untrusted: nesting depth is bounded, every offset is checked, and malformed input
// raises PdfSyntaxError rather than reading past the buffer.

export class PdfSyntaxError extends Error {
  override readonly name = 'PdfSyntaxError';
}

export type PdfValue = null | boolean | number | PdfName | PdfString | PdfRef | PdfArray | PdfDict;
export interface PdfName {
  kind: 'name';
  value: string;
}
export interface PdfString {
  kind: 'string';
  bytes: Uint8Array;
  /** Byte offsets of the string token in the file: the opening '(' or '<' and just past the closing one. */
  start: number;
  end: number;
  hex: boolean;
}
export interface PdfRef {
  kind: 'ref';
  num: number;
  gen: number;
}
export interface PdfArray {
  kind: 'array';
  items: PdfValue[];
}
export interface PdfDict {
  kind: 'dict';
  entries: Map<string, PdfValue>;
}

const MAX_DEPTH = 64;
const isWhite = (c: number | undefined) => c === 0 || c === 9 || c === 10 || c === 12 || c === 13 || c === 32;
const isDelim = (c: number | undefined) => c === 0x28 || c === 0x29 || c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x2f || c === 0x25;
const isRegular = (c: number | undefined) => c !== undefined && !isWhite(c) && !isDelim(c);

export class PdfLexer {
  constructor(
    readonly bytes: Uint8Array,
    public pos = 0,
  ) {}

  fail(why: string): never {
    throw new PdfSyntaxError(`${why} at byte ${this.pos}`);
  }

  skipWhite(): void {
    const b = this.bytes;
    while (this.pos < b.length) {
      const c = b[this.pos];
      if (isWhite(c)) this.pos++;
      else if (c === 0x25) while (this.pos < b.length && b[this.pos] !== 10 && b[this.pos] !== 13) this.pos++;
      else break;
    }
  }

  /** A run of regular characters (keyword or number), without consuming it when `peek`. */
  word(peek = false): string {
    this.skipWhite();
    let end = this.pos;
    while (end < this.bytes.length && isRegular(this.bytes[end])) end++;
    const w = String.fromCharCode(...this.bytes.subarray(this.pos, Math.min(end, this.pos + 64)));
    if (!peek) this.pos = end;
    return w;
  }

  expectWord(w: string): void {
    const found = this.word();
    if (found !== w) this.fail(`expected "${w}", found "${found.slice(0, 20)}"`);
  }

  startsWith(text: string): boolean {
    for (let i = 0; i < text.length; i++) if (this.bytes[this.pos + i] !== text.charCodeAt(i)) return false;
    return true;
  }

  value(depth = 0): PdfValue {
    if (depth > MAX_DEPTH) this.fail('objects nested too deeply');
    this.skipWhite();
    const c = this.bytes[this.pos];
    if (c === undefined) this.fail('unexpected end of file');
    if (this.startsWith('<<')) return this.dict(depth);
    if (c === 0x3c) return this.hexString();
    if (c === 0x28) return this.literalString();
    if (c === 0x5b) return this.array(depth);
    if (c === 0x2f) return this.name();
    const w = this.word();
    if (w === 'true') return true;
    if (w === 'false') return false;
    if (w === 'null') return null;
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(w)) this.fail(`unexpected token "${w.slice(0, 20)}"`);
    const n = Number(w);
    if (/^\d+$/.test(w)) {
      // "num gen R" is a reference; look ahead without consuming when it is not.
      const save = this.pos;
      const gen = this.word();
      if (/^\d+$/.test(gen) && this.word() === 'R') return { kind: 'ref', num: n, gen: Number(gen) };
      this.pos = save;
    }
    return n;
  }

  private dict(depth: number): PdfDict {
    this.pos += 2;
    const entries = new Map<string, PdfValue>();
    for (;;) {
      this.skipWhite();
      if (this.startsWith('>>')) {
        this.pos += 2;
        return { kind: 'dict', entries };
      }
      if (this.bytes[this.pos] !== 0x2f) this.fail('dictionary key is not a name');
      const key = this.name().value;
      entries.set(key, this.value(depth + 1));
    }
  }

  private array(depth: number): PdfArray {
    this.pos++;
    const items: PdfValue[] = [];
    for (;;) {
      this.skipWhite();
      if (this.bytes[this.pos] === 0x5d) {
        this.pos++;
        return { kind: 'array', items };
      }
      if (this.pos >= this.bytes.length) this.fail('unterminated array');
      items.push(this.value(depth + 1));
    }
  }

  private name(): PdfName {
    this.pos++;
    let out = '';
    while (this.pos < this.bytes.length && isRegular(this.bytes[this.pos])) {
      const c = this.bytes[this.pos++]!;
      if (c === 0x23 && this.pos + 1 < this.bytes.length) {
        const hex = String.fromCharCode(this.bytes[this.pos]!, this.bytes[this.pos + 1]!);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) this.fail('bad #xx escape in a name');
        out += String.fromCharCode(parseInt(hex, 16));
        this.pos += 2;
      } else out += String.fromCharCode(c);
    }
    return { kind: 'name', value: out };
  }

  private hexString(): PdfString {
    const start = this.pos++;
    const digits: number[] = [];
    for (;;) {
      const c = this.bytes[this.pos++];
      if (c === undefined) this.fail('unterminated hex string');
      if (c === 0x3e) break;
      if (isWhite(c)) continue;
      const v = c >= 0x30 && c <= 0x39 ? c - 0x30 : (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66 ? (c | 0x20) - 0x57 : -1;
      if (v < 0) this.fail('bad digit in hex string');
      digits.push(v);
    }
    if (digits.length % 2) digits.push(0);
    const bytes = new Uint8Array(digits.length / 2);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (digits[2 * i]! << 4) | digits[2 * i + 1]!;
    return { kind: 'string', bytes, start, end: this.pos, hex: true };
  }

  private literalString(): PdfString {
    const start = this.pos++;
    const out: number[] = [];
    let depth = 1;
    const escapes: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c };
    for (;;) {
      const c = this.bytes[this.pos++];
      if (c === undefined) this.fail('unterminated string');
      if (c === 0x5c) {
        const e = this.bytes[this.pos++];
        if (e === undefined) this.fail('unterminated string');
        if (escapes[e] !== undefined) out.push(escapes[e]);
        else if (e >= 0x30 && e <= 0x37) {
          let v = e - 0x30;
          for (let k = 0; k < 2 && this.bytes[this.pos]! >= 0x30 && this.bytes[this.pos]! <= 0x37; k++) v = v * 8 + this.bytes[this.pos++]! - 0x30;
          out.push(v & 0xff);
        } else if (e === 13) {
          if (this.bytes[this.pos] === 10) this.pos++;
        } else if (e !== 10) out.push(e);
        continue;
      }
      if (c === 0x28) depth++;
      if (c === 0x29 && --depth === 0) break;
      out.push(c);
    }
    return { kind: 'string', bytes: Uint8Array.from(out), start, end: this.pos, hex: false };
  }
}

export function asDict(v: PdfValue | undefined, what: string): PdfDict {
  if (typeof v !== 'object' || v === null || v.kind !== 'dict') throw new PdfSyntaxError(`${what} is not a dictionary`);
  return v;
}

export function asArray(v: PdfValue | undefined, what: string): PdfValue[] {
  if (typeof v !== 'object' || v === null || v.kind !== 'array') throw new PdfSyntaxError(`${what} is not an array`);
  return v.items;
}

export function asName(v: PdfValue | undefined): string | undefined {
  return typeof v === 'object' && v !== null && v.kind === 'name' ? v.value : undefined;
}

export function asString(v: PdfValue | undefined, what: string): PdfString {
  if (typeof v !== 'object' || v === null || v.kind !== 'string') throw new PdfSyntaxError(`${what} is not a string`);
  return v;
}

export function asInteger(v: PdfValue | undefined, what: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new PdfSyntaxError(`${what} is not a non-negative integer`);
  return v;
}

/** A PDF text string (§7.9.2.2): UTF-16BE with a BOM, else PDFDocEncoding (Latin-1 for our purposes). */
export function textString(s: PdfString): string {
  const b = s.bytes;
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
    let out = '';
    for (let i = 2; i + 1 < b.length; i += 2) out += String.fromCharCode((b[i]! << 8) | b[i + 1]!);
    return out;
  }
  return String.fromCharCode(...b);
}
