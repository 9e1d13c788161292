// SPDX-License-Identifier: UNLICENSED
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Keystore } from '../../electron/services/keys/keystore.js';
import { ed25519Sign, ed25519Verify } from '../../shared/crypto/ed25519.js';
import { keyFingerprint } from '../../shared/crypto/keyFingerprint.js';
import { utf8 } from '../../shared/encoding.js';
import { TEST_PASSPHRASE, tempDir } from '../helpers/vaultFixture.js';

test('a key is stored encrypted with scrypt + AES-256-GCM, and unlocks only with its passphrase', async () => {
  const dir = tempDir('evault-ks-');
  const ks = new Keystore(dir);
  const info = await ks.create({ name: 'Ana Examiner', role: 'lead', passphrase: TEST_PASSPHRASE });
  assert.equal(info.fingerprint, keyFingerprint(info.publicKey));
  const file = join(dir, `${info.fingerprint}.key.json`);
  assert.equal(statSync(file).mode & 0o077, 0, 'key file is private to its owner');
  const stored = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(stored.kdf.name, 'scrypt');
  assert.ok(stored.kdf.N >= 2 ** 17);
  assert.equal(stored.cipher.name, 'aes-256-gcm');

  const signer = await ks.unlock(info.fingerprint, TEST_PASSPHRASE);
  const msg = utf8('custody');
  const sig = signer.sign(msg);
  assert.ok(ed25519Verify(sig, msg, info.publicKey));

  const before = readdirSync(dir).map((n) => [n, readFileSync(join(dir, n), 'utf8')]);
  await assert.rejects(ks.unlock(info.fingerprint, 'wrong passphrase'), (e: Error & { code?: string }) => e.code === 'WRONG_PASSPHRASE' && /wrong passphrase/.test(e.message));
  assert.deepEqual(readdirSync(dir).map((n) => [n, readFileSync(join(dir, n), 'utf8')]), before, 'nothing written');
});

test('node:crypto signatures are byte-identical to @noble/ed25519 for the same key and message', async () => {
  const dir = tempDir('evault-ks-');
  const ks = new Keystore(dir);
  const info = await ks.create({ name: 'X', passphrase: TEST_PASSPHRASE });
  const signer = await ks.unlock(info.fingerprint, TEST_PASSPHRASE);
  // Recover the seed the same way unlock does, to sign with noble too.
  const { createDecipheriv, scryptSync } = await import('node:crypto');
  const f = JSON.parse(readFileSync(join(dir, `${info.fingerprint}.key.json`), 'utf8'));
  const kek = scryptSync(TEST_PASSPHRASE, Buffer.from(f.kdf.salt, 'base64'), 32, { N: f.kdf.N, r: f.kdf.r, p: f.kdf.p, maxmem: 512 * 1024 * 1024 });
  const d = createDecipheriv('aes-256-gcm', kek, Buffer.from(f.cipher.iv, 'base64'));
  d.setAAD(Buffer.from(f.fingerprint));
  d.setAuthTag(Buffer.from(f.cipher.tag, 'base64'));
  const seed = Buffer.concat([d.update(Buffer.from(f.cipher.ciphertext, 'base64')), d.final()]);
  for (const text of ['', 'a', 'x'.repeat(10_000), '{"type":"evault.custody.v1"}']) {
    assert.deepEqual(signer.sign(utf8(text)), ed25519Sign(utf8(text), seed));
  }
});

test('a relabelled key file fails authentication (fingerprint bound as AAD)', async () => {
  const dir = tempDir('evault-ks-');
  const ks = new Keystore(dir);
  const a = await ks.create({ name: 'A', passphrase: TEST_PASSPHRASE });
  const { writeFileSync } = await import('node:fs');
  const f = JSON.parse(readFileSync(join(dir, `${a.fingerprint}.key.json`), 'utf8'));
  const fake = 'f'.repeat(64);
  writeFileSync(join(dir, `${fake}.key.json`), JSON.stringify({ ...f, fingerprint: fake }));
  await assert.rejects(ks.unlock(fake, TEST_PASSPHRASE), (e: Error & { code?: string }) => e.code === 'WRONG_PASSPHRASE');
});

