// SPDX-License-Identifier: UNLICENSED
// safetensors (huggingface/safetensors, docs "Format"): an 8-byte little-endian header length N,
// N bytes of UTF-8 JSON, then the tensor data. Each tensor is {dtype, shape, data_offsets:[begin,end]}
// with offsets relative to the end of the header; an optional "__metadata__" maps strings to strings.
// The checks are those of the reference `SafeTensors::validate`: the header at most 100 MB and inside
// the file, JSON starting with '{', known dtypes, each tensor's byte length equal to its shape times
// its dtype size, and the tensors tiling the data exactly (sorted by offset: begin 0, each begin the
// previous end, the last end the end of the file) — so no bytes hide between or after tensors.
import { fromUtf8 } from '../encoding.js';
import { readExactly, type ByteSource } from './byteSource.js';
import { malformed, overLimit, truncated } from './errors.js';
import type { TensorInfo } from './types.js';

export const SAFETENSORS_MAX_HEADER = 100_000_000;

/** Bits per element (sub-byte float formats pack several elements per byte). */
export const SAFETENSORS_DTYPE_BITS: Readonly<Record<string, number>> = {
  BOOL: 8, U8: 8, I8: 8, F8_E5M2: 8, F8_E4M3: 8, F8_E8M0: 8, I16: 16, U16: 16, F16: 16, BF16: 16,
  I32: 32, U32: 32, F32: 32, C64: 64, F64: 64, I64: 64, U64: 64, F4: 4, F6_E2M3: 6, F6_E3M2: 6,
};

export interface SafetensorsView {
  headerLength: number;
  /** The "__metadata__" map, or null when absent. */
  metadata: Record<string, string> | null;
  tensorCount: number;
  /** Absolute offset of the data section (8 + header length). */
  dataOffset: number;
  dataLength: number;
  /** Tensor count per dtype. */
  dtypes: Record<string, number>;
}

export interface SafetensorsResult {
  view: SafetensorsView;
  tensors: TensorInfo[];
}

/**
 * Looks like safetensors: a u64 header length then '{'. The length is not required to fit the file,
 * so a header length past the end is reported as a broken safetensors file, not an unknown one.
 */
export function looksLikeSafetensors(head: Uint8Array): boolean {
  if (head.length < 9) return false;
  const n = new DataView(head.buffer, head.byteOffset, 8).getBigUint64(0, true);
  return n >= 2n && n < 1n << 40n && head[8] === 0x7b;
}

export async function inspectSafetensors(src: ByteSource): Promise<SafetensorsResult> {
  if (src.size < 8) throw truncated('safetensors header length (the file is shorter than 8 bytes)');
  const prefix = await readExactly(src, 0, 8, 'safetensors header length');
  const n = new DataView(prefix.buffer, prefix.byteOffset, 8).getBigUint64(0, true);
  if (n > BigInt(SAFETENSORS_MAX_HEADER)) throw overLimit(`safetensors header length ${n} is above the 100 MB limit`);
  if (8n + n > BigInt(src.size)) throw truncated(`safetensors header of ${n} bytes (the file has ${src.size})`);
  const header = await readExactly(src, 8, Number(n), 'safetensors header');
  return parseSafetensorsHeader(header, src.size - 8 - Number(n));
}

/** Validates a header (the N bytes after the length) against a data section of `dataLength` bytes. */
export function parseSafetensorsHeader(header: Uint8Array, dataLength: number): SafetensorsResult {
  let text: string;
  try {
    text = fromUtf8(header);
  } catch {
    throw malformed('the safetensors header is not valid UTF-8');
  }
  if (!text.startsWith('{')) throw malformed('the safetensors header does not start with "{"');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw malformed(`the safetensors header is not JSON (${(err as Error).message})`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw malformed('the safetensors header is not a JSON object');
  const dataOffset = 8 + header.length;
  let metadata: Record<string, string> | null = null;
  const tensors: (TensorInfo & { begin: number; end: number })[] = [];
  const dtypes: Record<string, number> = {};
  for (const [name, value] of Object.entries(json as Record<string, unknown>)) {
    if (name === '__metadata__') {
      metadata = stringMap(value);
      continue;
    }
    const t = tensorEntry(name, value, dataLength);
    tensors.push({ ...t, offset: dataOffset + t.begin });
    dtypes[t.dtype] = (dtypes[t.dtype] ?? 0) + 1;
  }
  tensors.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let expected = 0;
  for (const t of tensors) {
    if (t.begin !== expected) {
      throw malformed(t.begin < expected ? `tensor ${JSON.stringify(t.name)} overlaps the tensor before it (data_offsets start ${t.begin} < ${expected})` : `${t.begin - expected} bytes before tensor ${JSON.stringify(t.name)} belong to no tensor`);
    }
    expected = t.end;
  }
  if (expected !== dataLength) throw malformed(`the tensors cover ${expected} of the ${dataLength} data bytes`);
  return {
    view: { headerLength: header.length, metadata, tensorCount: tensors.length, dataOffset, dataLength, dtypes },
    tensors: tensors.map(({ name, dtype, shape, offset, length }) => ({ name, dtype, shape, offset, length })),
  };
}

function stringMap(value: unknown): Record<string, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw malformed('"__metadata__" is not an object');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v !== 'string') throw malformed(`"__metadata__"."${k}" is not a string`);
    out[k] = v;
  }
  return out;
}

function tensorEntry(name: string, value: unknown, dataLength: number): Omit<TensorInfo, 'offset'> & { begin: number; end: number } {
  const where = `tensor ${JSON.stringify(name)}`;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw malformed(`${where} is not an object`);
  const { dtype, shape, data_offsets: offsets } = value as Record<string, unknown>;
  if (typeof dtype !== 'string' || !Object.hasOwn(SAFETENSORS_DTYPE_BITS, dtype)) throw malformed(`${where} has an unknown dtype ${JSON.stringify(dtype)}`);
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0)) throw malformed(`${where} has a shape that is not a list of non-negative integers`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && (o as number) >= 0)) throw malformed(`${where} has data_offsets that are not two non-negative integers`);
  const [begin, end] = offsets as [number, number];
  if (end < begin) throw malformed(`${where} ends (${end}) before it begins (${begin})`);
  if (end > dataLength) throw malformed(`${where} ends at ${end}, past the ${dataLength} data bytes`);
  const bits = BigInt(SAFETENSORS_DTYPE_BITS[dtype]!) * (shape as number[]).reduce((n, d) => n * BigInt(d), 1n);
  if (bits % 8n !== 0n) throw malformed(`${where}: ${shape.length ? shape.join('×') : 'scalar'} ${dtype} is not a whole number of bytes`);
  if (bits / 8n !== BigInt(end - begin)) throw malformed(`${where}: shape [${shape.join(', ')}] of ${dtype} needs ${bits / 8n} bytes, data_offsets give ${end - begin}`);
  return { name, dtype, shape: shape as number[], length: end - begin, begin, end };
}
