// SPDX-License-Identifier: UNLICENSED
// The defensive zip reader on hand-made archives: the normal cases, ZIP64, and every trick the
// brief names (zip bombs, ../../x, damaged central directories, odd flags, prepended bytes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';
import { bytesSource } from '../../../../shared/models/byteSource.js';
import { ModelFormatError } from '../../../../shared/models/errors.js';
import { readZipDirectory, readZipEntry, type InflateRaw } from '../../../../shared/models/zip.js';
import { centralStart, concat, enc, u16, u32, zip } from './build.js';

const inflateRaw: InflateRaw = (d, max) => {
  try {
    return inflateRawSync(d, { maxOutputLength: max });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return 'too-large';
    throw err;
  }
};
const read = (bytes: Uint8Array, name: string, maxBytes = 1 << 20) =>
  readZipDirectory(bytesSource(bytes)).then((d) => readZipEntry(bytesSource(bytes), d.entries.find((e) => e.name === name)!, { inflateRaw, maxBytes }));

async function rejectsWith(p: Promise<unknown>, reason: string, message: RegExp): Promise<void> {
  await assert.rejects(p, (err: unknown) => err instanceof ModelFormatError && err.reason === reason && message.test(err.message));
}

test('stored and deflated entries read back; sizes and offsets come from the central directory', async () => {
  const a = enc('hello stored');
  const b = enc('hello deflated '.repeat(100));
  const z = zip([{ name: 'a.txt', data: a }, { name: 'dir/b.txt', data: b, deflate: true }]);
  const dir = await readZipDirectory(bytesSource(z));
  assert.deepEqual(dir.entries.map((e) => [e.name, e.method, e.uncompressedSize, e.source]), [['a.txt', 0, a.length, 'central'], ['dir/b.txt', 8, b.length, 'central']]);
  assert.deepEqual(await read(z, 'a.txt'), a);
  assert.deepEqual(Buffer.from(await read(z, 'dir/b.txt')), Buffer.from(b));
  assert.deepEqual(dir.problems, []);
});

test('ZIP64 end records are followed', async () => {
  const z = zip([{ name: 'x', data: enc('64') }], { zip64: true });
  const dir = await readZipDirectory(bytesSource(z));
  assert.equal(dir.zip64, true);
  assert.deepEqual(await read(z, 'x'), enc('64'));
});

test('a name climbing out of the archive, an absolute name and a local/central name mismatch are flagged', async () => {
  const z = zip([{ name: '../../x', data: enc('a') }, { name: '/etc/passwd', data: enc('b') }, { name: 'data.pkl', localName: 'datap.kl', data: enc('c') }]);
  const [up, abs, mismatch] = (await readZipDirectory(bytesSource(z))).entries;
  assert.match(up!.problems.join(), /climbs out of the archive/);
  assert.match(abs!.problems.join(), /absolute path/);
  assert.equal(mismatch!.localName, 'datap.kl');
  assert.match(mismatch!.problems.join(), /local header names it "datap.kl"/);
});

test('zip bomb: an entry inflating past its declared size is refused, and so is one past the read limit', async () => {
  const zeros = new Uint8Array(64 << 20); // 64 MiB of zeros deflate to about 64 KiB
  const liar = zip([{ name: 'bomb', data: zeros, deflate: true, declaredSize: 1024 }]);
  await rejectsWith(read(liar, 'bomb'), 'ZIP_BOMB', /inflates beyond its declared 1024 bytes/);
  const honest = zip([{ name: 'big', data: zeros, deflate: true }]);
  await rejectsWith(read(honest, 'big', 1 << 20), 'LIMIT', /expands to 67108864 bytes, more than the 1048576/);
  const ratio = zip([{ name: 'ratio', data: enc('x'), deflate: true, declaredSize: 4_000_000_000 }]);
  await rejectsWith(read(ratio, 'ratio', 2 ** 40), 'ZIP_BOMB', /more than DEFLATE can expand/);
});

