// SPDX-License-Identifier: UNLICENSED
// GGUF v2/v3 (ggml docs/gguf.md): magic "GGUF", u32 version, u64 tensor count, u64 metadata count,
// the key/value pairs (every value type, arrays nestable), the tensor infos, then tensor data at the
// next multiple of general.alignment (default 32). Read through a Cursor, so only the header is
// fetched. Every count and length is checked against the bytes left before anything is allocated:
// a file claiming 2^60 tensors or a 2^63-byte string fails at once with a clear message.
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex } from '../encoding.js';
import { Cursor, type ByteSource } from './byteSource.js';
import { malformed, overLimit, truncated, ModelFormatError } from './errors.js';
import { GGML_TYPES, GGUF_FIXED_SIZE, GGUF_VALUE_TYPES, type GgufValueType } from './ggufTypes.js';
import type { TensorInfo } from './types.js';

export const GGUF_MAGIC = 0x46554747; // "GGUF" read as a little-endian u32
export const GGUF_DEFAULT_ALIGNMENT = 32;
const MAX_ARRAY_DEPTH = 8;
const MAX_KEY_BYTES = 65535;
const MAX_TENSOR_NAME = 64; // GGML_MAX_NAME
const MAX_DIMS = 4; // GGML_MAX_DIMS
const MAX_TENSORS = 10_000_000;
const MAX_KVS = 1_000_000;
const INLINE_STRING = 65536;
const PREVIEW_ITEMS = 8;

/** A metadata value as reported: scalars as they are; long strings and arrays summarised with a digest of their raw bytes. */
export type GgufValue =
  | number
  | string
  | boolean
  | { type: 'string'; length: number; sha256: string; preview: string }
  | { type: 'array'; itemType: GgufValueType; count: number; sha256: string; preview: GgufValue[] };

export interface GgufView {
  version: number;
  bigEndian: boolean;
  tensorCount: number;
  metadataCount: number;
  alignment: number;
  /** Absolute offset of the tensor data section. */
  dataOffset: number;
  metadata: Record<string, GgufValue>;
  /** Tensor count per ggml type. */
  types: Record<string, number>;
}

export interface GgufResult {
  view: GgufView;
  tensors: TensorInfo[];
  notes: string[];
  /** Set when a chat template looks like a template-injection payload. */
  suspicious?: string;
}

export function looksLikeGguf(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x47 && head[1] === 0x47 && head[2] === 0x55 && head[3] === 0x46;
}

