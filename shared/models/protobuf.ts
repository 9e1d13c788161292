// SPDX-License-Identifier: UNLICENSED
// A minimal protocol-buffers wire-format reader (protobuf.dev "Encoding"): varints, the four live
// wire types, nested messages by length. It walks a Cursor, so a length-delimited field the caller
// does not open (an ONNX tensor's raw_data) is skipped without being read. Malformed input — a
// varint longer than 10 bytes, a length past its enclosing message, a group or unknown wire type —
// fails with a ModelFormatError naming the offset.
import type { Cursor } from './byteSource.js';
import { malformed, overLimit, truncated } from './errors.js';

export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
export const WIRE_I32 = 5;

export interface ProtoField {
  field: number;
  wire: number;
  /** Offset of the tag. */
  offset: number;
  /** WIRE_VARINT, WIRE_I64, WIRE_I32: the value (unsigned). */
  value: bigint;
  /** WIRE_LEN: where the payload starts and how long it is; the cursor stands at `start`. */
  start: number;
  length: number;
}

const MAX_DEPTH = 64;

export class ProtoReader {
  depth = 0;
  constructor(readonly c: Cursor) {}

  /** A base-128 varint of at most 10 bytes; the tenth may only carry the 64th bit. */
  async varint(end: number, what: string): Promise<bigint> {
    const at = this.c.pos;
    const avail = Math.min(10, end - at);
    if (avail <= 0) throw truncated(`${what} at offset ${at}`);
    await this.c.need(avail, what);
    let v = 0n;
    for (let i = 0; i < 10; i++) {
      if (i >= avail) throw truncated(`${what}: varint at offset ${at} runs past its message`);
      const b = this.c.u8();
      if (i === 9 && b & 0x80) throw malformed(`bad varint at offset ${at}: longer than 10 bytes`);
      if (i === 9 && b > 1) throw malformed(`bad varint at offset ${at}: more than 64 bits`);
      v |= BigInt(b & 0x7f) << BigInt(7 * i);
      if ((b & 0x80) === 0) return v;
    }
    throw malformed(`bad varint at offset ${at}`); // unreachable: the tenth byte ends or fails above
  }

  /** Every field of the message that ends at `end`. After each LEN field the cursor moves past it, opened or not. */
  async *fields(end: number): AsyncGenerator<ProtoField> {
    if (++this.depth > MAX_DEPTH) throw overLimit(`protobuf messages nested deeper than ${MAX_DEPTH}`);
    try {
      while (this.c.pos < end) {
        const offset = this.c.pos;
        const tag = await this.varint(end, 'field tag');
        const field = Number(tag >> 3n);
        const wire = Number(tag & 7n);
        if (field === 0 || field > 536_870_911) throw malformed(`bad field number ${field} at offset ${offset}`);
        const f: ProtoField = { field, wire, offset, value: 0n, start: 0, length: 0 };
        if (wire === WIRE_VARINT) f.value = await this.varint(end, `field ${field}`);
        else if (wire === WIRE_I64 || wire === WIRE_I32) {
          const n = wire === WIRE_I64 ? 8 : 4;
          if (this.c.pos + n > end) throw truncated(`field ${field} at offset ${offset}`);
          await this.c.need(n, `field ${field}`);
          f.value = n === 8 ? this.c.u64big() : BigInt(this.c.u32());
        } else if (wire === WIRE_LEN) {
          const len = await this.varint(end, `length of field ${field}`);
          if (len > BigInt(end - this.c.pos)) throw malformed(`field ${field} at offset ${offset} claims ${len} bytes, past the end of its message`);
          f.start = this.c.pos;
          f.length = Number(len);
        } else throw malformed(`unsupported wire type ${wire} (field ${field}) at offset ${offset}`);
        yield f;
        if (wire === WIRE_LEN) this.c.pos = f.start + f.length;
      }
      if (this.c.pos !== end) throw malformed(`a field runs past the end of its message at offset ${end}`);
    } finally {
      this.depth--;
    }
  }

  /** The payload of a LEN field as text (lenient UTF-8), or null if longer than `max`. */
  async string(f: ProtoField, max = 1 << 20): Promise<string | null> {
    if (f.wire !== WIRE_LEN) throw malformed(`field ${f.field} at offset ${f.offset} should be length-delimited`);
    if (f.length > max) return null;
    this.c.pos = f.start;
    await this.c.need(f.length, `field ${f.field}`);
    return text.decode(this.c.bytes(f.length));
  }

  /** A packed repeated varint field (or a single unpacked one) as numbers. */
  async varints(f: ProtoField): Promise<bigint[]> {
    if (f.wire === WIRE_VARINT) return [f.value];
    if (f.wire !== WIRE_LEN) throw malformed(`field ${f.field} at offset ${f.offset} has wire type ${f.wire}`);
    const out: bigint[] = [];
    this.c.pos = f.start;
    while (this.c.pos < f.start + f.length) out.push(await this.varint(f.start + f.length, `packed field ${f.field}`));
    return out;
  }
}

const text = new TextDecoder('utf-8');

/** An int64 field's varint as a number (two's complement for negatives); throws beyond 2^53. */
export function int64(v: bigint, what: string): number {
  const s = v >= 1n << 63n ? v - (1n << 64n) : v;
  if (s > BigInt(Number.MAX_SAFE_INTEGER) || s < BigInt(Number.MIN_SAFE_INTEGER)) throw overLimit(`${what} ${s} is beyond 2^53`);
  return Number(s);
}
