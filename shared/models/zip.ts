// SPDX-License-Identifier: UNLICENSED
// A small, defensive ZIP reader (PKWARE APPNOTE.TXT 6.3.x) over a random-access ByteSource: the end
// of central directory record (§4.3.16), ZIP64 (§4.3.14–15, §4.5.3), central directory headers
// (§4.3.12) and local headers (§4.3.7). It lists entries and reads stored or deflated ones; it never
// writes anything, so names like "../../x" are only flagged. Decompression is injected (the Node
// side passes zlib.inflateRawSync), keeping this file browser-safe.
//
// Like PyTorch's reader (and picklescan's RelaxedZipFile after GHSA-w8jq-xcqf-f792), entries are
// located through the central directory, and the local header supplies only the name and extra
// lengths; flag bits a strict reader refuses (0x1 encrypted, 0x20, 0x40) are reported, not obeyed,
// because PyTorch loads such entries anyway. If the central directory is missing or damaged,
// entries are found by walking the local headers from the start of the file.
import { fromUtf8 } from '../encoding.js';
import { readExactly, type ByteSource } from './byteSource.js';
import { ModelFormatError, malformed, overLimit } from './errors.js';

export interface ZipEntry {
  name: string;
  /** The local header's name, when it differs from the central directory's. */
  localName?: string;
  method: number;
  flags: number;
  /** General-purpose bit 0 or 6: the entry claims to be encrypted. */
  encrypted: boolean;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** Where the entry's (compressed) bytes start in the file. */
  dataOffset: number;
  /** 'local' when found only by walking local headers. */
  source: 'central' | 'local';
  problems: string[];
}

export interface ZipDirectory {
  entries: ZipEntry[];
  zip64: boolean;
  /** Bytes before the archive proper (a self-extractor stub, a prepended file). */
  prefixBytes: number;
  problems: string[];
}

export interface ZipLimits {
  maxEntries: number;
  maxCentralDirectoryBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 100_000, maxCentralDirectoryBytes: 64 * 1024 * 1024 };

/** Raw DEFLATE (RFC 1951) decompression: the output, or 'too-large' once it would pass maxOutputLength. */
export type InflateRaw = (compressed: Uint8Array, maxOutputLength: number) => Uint8Array | 'too-large';

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;
const MAX_COMMENT = 0xffff;
/** DEFLATE cannot compress better than about 1032:1; a larger declared ratio is a lie. */
const MAX_DEFLATE_RATIO = 1032;
const LOCAL_WALK_MAX_ENTRIES = 10_000;
/** How far to look for the next header after an entry of unknown size (damaged directories only). */
const MAX_SIGNATURE_SCAN = 64 * 1024 * 1024;

const latin1 = new TextDecoder('latin1');

export function looksLikeZip(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6));
}

