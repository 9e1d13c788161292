// SPDX-License-Identifier: UNLICENSED
// Random-access bytes for the model parsers: a file handle on the Node side, a Uint8Array in tests
// and in the renderer. Parsers read only the ranges they need (a header, a zip directory), so
// inspecting a 100 GiB checkpoint never reads its tensor data.
import { fromUtf8 } from '../encoding.js';
import { ModelFormatError, overLimit, truncated } from './errors.js';

export interface ByteSource {
  /** Total size in bytes (a safe integer: files up to 8 PiB). */
  readonly size: number;
  /** `length` bytes at `offset`, fewer only where the source ends. */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** A ByteSource over bytes already in memory. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: (offset, length) => Promise.resolve(bytes.subarray(Math.min(offset, bytes.length), Math.min(offset + length, bytes.length))),
  };
}

/** The window [offset, offset + length) of another source, seen as a whole source (a stored zip entry). */
export function subSource(src: ByteSource, offset: number, length: number): ByteSource {
  const size = Math.max(0, Math.min(length, src.size - offset));
  return { size, read: (o, n) => src.read(offset + Math.min(o, size), Math.max(0, Math.min(n, size - o))) };
}

/** Reads `length` bytes at `offset` or fails with TRUNCATED naming `what`. */
export async function readExactly(src: ByteSource, offset: number, length: number, what: string): Promise<Uint8Array> {
  if (offset < 0 || length < 0 || offset + length > src.size) throw truncated(what);
  const bytes = await src.read(offset, length);
  if (bytes.length !== length) throw truncated(what);
  return bytes;
}

const TWO_POW_53 = 2n ** 53n;

/**
 * A forward cursor over a ByteSource with a read-ahead window. `need(n)` makes the next n bytes
 * available (one read), after which the typed getters are synchronous. Lengths above `maxRead`
 * are refused before anything is allocated.
 */
export class Cursor {
  private buf: Uint8Array = new Uint8Array(0);
  private bufStart = 0;
  private view: DataView = new DataView(this.buf.buffer);
  /** Bytes fetched from the source so far (what a header-only inspection costs). */
  bytesRead = 0;
  littleEndian = true;
  /** Digests of the raw bytes consumed while attached: fed one window slice at a time, not per read. */
  private readonly taps: { sink: { update(bytes: Uint8Array): unknown }; from: number }[] = [];

  constructor(
    readonly src: ByteSource,
    public pos = 0,
    private readonly readAhead = 64 * 1024,
    private readonly maxRead = 256 * 1024 * 1024,
  ) {}

  get remaining(): number {
    return this.src.size - this.pos;
  }

  /** Ensures `n` bytes at the cursor; `what` names the structure in the error if the file ends. */
  async need(n: number, what = 'data'): Promise<void> {
    if (!Number.isSafeInteger(n) || n < 0) throw overLimit(`${what}: impossible length ${n}`);
    if (n > this.remaining) throw truncated(`${what} (needs ${n} bytes at offset ${this.pos}, ${this.remaining} remain)`);
    const offsetInBuf = this.pos - this.bufStart;
    if (offsetInBuf >= 0 && offsetInBuf + n <= this.buf.length) return;
    if (n > this.maxRead) throw overLimit(`${what}: ${n} bytes is more than the ${this.maxRead}-byte read limit`);
    this.flushTaps();
    const want = Math.min(Math.max(n, this.readAhead), this.remaining, Math.max(n, this.maxRead));
    const bytes = await this.src.read(this.pos, want);
    if (bytes.length < n) throw truncated(what);
    this.bytesRead += bytes.length;
    this.buf = bytes;
    this.bufStart = this.pos;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** True when the next n bytes are already buffered (then need(n) would not read). */
  has(n: number): boolean {
    const o = this.pos - this.bufStart;
    return o >= 0 && o + n <= this.buf.length;
  }

  /** Moves past `n` bytes without reading them (not while a tap is attached). */
  skip(n: number, what = 'data'): void {
    if (!Number.isSafeInteger(n) || n < 0 || n > this.remaining) throw truncated(`${what} (skips ${n} bytes at offset ${this.pos}, ${this.remaining} remain)`);
    if (this.taps.length > 0) throw new ModelFormatError('MALFORMED', 'internal: skip() inside a tapped range');
    this.pos += n;
  }

  /** From now on, every byte consumed also goes to `sink`, until untap(sink). */
  tap(sink: { update(bytes: Uint8Array): unknown }): void {
    this.taps.push({ sink, from: this.pos });
  }

  untap(sink: { update(bytes: Uint8Array): unknown }): void {
    const i = this.taps.findIndex((t) => t.sink === sink);
    if (i < 0) return;
    this.flushTap(this.taps[i]!);
    this.taps.splice(i, 1);
  }

  private flushTap(t: { sink: { update(bytes: Uint8Array): unknown }; from: number }): void {
    const from = Math.max(t.from, this.bufStart);
    if (this.pos > from) t.sink.update(this.buf.subarray(from - this.bufStart, this.pos - this.bufStart));
    t.from = this.pos;
  }

  private flushTaps(): void {
    for (const t of this.taps) this.flushTap(t);
  }

  private at(n: number): number {
    const o = this.pos - this.bufStart;
    if (o < 0 || o + n > this.buf.length) throw new ModelFormatError('MALFORMED', `internal: read of ${n} bytes at ${this.pos} without need()`);
    this.pos += n;
    return o;
  }

  u8(): number {
    return this.view.getUint8(this.at(1));
  }
  u16(): number {
    return this.view.getUint16(this.at(2), this.littleEndian);
  }
  u32(): number {
    return this.view.getUint32(this.at(4), this.littleEndian);
  }
  i8(): number {
    return this.view.getInt8(this.at(1));
  }
  i16(): number {
    return this.view.getInt16(this.at(2), this.littleEndian);
  }
  i32(): number {
    return this.view.getInt32(this.at(4), this.littleEndian);
  }
  u64big(): bigint {
    return this.view.getBigUint64(this.at(8), this.littleEndian);
  }
  i64big(): bigint {
    return this.view.getBigInt64(this.at(8), this.littleEndian);
  }
  f32(): number {
    return this.view.getFloat32(this.at(4), this.littleEndian);
  }
  f64(): number {
    return this.view.getFloat64(this.at(8), this.littleEndian);
  }
  /** A u64 that must fit a JS number (counts, lengths, offsets); `what` names it in the error. */
  u64(what: string): number {
    const v = this.u64big();
    if (v >= TWO_POW_53) throw overLimit(`${what} is ${v}, beyond any real file`);
    return Number(v);
  }
  /** A view of the next n bytes (valid until the next need()). */
  bytes(n: number): Uint8Array {
    const o = this.at(n);
    return this.buf.subarray(o, o + n);
  }
  utf8(n: number, what: string): string {
    const b = this.bytes(n);
    try {
      return fromUtf8(b);
    } catch {
      throw new ModelFormatError('MALFORMED', `${what} is not valid UTF-8`);
    }
  }
}
