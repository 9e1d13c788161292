// SPDX-License-Identifier: UNLICENSED
// A full disk during import: a vault on a 2 MiB tmpfs, and a file larger than the space left.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Keystore } from '../../electron/services/keys/keystore.js';
import { importEvidence } from '../../electron/services/ingest/importer.js';
import { createCase } from '../../electron/services/vault/cases.js';
import { caseEvidence } from '../../electron/services/vault/queries/evidence.js';
import { verifyVault } from '../../electron/services/vault/verifyVault.js';
import { Vault } from '../../electron/services/vault/vault.js';
import { TEST_PASSPHRASE, tempDir } from '../helpers/vaultFixture.js';

const root = tempDir('evault-diskfull-');
const mountPoint = join(root, 'small-disk');
mkdirSync(mountPoint);
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint]);
const skip = mounted.status === 0 ? false : `cannot mount a tmpfs here (needs root): ${String(mounted.stderr).trim()}`;

test('a full disk gives DISK_FULL, records nothing and leaves the vault valid', { skip }, async () => {
  try {
    const keystore = new Keystore(join(root, 'keys'));
    const info = await keystore.create({ name: 'Disk Tester', passphrase: TEST_PASSPHRASE });
    const signer = await keystore.unlock(info.fingerprint, TEST_PASSPHRASE);
    const vault = await Vault.create(join(mountPoint, 'vault'));
    const theCase = createCase(vault, signer, { number: 'FULL-1', title: 'Disk full' });
    const big = join(root, 'big.bin');
    writeFileSync(big, randomBytes(6 * 1024 * 1024));
    await assert.rejects(importEvidence(vault, signer, theCase.id, [big]), (e: Error & { code?: string }) => e.code === 'DISK_FULL' && /disk is full/.test(e.message));
    assert.equal(caseEvidence(vault.db, theCase.id).length, 0);
    assert.deepEqual(readdirSync(join(vault.dir, 'objects', 'tmp')), []);
    vault.close();
    const report = await verifyVault(vault.dir);
    assert.deepEqual(report.issues, []);
    assert.equal(report.ok, true);
  } finally {
    spawnSync('umount', [mountPoint]);
    rmSync(root, { recursive: true, force: true });
  }
});