export async function readZipDirectory(src: ByteSource, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipDirectory> {
  const problems: string[] = [];
  let central: Omit<ZipDirectory, 'problems'> | undefined;
  try {
    central = await readCentralDirectory(src, limits, problems);
  } catch (err) {
    if (!(err instanceof ModelFormatError) || err.reason === 'LIMIT' || err.reason === 'ZIP_BOMB') throw err;
    problems.push(`central directory unusable (${err.message}); entries found from local headers`);
  }
  // Walking every local header costs a few reads per entry: done when the directory is unusable,
  // and otherwise for archives small enough that it is cheap (to find entries the directory hides).
  const walk = !central || central.entries.length <= LOCAL_WALK_MAX_ENTRIES;
  // From the file's start (a local entry may hide before a prepended archive), else after the prefix.
  let local = walk ? await walkLocalHeaders(src, 0, central?.entries ?? [], limits) : [];
  if (walk && local.length === 0 && central && central.prefixBytes > 0) local = await walkLocalHeaders(src, central.prefixBytes, central.entries, limits);
  const entries = central ? [...central.entries, ...local.filter((l) => l.source === 'local')] : local;
  if (!central && entries.length === 0) throw malformed('not a zip archive: no central directory and no local file headers');
  for (const e of entries) if (e.source === 'local' && central) e.problems.push('a local header the central directory does not list (hidden from most readers)');
  checkOverlaps(entries);
  return { entries, zip64: central?.zip64 ?? false, prefixBytes: central?.prefixBytes ?? 0, problems };
}

async function readCentralDirectory(src: ByteSource, limits: ZipLimits, problems: string[]): Promise<Omit<ZipDirectory, 'problems'>> {
  const tailLength = Math.min(src.size, 22 + MAX_COMMENT);
  const tail = await readExactly(src, src.size - tailLength, tailLength, 'zip end of central directory');
  const tv = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tv.getUint32(i, true) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw malformed('no end of central directory record');
  const eocdOffset = src.size - tailLength + at;
  let count = tv.getUint16(at + 10, true);
  let cdSize = tv.getUint32(at + 12, true);
  let cdOffset = tv.getUint32(at + 16, true);
  let zip64 = false;
  // APPNOTE §4.3.15: a ZIP64 locator just before the EOCD points to the ZIP64 EOCD record, which
  // (like Python's zipfile) we expect right before the locator. PyTorch writes one even when the
  // 32-bit fields suffice; it then marks where the central directory ends.
  let cdEnd = eocdOffset;
  if (at >= 20 && tv.getUint32(at - 20, true) === ZIP64_LOCATOR) {
    const recordAt = eocdOffset - 20 - 56;
    const declaredAt = safeNumber(tv.getBigUint64(at - 12, true), 'ZIP64 EOCD offset');
    let rec = recordAt >= 0 ? await readExactly(src, recordAt, 56, 'ZIP64 end of central directory') : new Uint8Array(56);
    cdEnd = recordAt;
    if (new DataView(rec.buffer, rec.byteOffset, 56).getUint32(0, true) !== ZIP64_EOCD) {
      rec = await readExactly(src, declaredAt, 56, 'ZIP64 end of central directory');
      cdEnd = declaredAt;
    }
    const rv = new DataView(rec.buffer, rec.byteOffset, rec.byteLength);
    if (rv.getUint32(0, true) !== ZIP64_EOCD) throw malformed('bad ZIP64 end of central directory signature');
    count = safeNumber(rv.getBigUint64(32, true), 'ZIP64 entry count');
    cdSize = safeNumber(rv.getBigUint64(40, true), 'ZIP64 central directory size');
    cdOffset = safeNumber(rv.getBigUint64(48, true), 'ZIP64 central directory offset');
    zip64 = true;
  } else if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    throw malformed('ZIP64 sizes without a ZIP64 locator');
  }
  if (count > limits.maxEntries) throw overLimit(`the archive declares ${count} entries, more than the ${limits.maxEntries} we read`);
  if (cdSize > limits.maxCentralDirectoryBytes) throw overLimit(`the central directory is ${cdSize} bytes, more than the ${limits.maxCentralDirectoryBytes} we read`);
  if (count * 46 > cdSize) throw malformed(`${count} entries cannot fit a ${cdSize}-byte central directory`);
  // Bytes prepended to the archive shift every offset (Python's zipfile calls this "concat").
  const prefixBytes = Math.max(0, cdEnd - cdSize - cdOffset);
  if (prefixBytes > 0) problems.push(`${prefixBytes} bytes precede the archive`);
  const cd = await readExactly(src, cdOffset + prefixBytes, cdSize, 'zip central directory');
  const v = new DataView(cd.buffer, cd.byteOffset, cd.byteLength);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || v.getUint32(p, true) !== CENTRAL) throw malformed(`central directory entry ${i} is damaged`);
    const nameLength = v.getUint16(p + 28, true);
    const extraLength = v.getUint16(p + 30, true);
    const commentLength = v.getUint16(p + 32, true);
    if (p + 46 + nameLength + extraLength + commentLength > cd.length) throw malformed(`central directory entry ${i} runs past the directory`);
    const flags = v.getUint16(p + 8, true);
    let compressedSize = v.getUint32(p + 20, true);
    let uncompressedSize = v.getUint32(p + 24, true);
    let localHeaderOffset = v.getUint32(p + 42, true);
    const extra = cd.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength);
    const z64 = zip64Extra(extra, uncompressedSize === 0xffffffff, compressedSize === 0xffffffff, localHeaderOffset === 0xffffffff);
    uncompressedSize = z64.uncompressed ?? uncompressedSize;
    compressedSize = z64.compressed ?? compressedSize;
    localHeaderOffset = (z64.offset ?? localHeaderOffset) + prefixBytes;
    if (z64.found) zip64 = true;
    const name = decodeName(cd.subarray(p + 46, p + 46 + nameLength), flags);
    entries.push({
      name,
      method: v.getUint16(p + 10, true),
      flags,
      encrypted: (flags & 0x41) !== 0,
      crc32: v.getUint32(p + 16, true),
      compressedSize,
      uncompressedSize,
      localHeaderOffset,
      dataOffset: -1,
      source: 'central',
      problems: nameProblems(name),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  for (const e of entries) {
    try {
      await readLocalHeader(src, e);
    } catch (err) {
      if (!(err instanceof ModelFormatError)) throw err;
      e.problems.push(`unreadable: ${err.message}`);
      e.dataOffset = -1;
    }
  }
  return { entries, zip64, prefixBytes };
}

/** Fills dataOffset from the local header and notes where it disagrees with the central directory. */
async function readLocalHeader(src: ByteSource, e: ZipEntry): Promise<void> {
  const h = await readExactly(src, e.localHeaderOffset, 30, `local header of ${e.name}`);
  const v = new DataView(h.buffer, h.byteOffset, 30);
  if (v.getUint32(0, true) !== LOCAL) throw malformed(`no local header where the central directory puts ${e.name} (offset ${e.localHeaderOffset})`);
  const nameLength = v.getUint16(26, true);
  const extraLength = v.getUint16(28, true);
  e.dataOffset = e.localHeaderOffset + 30 + nameLength + extraLength;
  const localName = decodeName(await readExactly(src, e.localHeaderOffset + 30, nameLength, `local name of ${e.name}`), v.getUint16(6, true));
  if (localName !== e.name) {
    e.localName = localName;
    e.problems.push(`local header names it ${JSON.stringify(localName)}`, ...nameProblems(localName));
  }
  if (v.getUint16(8, true) !== e.method) e.problems.push(`local header says compression method ${v.getUint16(8, true)}`);
  if (e.dataOffset + e.compressedSize > src.size) throw malformed(`${e.name}: its data runs past the end of the file`);
  if (e.flags & 0x61) e.problems.push(`flag bits 0x${(e.flags & 0x61).toString(16)} set (encrypted/patched): strict readers refuse it, PyTorch reads it`);
  if (e.method === 8 && e.compressedSize > 0 && e.uncompressedSize / e.compressedSize > MAX_DEFLATE_RATIO) e.problems.push(`declares a ${Math.round(e.uncompressedSize / e.compressedSize)}:1 compression ratio, beyond what DEFLATE can reach`);
}

/** Walks local headers from the start; returns them, marking those the central directory lacks as 'local'. */
async function walkLocalHeaders(src: ByteSource, start: number, known: readonly ZipEntry[], limits: ZipLimits): Promise<ZipEntry[]> {
  const byOffset = new Map(known.map((e) => [e.localHeaderOffset, e]));
  const out: ZipEntry[] = [];
  let pos = start;
  while (pos + 30 <= src.size && out.length < limits.maxEntries) {
    const h = await src.read(pos, 30);
    const v = new DataView(h.buffer, h.byteOffset, h.byteLength);
    if (h.length < 30 || v.getUint32(0, true) !== LOCAL) break;
    const flags = v.getUint16(6, true);
    const nameLength = v.getUint16(26, true);
    const extraLength = v.getUint16(28, true);
    const name = decodeName(await readExactly(src, pos + 30, nameLength, 'local file name'), flags);
    const extra = await readExactly(src, pos + 30 + nameLength, extraLength, 'local extra field');
    const dataOffset = pos + 30 + nameLength + extraLength;
    const knownEntry = byOffset.get(pos);
    let compressedSize = v.getUint32(18, true);
    let uncompressedSize = v.getUint32(22, true);
    const z64 = zip64Extra(extra, uncompressedSize === 0xffffffff, compressedSize === 0xffffffff, false);
    compressedSize = knownEntry?.compressedSize ?? z64.compressed ?? compressedSize;
    uncompressedSize = knownEntry?.uncompressedSize ?? z64.uncompressed ?? uncompressedSize;
    if (!knownEntry && flags & 0x08 && compressedSize === 0) compressedSize = await sizeUntilNextHeader(src, dataOffset);
    if (dataOffset + compressedSize > src.size) break;
    out.push(
      knownEntry ?? {
        name,
        method: v.getUint16(8, true),
        flags,
        encrypted: (flags & 0x41) !== 0,
        crc32: v.getUint32(14, true),
        compressedSize,
        uncompressedSize,
        localHeaderOffset: pos,
        dataOffset,
        source: 'local',
        problems: nameProblems(name),
      },
    );
    pos = dataOffset + compressedSize;
    if (flags & 0x08) pos += await descriptorLength(src, pos, z64.found);
  }
  return out;
}

/** With a data descriptor and no size, the entry ends where the next signature begins (stored entries). */
async function sizeUntilNextHeader(src: ByteSource, from: number): Promise<number> {
  const window = 1 << 20;
  for (let pos = from; pos < src.size && pos - from < MAX_SIGNATURE_SCAN; pos += window - 3) {
    const b = await src.read(pos, window);
    for (let i = 0; i + 4 <= b.length; i++) {
      if (b[i] === 0x50 && b[i + 1] === 0x4b) {
        const sig = b[i + 2]! | (b[i + 3]! << 8);
        if (sig === 0x0403 || sig === 0x0201 || sig === 0x0807 || sig === 0x0605) return pos + i - from;
      }
    }
    if (b.length < window) break;
  }
  return src.size - from;
}

async function descriptorLength(src: ByteSource, pos: number, zip64: boolean): Promise<number> {
  const b = await src.read(pos, 4);
  const signed = b.length === 4 && new DataView(b.buffer, b.byteOffset, 4).getUint32(0, true) === DESCRIPTOR;
  return (signed ? 4 : 0) + (zip64 ? 20 : 12);
}

/** APPNOTE §4.5.3: the ZIP64 extra field holds, in this order, only the values whose 32-bit field is 0xFFFFFFFF. */
function zip64Extra(extra: Uint8Array, wantUncompressed: boolean, wantCompressed: boolean, wantOffset: boolean): { found: boolean; uncompressed?: number; compressed?: number; offset?: number } {
  const v = new DataView(extra.buffer, extra.byteOffset, extra.byteLength);
  for (let p = 0; p + 4 <= extra.length; ) {
    const id = v.getUint16(p, true);
    const size = v.getUint16(p + 2, true);
    if (id === 0x0001) {
      const out: { found: boolean; uncompressed?: number; compressed?: number; offset?: number } = { found: true };
      let q = p + 4;
      const next = (what: string): number | undefined => {
        if (q + 8 > p + 4 + size || q + 8 > extra.length) return undefined;
        q += 8;
        return safeNumber(v.getBigUint64(q - 8, true), what);
      };
      if (wantUncompressed) out.uncompressed = next('ZIP64 uncompressed size');
      if (wantCompressed) out.compressed = next('ZIP64 compressed size');
      if (wantOffset) out.offset = next('ZIP64 local header offset');
      return out;
    }
    p += 4 + size;
  }
  return { found: false };
}

function checkOverlaps(entries: readonly ZipEntry[]): void {
  const sorted = entries.filter((e) => e.dataOffset >= 0).sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    if (sorted[i]!.localHeaderOffset < prev.dataOffset + prev.compressedSize) {
      // Many central entries sharing one local header or overlapping data: the non-recursive zip bomb.
      throw new ModelFormatError('ZIP_BOMB', `zip entries ${JSON.stringify(prev.name)} and ${JSON.stringify(sorted[i]!.name)} overlap (a zip bomb or a forged directory)`);
    }
  }
}

