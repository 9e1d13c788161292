// SPDX-License-Identifier: UNLICENSED
// Writers for small hand-made model files, following each format's spec byte by byte, so tests can
// build valid files and break them in exactly one place.
import { deflateRawSync } from 'node:zlib';

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
/** One byte per character (for pickle and magic bytes written as \xNN escapes). */
export const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

export function concat(...parts: (Uint8Array | number[])[]): Uint8Array {
  const arrays = parts.map((p) => (p instanceof Uint8Array ? p : Uint8Array.from(p)));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let o = 0;
  for (const a of arrays) {
    out.set(a, o);
    o += a.length;
  }
  return out;
}

export function u16(v: number): Uint8Array {
  const b = new Uint8Array(2);
  new DataView(b.buffer).setUint16(0, v, true);
  return b;
}
export function u32(v: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v, true);
  return b;
}
export function u64(v: number | bigint): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(v), true);
  return b;
}

// --- safetensors: u64 LE header length, JSON header, data ---
export function safetensors(header: unknown, data: Uint8Array, pad = 0): Uint8Array {
  const json = enc(JSON.stringify(header) + ' '.repeat(pad));
  return concat(u64(json.length), json, data);
}

// --- GGUF v3 ---
export function ggufString(s: string | Uint8Array): Uint8Array {
  const b = typeof s === 'string' ? enc(s) : s;
  return concat(u64(b.length), b);
}
export type GgufKv = [key: string, type: number, value: Uint8Array];
export interface GgufTensorSpec {
  name: string;
  dims: number[];
  type: number;
  offset: number;
}
export function gguf(kvs: GgufKv[], tensors: GgufTensorSpec[], data: Uint8Array, options: { version?: number; alignment?: number; tensorCount?: bigint; kvCount?: bigint } = {}): Uint8Array {
  const alignment = options.alignment ?? 32;
  const head = concat(
    enc('GGUF'),
    u32(options.version ?? 3),
    u64(options.tensorCount ?? BigInt(tensors.length)),
    u64(options.kvCount ?? BigInt(kvs.length)),
    ...kvs.map(([k, t, v]) => concat(ggufString(k), u32(t), v)),
    ...tensors.map((t) => concat(ggufString(t.name), u32(t.dims.length), ...t.dims.map((d) => u64(d)), u32(t.type), u64(t.offset))),
  );
  const padded = Math.ceil(head.length / alignment) * alignment;
  return concat(head, new Uint8Array(padded - head.length), data);
}

// --- ZIP (APPNOTE 6.3.x) ---
export interface ZipSpec {
  name: string;
  data: Uint8Array;
  deflate?: boolean;
  flags?: number;
  /** Lie about the uncompressed size in both headers. */
  declaredSize?: number;
  /** Name written in the local header (defaults to name). */
  localName?: string;
}
export function zip(entries: ZipSpec[], options: { prefix?: Uint8Array; omitCentral?: boolean; zip64?: boolean } = {}): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  // Offsets are relative to the archive's start, as a zip tool writes them before a stub is prepended.
  let offset = 0;
  const pre = options.prefix ? [options.prefix] : [];
  for (const e of entries) {
    const body = e.deflate ? new Uint8Array(deflateRawSync(e.data)) : e.data;
    const name = enc(e.name);
    const localName = enc(e.localName ?? e.name);
    const size = e.declaredSize ?? e.data.length;
    const method = e.deflate ? 8 : 0;
    const local = concat(u32(0x04034b50), u16(20), u16(e.flags ?? 0), u16(method), u16(0), u16(0), u32(0), u32(body.length), u32(size), u16(localName.length), u16(0), localName, body);
    centrals.push(concat(u32(0x02014b50), u16(20), u16(20), u16(e.flags ?? 0), u16(method), u16(0), u16(0), u32(0), u32(body.length), u32(size), u16(name.length), u16(0), u16(0), u16(0), u16(0), u32(0), u32(offset), name));
    locals.push(local);
    offset += local.length;
  }
  const cd = concat(...centrals);
  if (options.omitCentral) return concat(...pre, ...locals);
  const cdOffset = offset;
  const tail: Uint8Array[] = [];
  if (options.zip64) {
    const rec = concat(u32(0x06064b50), u64(44), u16(45), u16(45), u32(0), u32(0), u64(entries.length), u64(entries.length), u64(cd.length), u64(cdOffset));
    tail.push(rec, concat(u32(0x07064b50), u32(0), u64(offset + cd.length), u32(1)));
    tail.push(concat(u32(0x06054b50), u16(0), u16(0), u16(0xffff), u16(0xffff), u32(0xffffffff), u32(0xffffffff), u16(0)));
  } else tail.push(concat(u32(0x06054b50), u16(0), u16(0), u16(entries.length), u16(entries.length), u32(cd.length), u32(cdOffset), u16(0)));
  return concat(...pre, ...locals, cd, ...tail);
}

// --- protobuf ---
/** Offset of the first central directory header (signature PK\x01\x02). */
export function centralStart(z: Uint8Array): number {
  for (let i = 0; i + 4 <= z.length; i++) if (z[i] === 0x50 && z[i + 1] === 0x4b && z[i + 2] === 1 && z[i + 3] === 2) return i;
  return -1;
}

export function varint(v: number | bigint): number[] {
  let n = BigInt.asUintN(64, BigInt(v));
  const out: number[] = [];
  do {
    const b = Number(n & 0x7fn);
    n >>= 7n;
    out.push(n > 0n ? b | 0x80 : b);
  } while (n > 0n);
  return out;
}
export const pbVarint = (field: number, v: number | bigint): Uint8Array => Uint8Array.from([...varint(field * 8), ...varint(v)]);
export const pbBytes = (field: number, payload: Uint8Array | string): Uint8Array => {
  const b = typeof payload === 'string' ? enc(payload) : payload;
  return concat(varint(field * 8 + 2), varint(b.length), b);
};

// --- NumPy .npy 1.0 ---
export function npy(descr: string, shape: number[], data: Uint8Array): Uint8Array {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  return concat([0x93], enc('NUMPY'), [1, 0], u16(header.length), enc(header), data);
}

// --- pickles written opcode by opcode ---
export const PROTO = (n: number): number[] => [0x80, n];
export const shortUnicode = (s: string): number[] => [0x8c, s.length, ...enc(s)];
export const STOP = 0x2e;
/** Protocol 4: module and name via SHORT_BINUNICODE + MEMOIZE, STACK_GLOBAL, a one-string-arg REDUCE. */
export function callPickle(module: string, name: string, arg = 'x'): Uint8Array {
  return Uint8Array.from([...PROTO(4), ...shortUnicode(module), 0x94, ...shortUnicode(name), 0x94, 0x93, 0x94, ...shortUnicode(arg), 0x94, 0x85, 0x94, 0x52, 0x94, STOP]);
}
/** Protocol 0: GLOBAL module\\nname\\n, a tuple of one string, REDUCE. */
export function globalPickle0(module: string, name: string): Uint8Array {
  return enc(`c${module}\n${name}\n(S'x'\ntR.`);
}
