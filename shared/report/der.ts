// SPDX-License-Identifier: UNLICENSED
// A minimal DER (ITU-T X.690 §10) writer and reader: just what CMS (RFC 5652), X.509 (RFC 5280)
// and PKCS #10 (RFC 2986) need here. The reader is for untrusted bytes: every length is checked
// against the buffer, indefinite lengths and long-form tags are refused (DER forbids the first;
// none of our structures use the second), and failures are DerError, never an out-of-bounds read.
import { bytesEqual, concatBytes, utf8 } from '../encoding.js';

export class DerError extends Error {
  override readonly name = 'DerError';
}

export const TAG = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

// ---------------------------------------------------------------- writer

function lengthBytes(n: number): Uint8Array {
  if (n < 0x80) return new Uint8Array([n]);
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return new Uint8Array([0x80 | out.length, ...out]);
}

export function tlv(tag: number, content: Uint8Array): Uint8Array {
  return concatBytes(new Uint8Array([tag]), lengthBytes(content.length), content);
}

export const sequence = (...items: Uint8Array[]): Uint8Array => tlv(TAG.SEQUENCE, concatBytes(...items));

/** SET OF in DER order (X.690 §11.6: elements sorted as octet strings). */
export function setOf(...items: Uint8Array[]): Uint8Array {
  return tlv(TAG.SET, concatBytes(...[...items].sort(compareBytes)));
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** [n] EXPLICIT: a constructed context tag around the whole encoding. */
export const explicit = (n: number, inner: Uint8Array): Uint8Array => tlv(0xa0 | n, inner);

/** [n] IMPLICIT of a constructed type: the content of `inner` under a context tag. */
export function implicitConstructed(n: number, inner: Uint8Array): Uint8Array {
  return tlv(0xa0 | n, readDer(inner).content);
}

/** [n] IMPLICIT of a primitive type (e.g. IA5String in a GeneralName). */
export const implicitPrimitive = (n: number, content: Uint8Array): Uint8Array => tlv(0x80 | n, content);

/** A non-negative INTEGER from big-endian magnitude bytes (leading zeros trimmed, sign byte added). */
export function integer(value: Uint8Array | number): Uint8Array {
  let bytes = typeof value === 'number' ? numberBytes(value) : value;
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  bytes = bytes.subarray(i);
  if (bytes.length === 0) bytes = new Uint8Array([0]);
  if (bytes[0]! & 0x80) bytes = concatBytes(new Uint8Array([0]), bytes);
  return tlv(TAG.INTEGER, bytes);
}

function numberBytes(n: number): Uint8Array {
  if (!Number.isSafeInteger(n) || n < 0) throw new DerError(`cannot encode ${n} as a DER INTEGER`);
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return new Uint8Array(out.length ? out : [0]);
}

export function oid(dotted: string): Uint8Array {
  const parts = dotted.split('.').map((p) => {
    if (!/^\d+$/.test(p)) throw new DerError(`bad OID ${dotted}`);
    return BigInt(p);
  });
  if (parts.length < 2) throw new DerError(`bad OID ${dotted}`);
  const arcs = [parts[0]! * 40n + parts[1]!, ...parts.slice(2)];
  const out: number[] = [];
  for (const arc of arcs) {
    const chunk: number[] = [Number(arc & 0x7fn)];
    for (let v = arc >> 7n; v > 0n; v >>= 7n) chunk.unshift(Number(v & 0x7fn) | 0x80);
    out.push(...chunk);
  }
  return tlv(TAG.OID, new Uint8Array(out));
}

export const octetString = (b: Uint8Array): Uint8Array => tlv(TAG.OCTET_STRING, b);
export const bitString = (b: Uint8Array, unusedBits = 0): Uint8Array => tlv(TAG.BIT_STRING, concatBytes(new Uint8Array([unusedBits]), b));
export const derNull = (): Uint8Array => new Uint8Array([TAG.NULL, 0]);
export const utf8String = (s: string): Uint8Array => tlv(TAG.UTF8_STRING, utf8(s));
export const ia5String = (s: string): Uint8Array => tlv(TAG.IA5_STRING, asciiBytes(s, /^[\x20-\x7e]*$/, 'IA5String'));
export const printableString = (s: string): Uint8Array => tlv(TAG.PRINTABLE_STRING, asciiBytes(s, /^[A-Za-z0-9 '()+,\-./:=?]*$/, 'PrintableString'));

function asciiBytes(s: string, allowed: RegExp, what: string): Uint8Array {
  if (!allowed.test(s)) throw new DerError(`${JSON.stringify(s)} is not a valid ${what}`);
  return utf8(s);
}

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050, always Z and whole seconds. */
export function time(d: Date): Uint8Array {
  const iso = d.toISOString();
  const digits = iso.slice(0, 19).replace(/[-:T]/g, '');
  const year = d.getUTCFullYear();
  return year < 2050 ? tlv(TAG.UTC_TIME, utf8(digits.slice(2) + 'Z')) : tlv(TAG.GENERALIZED_TIME, utf8(digits + 'Z'));
}

export const algorithm = (id: string, params?: Uint8Array): Uint8Array => sequence(oid(id), ...(params ? [params] : []));

// ---------------------------------------------------------------- reader

export interface DerNode {
  tag: number;
  /** Offset of the tag byte within the buffer the node was read from. */
  offset: number;
  /** The whole encoding: tag, length and content. */
  raw: Uint8Array;
  content: Uint8Array;
}

/** Reads one TLV at `offset`; `bytes` may hold more after it. */
export function readDer(bytes: Uint8Array, offset = 0): DerNode {
  if (offset + 2 > bytes.length) throw new DerError('truncated DER: no room for tag and length');
  const tag = bytes[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('long-form DER tags are not supported');
  let pos = offset + 1;
  const first = bytes[pos++]!;
  let length: number;
  if (first < 0x80) length = first;
  else {
    const n = first & 0x7f;
    if (n === 0) throw new DerError('indefinite length is not DER');
    if (n > 4) throw new DerError('DER length too large');
    if (pos + n > bytes.length) throw new DerError('truncated DER length');
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + bytes[pos++]!;
    if (length < 0x80 || (n > 1 && bytes[pos - n] === 0)) throw new DerError('non-minimal DER length');
  }
  if (pos + length > bytes.length) throw new DerError(`truncated DER: ${length} content bytes declared, ${bytes.length - pos} present`);
  return { tag, offset, raw: bytes.subarray(offset, pos + length), content: bytes.subarray(pos, pos + length) };
}

/** Reads exactly one TLV filling the whole buffer. */
export function readDerExact(bytes: Uint8Array): DerNode {
  const node = readDer(bytes);
  if (node.raw.length !== bytes.length) throw new DerError(`${bytes.length - node.raw.length} unexpected bytes after the DER value`);
  return node;
}

/** The elements of a constructed value. */
export function children(node: DerNode): DerNode[] {
  if ((node.tag & 0x20) === 0) throw new DerError(`tag 0x${node.tag.toString(16)} is not constructed`);
  const out: DerNode[] = [];
  for (let pos = 0; pos < node.content.length; ) {
    const child = readDer(node.content, pos);
    out.push(child);
    pos += child.raw.length;
  }
  return out;
}

export function expectTag(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (!node) throw new DerError(`${what} is missing`);
  if (node.tag !== tag) throw new DerError(`${what}: expected tag 0x${tag.toString(16)}, found 0x${node.tag.toString(16)}`);
  return node;
}

export function readOid(node: DerNode): string {
  expectTag(node, TAG.OID, 'OID');
  const b = node.content;
  if (b.length === 0 || (b[b.length - 1]! & 0x80) !== 0) throw new DerError('malformed OID');
  const arcs: bigint[] = [];
  let v = 0n;
  for (const byte of b) {
    v = (v << 7n) | BigInt(byte & 0x7f);
    if ((byte & 0x80) === 0) {
      arcs.push(v);
      v = 0n;
    }
  }
  const first = arcs[0]!;
  const head = first < 40n ? [0n, first] : first < 80n ? [1n, first - 40n] : [2n, first - 80n];
  return [...head, ...arcs.slice(1)].join('.');
}

/** The bits of a BIT STRING whose unused-bit count is zero (keys, signatures). */
export function readBitStringBytes(node: DerNode): Uint8Array {
  expectTag(node, TAG.BIT_STRING, 'BIT STRING');
  if (node.content.length === 0 || node.content[0] !== 0) throw new DerError('BIT STRING with unused bits where whole bytes are expected');
  return node.content.subarray(1);
}

export function readString(node: DerNode): string {
  if (![TAG.UTF8_STRING, TAG.PRINTABLE_STRING, TAG.IA5_STRING, 0x14, 0x1e].includes(node.tag as 0x0c)) {
    throw new DerError(`tag 0x${node.tag.toString(16)} is not a string`);
  }
  if (node.tag === 0x1e) {
    // BMPString: UTF-16BE.
    let s = '';
    for (let i = 0; i + 1 < node.content.length; i += 2) s += String.fromCharCode((node.content[i]! << 8) | node.content[i + 1]!);
    return s;
  }
  return new TextDecoder().decode(node.content);
}

export function readTime(node: DerNode): Date {
  const text = new TextDecoder().decode(node.content);
  const m = node.tag === TAG.UTC_TIME ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text) : node.tag === TAG.GENERALIZED_TIME ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text) : null;
  if (!m) throw new DerError(`malformed time ${JSON.stringify(text)}`);
  let year = Number(m[1]);
  if (node.tag === TAG.UTC_TIME) year += year < 50 ? 2000 : 1900;
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}

export function sameDer(a: Uint8Array, b: Uint8Array): boolean {
  return bytesEqual(a, b);
}