export interface ReadEntryOptions {
  inflateRaw?: InflateRaw;
  /** Refuse entries that expand beyond this many bytes. */
  maxBytes: number;
}

/** The entry's bytes (inflated if deflated). The encryption flag is not obeyed: callers see what PyTorch sees. */
export async function readZipEntry(src: ByteSource, entry: ZipEntry, options: ReadEntryOptions): Promise<Uint8Array> {
  if (entry.dataOffset < 0) throw malformed(`${entry.name}: no local header where the central directory puts it`);
  if (entry.method !== 0 && entry.method !== 8) throw new ModelFormatError('UNSUPPORTED', `${entry.name}: compression method ${entry.method} is not read (only stored and deflate)`);
  const declared = entry.method === 0 ? entry.compressedSize : entry.uncompressedSize;
  if (declared > options.maxBytes) throw overLimit(`${entry.name} expands to ${declared} bytes, more than the ${options.maxBytes} we read`);
  const raw = await readExactly(src, entry.dataOffset, entry.compressedSize, `data of ${entry.name}`);
  if (entry.method === 0) return raw;
  if (entry.compressedSize > 0 && declared / entry.compressedSize > MAX_DEFLATE_RATIO) throw new ModelFormatError('ZIP_BOMB', `${entry.name} declares ${declared} bytes from ${entry.compressedSize}: more than DEFLATE can expand`);
  if (!options.inflateRaw) throw new ModelFormatError('UNSUPPORTED', `${entry.name} is deflated and no inflater was given`);
  let out: Uint8Array | 'too-large';
  try {
    out = options.inflateRaw(raw, declared + 1);
  } catch (cause) {
    throw new ModelFormatError('MALFORMED', `${entry.name}: corrupt deflate data (${(cause as Error).message})`, { cause });
  }
  if (out === 'too-large' || out.length > declared) throw new ModelFormatError('ZIP_BOMB', `${entry.name} inflates beyond its declared ${declared} bytes (a zip bomb)`);
  if (out.length < declared) entry.problems.push(`inflates to ${out.length} bytes, not the declared ${declared}`);
  return out;
}

function decodeName(bytes: Uint8Array, flags: number): string {
  if (flags & 0x800) {
    try {
      return fromUtf8(bytes);
    } catch {
      return latin1.decode(bytes);
    }
  }
  return latin1.decode(bytes); // CP437 in the spec; the ASCII range is all model archives use
}

/** Names that would escape an extraction directory or hide as something else. */
export function nameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.split(/[\\/]/).includes('..')) problems.push('the name climbs out of the archive ("..")');
  if (/^([\\/]|[A-Za-z]:)/.test(name)) problems.push('the name is an absolute path');
  if (name.includes('\\')) problems.push('the name contains backslashes');
  if (name.includes('\0')) problems.push('the name contains a NUL byte');
  return problems;
}

function safeNumber(v: bigint, what: string): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw overLimit(`${what} ${v} is beyond any real file`);
  return Number(v);
}