export async function inspectGguf(src: ByteSource): Promise<GgufResult> {
  const c = new Cursor(src);
  const notes: string[] = [];
  await c.need(24, 'GGUF header');
  if (c.u32() !== GGUF_MAGIC) throw malformed('not a GGUF file (bad magic)');
  let version = c.u32();
  if (version > 0xffff && swap32(version) <= 3) {
    // v3 allows big-endian files; the version then reads byte-swapped.
    c.littleEndian = false;
    version = swap32(version);
  }
  if (version === 1) throw new ModelFormatError('UNSUPPORTED', 'GGUF v1 (32-bit counts) is not read; convert it with llama.cpp');
  if (version !== 2 && version !== 3) throw malformed(`unknown GGUF version ${version}`);
  const tensorCount = count(c.u64big(), 24, MAX_TENSORS, 'tensors', c.remaining);
  const kvCount = count(c.u64big(), 13, MAX_KVS, 'metadata pairs', c.remaining);

  const metadata: Record<string, GgufValue> = Object.create(null) as Record<string, GgufValue>;
  let alignment = GGUF_DEFAULT_ALIGNMENT;
  let suspicious: string | undefined;
  for (let i = 0; i < kvCount; i++) {
    const key = await readString(c, MAX_KEY_BYTES, `metadata key ${i}`, true);
    if (Object.hasOwn(metadata, key)) throw malformed(`duplicate metadata key ${JSON.stringify(key)}`);
    await c.need(4, `type of ${key}`);
    const type = valueType(c.u32(), key);
    if (key === 'general.alignment') {
      if (type !== 'u32') throw malformed(`general.alignment has type ${type}, not u32`);
      await c.need(4, key);
      alignment = c.u32();
      if (alignment === 0 || (alignment & (alignment - 1)) !== 0) throw malformed(`general.alignment ${alignment} is not a power of two`);
      metadata[key] = alignment;
      continue;
    }
    metadata[key] = await readValue(c, type, key, 0);
    if (/chat_template/.test(key)) suspicious ??= templateInjection(key, metadata[key]!);
  }

  const tensors: TensorInfo[] = [];
  const types: Record<string, number> = {};
  const names = new Set<string>();
  for (let i = 0; i < tensorCount; i++) {
    const name = await readString(c, MAX_TENSOR_NAME, `tensor ${i} name`, true);
    if (names.has(name)) throw malformed(`duplicate tensor name ${JSON.stringify(name)}`);
    names.add(name);
    await c.need(4, `dimensions of ${name}`);
    const nDims = c.u32();
    if (nDims > MAX_DIMS) throw malformed(`tensor ${JSON.stringify(name)} has ${nDims} dimensions (at most ${MAX_DIMS})`);
    await c.need(8 * nDims + 12, `info of ${name}`);
    const dims: bigint[] = [];
    for (let d = 0; d < nDims; d++) dims.push(c.u64big());
    const typeId = c.u32();
    const offset = c.u64big();
    const ggml = GGML_TYPES.get(typeId);
    if (!ggml) throw malformed(`tensor ${JSON.stringify(name)} has unknown ggml type ${typeId}`);
    const [typeName, blockSize, typeSize] = ggml;
    const elements = dims.reduce((n, d) => n * d, 1n);
    if (elements > 2n ** 63n - 1n) throw malformed(`tensor ${JSON.stringify(name)} has more than 2^63 elements`);
    const ne0 = dims[0] ?? 1n;
    if (ne0 % BigInt(blockSize) !== 0n) throw malformed(`tensor ${JSON.stringify(name)}: row of ${ne0} is not a multiple of the ${typeName} block size ${blockSize}`);
    if (offset % BigInt(alignment) !== 0n) throw malformed(`tensor ${JSON.stringify(name)}: offset ${offset} is not a multiple of the alignment ${alignment}`);
    const length = (elements / BigInt(blockSize)) * BigInt(typeSize);
    if (offset + length > BigInt(src.size)) throw malformed(`tensor ${JSON.stringify(name)} (${length} bytes at data offset ${offset}) runs past the end of the file`);
    tensors.push({ name, dtype: typeName, shape: dims.map(Number), offset: Number(offset), length: Number(length) });
    types[typeName] = (types[typeName] ?? 0) + 1;
  }
  const dataOffset = Math.ceil(c.pos / alignment) * alignment;
  for (const t of tensors) {
    t.offset += dataOffset;
    if (t.offset + t.length > src.size) throw malformed(`tensor ${JSON.stringify(t.name)} runs past the end of the file (ends at ${t.offset + t.length}, the file has ${src.size} bytes)`);
  }
  const byOffset = [...tensors].sort((a, b) => a.offset - b.offset);
  for (let i = 1; i < byOffset.length; i++) {
    const prev = byOffset[i - 1]!;
    if (byOffset[i]!.offset < prev.offset + prev.length) throw malformed(`tensors ${JSON.stringify(prev.name)} and ${JSON.stringify(byOffset[i]!.name)} overlap`);
  }
  const last = byOffset.at(-1);
  if (last && last.offset + last.length < src.size) notes.push(`${src.size - last.offset - last.length} bytes follow the last tensor`);
  if (tensorCount === 0) notes.push('no tensors (a vocabulary-only or metadata-only file)');
  return {
    view: { version, bigEndian: !c.littleEndian, tensorCount, metadataCount: kvCount, alignment, dataOffset, metadata: { ...metadata }, types },
    tensors,
    notes,
    ...(suspicious ? { suspicious } : {}),
  };
}

/**
 * A declared count checked against the smallest encoding of its items (a key/value is at least 13
 * bytes: empty key, type, one u8; a tensor info 24: empty name, no dims, type, offset) before any
 * loop or allocation: an absurd count is a LIMIT error, one the file is merely too short for TRUNCATED.
 */
function count(declared: bigint, minSize: number, max: number, what: string, remaining: number): number {
  if (declared > BigInt(max)) throw overLimit(`the GGUF header claims ${declared} ${what}; the file could hold at most ${Math.floor(remaining / minSize)}`);
  const n = Number(declared);
  if (n * minSize > remaining) throw truncated(`${n} ${what} (at most ${Math.floor(remaining / minSize)} fit in the ${remaining} bytes left)`);
  return n;
}

function valueType(id: number, key: string): GgufValueType {
  const t = GGUF_VALUE_TYPES[id];
  if (t === undefined) throw malformed(`${key}: unknown value type ${id}`);
  return t;
}

async function readString(c: Cursor, max: number, what: string, strict: boolean): Promise<string> {
  await c.need(8, what);
  const len = c.u64(`${what} length`);
  if (len > max) throw overLimit(`${what} is ${len} bytes long (at most ${max})`);
  if (len > c.remaining) throw truncated(`${what} (${len} bytes, ${c.remaining} remain)`);
  await c.need(len, what);
  return strict ? c.utf8(len, what) : lenientUtf8.decode(c.bytes(len));
}

