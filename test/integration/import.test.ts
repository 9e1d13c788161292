// SPDX-License-Identifier: UNLICENSED
// Import on real vault folders: fingerprints, object store, duplicates, atomicity on failure.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importEvidence } from '../../electron/services/ingest/importer.js';
import { caseEvidence } from '../../electron/services/vault/queries/evidence.js';
import { logEvents } from '../../electron/services/vault/queries/events.js';
import { parseEvent } from '../../shared/custody/verifyLog.js';
import { vaultFixture, type VaultFixture } from '../helpers/vaultFixture.js';

const sha = (alg: string, b: Buffer) => createHash(alg).update(b).digest('hex');

describe('import', () => {
  let f: VaultFixture;
  beforeEach(async () => {
    f = await vaultFixture();
  });
  afterEach(() => f.cleanup());

  const countEvents = () => logEvents(f.vault.db, f.theCase.id).length;
  const objectFiles = () => readdirSync(join(f.vault.dir, 'objects', 'sha256'), { recursive: true }).filter((p) => statSync(join(f.vault.dir, 'objects', 'sha256', String(p))).isFile());
  const tempFiles = () => readdirSync(join(f.vault.dir, 'objects', 'tmp'));

  test('a file is fingerprinted, copied read-only into objects/sha256/ab/cd…, and recorded with a signed event', async () => {
    const data = randomBytes(10 * 1024 * 1024 + 17); // spans several read chunks
    const path = join(f.root, 'export.bin');
    writeFileSync(path, data);
    const [item] = await importEvidence(f.vault, f.signer, 'CASE-1', [path], { legacyHashes: true });
    assert.ok(item);
    assert.equal(item.sha256, sha('sha256', data));
    assert.equal(item.md5, sha('md5', data));
    assert.equal(item.sha1, sha('sha1', data));
    assert.equal(item.size, data.length);
    assert.equal(item.duplicate, false);
    const object = join(f.vault.dir, 'objects', 'sha256', item.sha256.slice(0, 2), item.sha256.slice(2));
    assert.deepEqual(readFileSync(object), data);
    assert.equal(statSync(object).mode & 0o222, 0, 'object is read-only');
    const event = parseEvent(new Uint8Array(logEvents(f.vault.db, f.theCase.id).at(-1)!.bytes));
    assert.equal(event.action, 'evidence.acquired');
    assert.equal(event.evidence, item.id);
    assert.equal(event.details.sha256, item.sha256);
    assert.equal(event.details.md5, item.md5);
    assert.equal(event.details.size, data.length);
  });

  test('folders are walked recursively with relative names; an identical file is a duplicate, stored once', async () => {
    const dir = join(f.root, 'exports');
    mkdirSync(join(dir, 'day2'), { recursive: true });
    writeFileSync(join(dir, 'a.jsonl'), '{"a":1}\n{"a":2}\n');
    writeFileSync(join(dir, 'day2', 'b.log'), '2026-01-01T00:00:00Z x\n');
    writeFileSync(join(dir, 'day2', 'copy-of-a.jsonl'), '{"a":1}\n{"a":2}\n');
    const items = await importEvidence(f.vault, f.signer, 'CASE-1', [dir]);
    assert.deepEqual(items.map((i) => [i.name, i.duplicate]), [['exports/a.jsonl', false], ['exports/day2/b.log', false], ['exports/day2/copy-of-a.jsonl', true]]);
    assert.equal(items[2]!.id, items[0]!.id, 'the duplicate points at the evidence already recorded');
    assert.equal(items[0]!.kind, 'log');
    assert.equal(caseEvidence(f.vault.db, f.theCase.id).length, 2);
    assert.equal(objectFiles().length, 2);
    const again = await importEvidence(f.vault, f.signer, 'CASE-1', [join(dir, 'a.jsonl')]);
    assert.equal(again[0]!.duplicate, true);
    assert.equal(caseEvidence(f.vault.db, f.theCase.id).length, 2);
  });

  test('--in-place fingerprints without copying and records the source path', async () => {
    const path = join(f.root, 'model.safetensors');
    writeFileSync(path, randomBytes(1000));
    const [item] = await importEvidence(f.vault, f.signer, 'CASE-1', [path], { inPlace: true });
    assert.equal(item!.stored, false);
    assert.equal(objectFiles().length, 0);
    assert.equal(caseEvidence(f.vault.db, f.theCase.id)[0]!.source_path, path);
  });

  test('a missing path fails before anything is read or recorded', async () => {
    const good = join(f.root, 'good.txt');
    writeFileSync(good, 'x');
    const before = countEvents();
    await assert.rejects(importEvidence(f.vault, f.signer, 'CASE-1', [good, join(f.root, 'nope.txt')]), (e: Error & { code?: string }) => e.code === 'SOURCE_MISSING' && /nope\.txt does not exist/.test(e.message));
    assert.equal(countEvents(), before);
    assert.equal(objectFiles().length, 0);
  });

  test('an unreadable file fails the whole batch: no rows, no events, no stray objects', async () => {
    const good = join(f.root, 'good.txt');
    writeFileSync(good, 'first file, imported before the failure');
    const before = countEvents();
    // /proc/self/mem is a regular file whose read at offset 0 fails with EIO, even for root.
    await assert.rejects(importEvidence(f.vault, f.signer, 'CASE-1', [good, '/proc/self/mem']), (e: Error & { code?: string }) => e.code === 'SOURCE_UNREADABLE');
    assert.equal(countEvents(), before);
    assert.equal(caseEvidence(f.vault.db, f.theCase.id).length, 0);
    assert.equal(objectFiles().length, 0);
    assert.deepEqual(tempFiles(), []);
  });

  test('a file that vanishes mid-import is reported and nothing is recorded', async () => {
    const path = join(f.root, 'big.bin');
    writeFileSync(path, randomBytes(12 * 1024 * 1024));
    let removed = false;
    await assert.rejects(
      importEvidence(f.vault, f.signer, 'CASE-1', [path], {
        onProgress: () => {
          if (!removed) unlinkSync(path);
          removed = true;
        },
      }),
      (e: Error & { code?: string }) => e.code === 'SOURCE_CHANGED' && /vanished/.test(e.message),
    );
    assert.equal(caseEvidence(f.vault.db, f.theCase.id).length, 0);
    assert.equal(objectFiles().length, 0);
    assert.deepEqual(tempFiles(), []);
  });

  test('cancelling (Ctrl-C) mid-import records nothing and removes what was written', async () => {
    const a = join(f.root, 'a.bin');
    const b = join(f.root, 'b.bin');
    writeFileSync(a, randomBytes(5 * 1024 * 1024));
    writeFileSync(b, randomBytes(9 * 1024 * 1024));
    const controller = new AbortController();
    await assert.rejects(
      importEvidence(f.vault, f.signer, 'CASE-1', [a, b], {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.index === 1) controller.abort();
        },
      }),
      (e: Error & { code?: string }) => e.code === 'CANCELLED',
    );
    assert.equal(caseEvidence(f.vault.db, f.theCase.id).length, 0);
    assert.equal(objectFiles().length, 0, 'the first file\'s object was removed again');
    assert.deepEqual(tempFiles(), []);
  });

  test('an unknown case is a clear NOT_FOUND error', async () => {
    await assert.rejects(importEvidence(f.vault, f.signer, 'NO-SUCH-CASE', [f.root]), (e: Error & { code?: string }) => e.code === 'NOT_FOUND');
    assert.ok(existsSync(f.vault.dir));
  });
});