test('finding a key: none, one, several, by prefix', async () => {
  const ks = new Keystore(tempDir('evault-ks-'));
  await assert.rejects(ks.find(), (e: Error & { code?: string }) => e.code === 'NO_KEY');
  const a = await ks.create({ name: 'A', passphrase: TEST_PASSPHRASE });
  assert.equal((await ks.find()).fingerprint, a.fingerprint);
  const b = await ks.create({ name: 'B', passphrase: TEST_PASSPHRASE });
  await assert.rejects(ks.find(), (e: Error & { code?: string }) => e.code === 'NO_KEY' && /--key/.test(e.message));
  assert.equal((await ks.find(b.fingerprint.slice(0, 12))).name, 'B');
  await assert.rejects(ks.create({ name: 'C', passphrase: 'short' }), (e: Error & { code?: string }) => e.code === 'BAD_INPUT');
});

test('every new key has an ECDSA P-256 companion, bound to the identity by a signed event with proof of possession', async () => {
  const { createPublicKey, verify } = await import('node:crypto');
  const { vaultFixture } = await import('../helpers/vaultFixture.js');
  const { logEvents } = await import('../../electron/services/vault/queries/events.js');
  const { parseEvent } = await import('../../shared/custody/verifyLog.js');
  const { verifyVault } = await import('../../electron/services/vault/verifyVault.js');
  const f = await vaultFixture();
  try {
    assert.ok(f.signer.companion);
    const key = createPublicKey({ key: Buffer.from(f.signer.companion.spki), format: 'der', type: 'spki' });
    assert.equal(key.asymmetricKeyDetails?.namedCurve, 'prime256v1');
    const msg = Buffer.from('report bytes');
    assert.ok(verify('sha256', msg, key, f.signer.companion.sign(msg)));
    const bound = logEvents(f.vault.db, 'vault').map((r) => parseEvent(new Uint8Array(r.bytes))).filter((e) => e.action === 'examiner.companion_bound');
    assert.equal(bound.length, 1);
    assert.equal(bound[0]!.details.spki, Buffer.from(f.signer.companion.spki).toString('base64'));
    assert.equal((await verifyVault(f.vault.dir)).ok, true);
    // A binding whose possession proof does not verify is reported, even though its event is signed.
    const { appendEvent } = await import('../../electron/services/vault/custodyLog.js');
    const forged = appendEvent(f.vault.db, f.signer, { caseId: null, action: 'examiner.companion_bound', details: { ...bound[0]!.details, possession: Buffer.alloc(70, 1).toString('base64') } });
    const r = await verifyVault(f.vault.dir);
    assert.deepEqual(r.issues.map((i) => `${i.code}@${i.seq}`), [`EXAMINER_MISMATCH@${forged.event.seq}`]);
  } finally {
    f.cleanup();
  }
});

test('a key made without a companion gets one with addCompanion, keeping its identity; a wrong passphrase changes nothing', async () => {
  const dir = tempDir('evault-ks-');
  const ks = new Keystore(dir);
  const info = await ks.create({ name: 'Old', passphrase: TEST_PASSPHRASE });
  const file = join(dir, `${info.fingerprint}.key.json`);
  const { writeFileSync } = await import('node:fs');
  const legacy = JSON.parse(readFileSync(file, 'utf8'));
  delete legacy.companion;
  writeFileSync(file, JSON.stringify(legacy));
  assert.equal((await ks.unlock(info.fingerprint, TEST_PASSPHRASE)).companion, null);
  await assert.rejects(ks.addCompanion(info.fingerprint, 'wrong passphrase'), (e: Error & { code?: string }) => e.code === 'WRONG_PASSPHRASE');
  assert.equal(JSON.parse(readFileSync(file, 'utf8')).companion, undefined);
  const updated = await ks.addCompanion(info.fingerprint, TEST_PASSPHRASE);
  assert.ok(updated.companionSpki);
  const signer = await ks.unlock(info.fingerprint, TEST_PASSPHRASE);
  assert.equal(signer.fingerprint, info.fingerprint);
  assert.deepEqual(signer.companion!.spki, updated.companionSpki);
  assert.deepEqual(readdirSync(dir).filter((n) => n.endsWith('.tmp')), []);
});