test('zip bomb: many central entries sharing one local header (overlap) are refused', async () => {
  const one = zip([{ name: 'a', data: enc('payload') }]);
  // Duplicate the central directory entry 1000 times (Fifield's non-recursive bomb shape).
  const cdStart = one.length - 22 - (46 + 1);
  const entry = one.subarray(cdStart, cdStart + 47);
  const cd = concat(...Array.from({ length: 1000 }, () => entry));
  const eocd = concat(u32(0x06054b50), u16(0), u16(0), u16(1000), u16(1000), u32(cd.length), u32(cdStart), u16(0));
  await rejectsWith(readZipDirectory(bytesSource(concat(one.subarray(0, cdStart), cd, eocd))), 'ZIP_BOMB', /overlap/);
});

test('an archive declaring more entries than the limit is refused before reading them', async () => {
  const eocd = concat(u32(0x06054b50), u16(0), u16(0), u16(60000), u16(60000), u32(60000 * 46), u32(0), u16(0));
  await rejectsWith(readZipDirectory(bytesSource(concat(new Uint8Array(60000 * 46), eocd)), { maxEntries: 1000, maxCentralDirectoryBytes: 1 << 26 }), 'LIMIT', /declares 60000 entries/);
});

test('a damaged or missing central directory: entries are found by walking the local headers', async () => {
  const z = zip([{ name: 'data.pkl', data: enc('one') }, { name: 'b', data: enc('two') }]);
  const broken = z.slice();
  broken.set(enc('XXXX'), centralStart(z)); // corrupt the first central header's signature
  const dir = await readZipDirectory(bytesSource(broken));
  assert.deepEqual(dir.entries.map((e) => [e.name, e.source]), [['data.pkl', 'local'], ['b', 'local']]);
  assert.match(dir.problems.join(), /central directory unusable/);
  const noCentral = zip([{ name: 'only-local', data: enc('x') }], { omitCentral: true });
  assert.deepEqual((await readZipDirectory(bytesSource(noCentral))).entries.map((e) => e.name), ['only-local']);
});

test('a local entry the central directory does not list is reported as hidden', async () => {
  // A local entry placed before an archive whose directory knows only the entry after it.
  const hidden = zip([{ name: 'hidden.pkl', data: enc('h') }], { omitCentral: true });
  const z = zip([{ name: 'visible', data: enc('v') }], { prefix: hidden });
  const dir = await readZipDirectory(bytesSource(z));
  assert.deepEqual(dir.entries.map((e) => [e.name, e.source]), [['visible', 'central'], ['hidden.pkl', 'local']]);
  assert.match(dir.entries[1]!.problems.join(), /does not list/);
});

test('flag bits a strict reader refuses are reported but not obeyed; unknown methods are refused', async () => {
  const z = zip([{ name: 'e.pkl', data: enc('plain'), flags: 0x1 }]);
  const [e] = (await readZipDirectory(bytesSource(z))).entries;
  assert.equal(e!.encrypted, true);
  assert.match(e!.problems.join(), /flag bits 0x1/);
  assert.deepEqual(await read(z, 'e.pkl'), enc('plain'));
  const lzma = z.slice();
  lzma[8] = 14; // local method
  lzma[centralStart(z) + 10] = 14; // central method
  await rejectsWith(read(lzma, 'e.pkl'), 'UNSUPPORTED', /compression method 14/);
});

test('bytes prepended to an archive shift every offset and are reported', async () => {
  const z = zip([{ name: 'a', data: enc('after a stub') }], { prefix: enc('#!/bin/sh\nexit 0\n') });
  const dir = await readZipDirectory(bytesSource(z));
  assert.match(dir.problems.join(), /17 bytes precede the archive/);
  assert.deepEqual(await read(z, 'a'), enc('after a stub'));
});

test('truncated archives and garbage fail with a coded error, never a crash', async () => {
  const z = zip([{ name: 'a', data: enc('abc') }]);
  for (let cut = 0; cut < z.length; cut += 7) {
    await readZipDirectory(bytesSource(z.subarray(0, cut))).then(
      () => undefined,
      (err: unknown) => assert.ok(err instanceof ModelFormatError, `cut at ${cut}: ${String(err)}`),
    );
  }
  await rejectsWith(readZipDirectory(bytesSource(enc('not a zip at all'))), 'MALFORMED', /not a zip archive/);
});