const lenientUtf8 = new TextDecoder('utf-8');

async function readValue(c: Cursor, type: GgufValueType, key: string, depth: number): Promise<GgufValue> {
  if (type === 'string') {
    // Vocabularies are arrays of 10^5 short strings: skip the await when the bytes are buffered.
    if (!c.has(8)) await c.need(8, key);
    const len = c.u64(`${key} length`);
    if (len > c.remaining) throw truncated(`${key}: a string of ${len} bytes (${c.remaining} remain)`);
    if (len <= INLINE_STRING) {
      if (!c.has(len)) await c.need(len, key);
      return lenientUtf8.decode(c.bytes(len));
    }
    const h = sha256.create();
    let preview = '';
    for (let left = len; left > 0; ) {
      const n = Math.min(left, 1 << 24);
      await c.need(n, key);
      const b = c.bytes(n);
      if (!preview) preview = lenientUtf8.decode(b.subarray(0, 200));
      h.update(b);
      left -= n;
    }
    return { type: 'string', length: len, sha256: toHex(h.digest()), preview };
  }
  if (type === 'array') return readArray(c, key, depth + 1);
  const size = GGUF_FIXED_SIZE[type]!;
  await c.need(size, key);
  return scalar(c, type);
}

function scalar(c: Cursor, type: GgufValueType): number | string | boolean {
  switch (type) {
    case 'u8':
      return c.u8();
    case 'i8':
      return c.i8();
    case 'u16':
      return c.u16();
    case 'i16':
      return c.i16();
    case 'u32':
      return c.u32();
    case 'i32':
      return c.i32();
    case 'bool':
      return c.u8() !== 0;
    case 'u64':
    case 'i64': {
      const v = type === 'u64' ? c.u64big() : c.i64big();
      return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v.toString();
    }
    default: {
      const v = type === 'f32' ? c.f32() : c.f64();
      return Number.isFinite(v) ? v : String(v); // NaN and ±Infinity are not JSON
    }
  }
}

async function readArray(c: Cursor, key: string, depth: number): Promise<GgufValue> {
  if (depth > MAX_ARRAY_DEPTH) throw overLimit(`${key}: arrays nested deeper than ${MAX_ARRAY_DEPTH}`);
  const h = sha256.create();
  c.tap(h);
  const detach = (): void => c.untap(h);
  try {
    await c.need(12, key);
    const itemType = valueType(c.u32(), key);
    const count = c.u64(`${key} array length`);
    const minSize = GGUF_FIXED_SIZE[itemType] ?? (itemType === 'string' ? 8 : 12);
    if (count * minSize > c.remaining) throw overLimit(`${key}: an array of ${count} ${itemType} values cannot fit in the ${c.remaining} bytes left`);
    const preview: GgufValue[] = [];
    const fixed = GGUF_FIXED_SIZE[itemType];
    if (fixed !== undefined) {
      // Fixed-size items in large slices: one read per 16 MiB, not one per value.
      const perSlice = Math.floor((1 << 24) / fixed);
      for (let done = 0; done < count; ) {
        const n = Math.min(count - done, perSlice);
        await c.need(n * fixed, key);
        for (let i = 0; i < n; i++) {
          const v = scalar(c, itemType);
          if (preview.length < PREVIEW_ITEMS) preview.push(v);
        }
        done += n;
      }
    } else {
      for (let i = 0; i < count; i++) {
        const v = await readValue(c, itemType, key, depth);
        if (preview.length < PREVIEW_ITEMS) preview.push(v);
      }
    }
    detach();
    // The digest covers the array's raw bytes (item type, count, items), so a changed vocabulary shows.
    return { type: 'array', itemType, count, sha256: toHex(h.digest()), preview };
  } finally {
    detach();
  }
}

/** Jinja template injection (llama-cpp-python CVE-2024-34359): a chat template reaching Python internals. */
function templateInjection(key: string, value: GgufValue): string | undefined {
  const text = typeof value === 'string' ? value : typeof value === 'object' && value.type === 'string' ? value.preview : '';
  const hit = /__(class|globals|subclasses|builtins|import|init|mro|base|bases|getattribute)__|\bpopen\b|\bos\.system\b|\bsubprocess\b/.exec(text);
  return hit ? `${key} contains ${JSON.stringify(hit[0])}, a template-injection pattern` : undefined;
}

function swap32(v: number): number {
  return (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
}