test('the organisation is kept in the key file and signed into examiner.registered; verify-vault checks the examiners row against it', async () => {
  const { Vault } = await import('../../electron/services/vault/vault.js');
  const { ensureExaminer } = await import('../../electron/services/vault/cases.js');
  const { logEvents } = await import('../../electron/services/vault/queries/events.js');
  const { getExaminer } = await import('../../electron/services/vault/queries/examiners.js');
  const { parseEvent } = await import('../../shared/custody/verifyLog.js');
  const { verifyVault } = await import('../../electron/services/vault/verifyVault.js');
  const dir = tempDir('evault-ks-');
  const ks = new Keystore(dir);
  const withOrg = await ks.create({ name: 'Ana Examiner', role: 'lead', organisation: '  Example Forensics Ltd ', passphrase: TEST_PASSPHRASE });
  const without = await ks.create({ name: 'Bo Examiner', passphrase: TEST_PASSPHRASE });
  assert.equal(withOrg.organisation, 'Example Forensics Ltd');
  assert.equal(without.organisation, null);
  assert.equal(JSON.parse(readFileSync(join(dir, `${withOrg.fingerprint}.key.json`), 'utf8')).organisation, 'Example Forensics Ltd');
  assert.deepEqual((await ks.list()).map((k) => k.organisation).sort(), ['Example Forensics Ltd', null].sort());

  const vault = await Vault.create(join(tempDir('evault-org-'), 'vault'));
  const a = await ks.unlock(withOrg.fingerprint, TEST_PASSPHRASE);
  const b = await ks.unlock(without.fingerprint, TEST_PASSPHRASE);
  assert.equal(a.organisation, 'Example Forensics Ltd');
  assert.ok(ensureExaminer(vault, a));
  assert.ok(ensureExaminer(vault, b));
  const registered = logEvents(vault.db, 'vault').map((r) => parseEvent(new Uint8Array(r.bytes))).filter((e) => e.action === 'examiner.registered');
  assert.deepEqual(registered.map((e) => e.details.organisation), ['Example Forensics Ltd', undefined], 'signed when given, absent when not');
  assert.equal(getExaminer(vault.db, a.fingerprint)?.organisation, 'Example Forensics Ltd');
  assert.equal(getExaminer(vault.db, b.fingerprint)?.organisation, null);
  assert.equal((await verifyVault(vault.dir)).ok, true);

  // Someone who gets past the append-only trigger and relabels the examiner's organisation is caught.
  const seq = getExaminer(vault.db, a.fingerprint)!.registered_seq;
  vault.db.exec('DROP TRIGGER examiners_no_update');
  vault.db.prepare('UPDATE examiners SET organisation = ? WHERE fingerprint = ?').run('Other Org', a.fingerprint);
  const r = await verifyVault(vault.dir);
  assert.deepEqual(r.issues.map((i) => `${i.code}@${i.seq}`), [`EXAMINER_MISMATCH@${seq}`]);
  vault.close();
});

test('a key file written before organisations were recorded reads as organisation null and still unlocks', async () => {
  const { writeFileSync } = await import('node:fs');
  const dir = tempDir('evault-ks-');
  const ks = new Keystore(dir);
  const info = await ks.create({ name: 'Old Key', organisation: 'Dropped Org', passphrase: TEST_PASSPHRASE });
  const file = join(dir, `${info.fingerprint}.key.json`);
  const legacy = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  delete legacy.organisation;
  writeFileSync(file, JSON.stringify(legacy, null, 2) + '\n');
  assert.equal((await ks.find(info.fingerprint)).organisation, null);
  assert.equal((await ks.unlock(info.fingerprint, TEST_PASSPHRASE)).organisation, null);
});
