// SPDX-License-Identifier: UNLICENSED
// The Keys screen's handlers on the real services and real OpenSSL: the exported PEMs are the
// identity's keys as openssl reads them, the CSR verifies, a CA's answer is imported and listed,
// a certificate for another key is refused, and nothing is overwritten.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createApp } from '../../electron/services/app/appHandlers.js';
import { EvaultError } from '../../shared/errors.js';

const ctx = { transport: 'bridge' as const };
const PASSPHRASE = 'correct horse battery staple';
const code = (c: string) => (e: unknown) => e instanceof EvaultError && e.code === c;
const skip = spawnSync('openssl', ['version']).status === 0 ? false : 'openssl is not installed (apt: openssl)';

function openssl(args: string[], input?: string): string {
  const r = spawnSync('openssl', args, { encoding: 'utf8', input });
  assert.equal(r.status, 0, `openssl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout + r.stderr;
}

test('keys: list, export PEMs openssl reads, CSR, CA certificate import', { skip, timeout: 120_000 }, async () => {
  const root = mkdtempSync(join(tmpdir(), 'evault-keys-app-'));
  const app = createApp({ vaultDir: join(root, 'vault'), keystoreDir: join(root, 'keys'), mode: 'browser' });
  const at = (n: string) => join(root, n);
  try {
    const me = await app.handlers.createIdentity(ctx, { name: 'Ana Examiner', role: 'Analyst', organisation: 'Lab', passphrase: PASSPHRASE });
    const [k] = await app.handlers.listKeys(ctx);
    assert.equal(k!.fingerprint, me.fingerprint);
    assert.equal(k!.unlocked, true);
    assert.equal(k!.certificate, null, 'no certificate before the first report or import');
    assert.match(k!.companionSpkiSha256 ?? '', /^[0-9a-f]{64}$/);

    const ed = await app.handlers.exportPublicKey(ctx, { fingerprint: me.fingerprint, companion: false, out: at('ed.pem') });
    assert.equal(readFileSync(at('ed.pem'), 'utf8'), ed.pem);
    assert.match(openssl(['pkey', '-pubin', '-in', at('ed.pem'), '-noout', '-text']), /ED25519 Public-Key/);
    // The fingerprint is the SHA-256 of the raw public key (the DER's last 32 bytes).
    const edDer = spawnSync('openssl', ['pkey', '-pubin', '-in', at('ed.pem'), '-outform', 'DER']).stdout;
    assert.equal(createHash('sha256').update(edDer.subarray(edDer.length - 32)).digest('hex'), me.fingerprint);
    const p256 = await app.handlers.exportPublicKey(ctx, { fingerprint: me.fingerprint, companion: true });
    assert.equal(p256.path, null);
    writeFileSync(at('p256.pem'), p256.pem);
    assert.match(openssl(['pkey', '-pubin', '-in', at('p256.pem'), '-noout', '-text']), /NIST CURVE: P-256|prime256v1/);
    const spki = spawnSync('openssl', ['pkey', '-pubin', '-in', at('p256.pem'), '-outform', 'DER']).stdout;
    assert.equal(createHash('sha256').update(spki).digest('hex'), k!.companionSpkiSha256);
    await assert.rejects(app.handlers.exportPublicKey(ctx, { fingerprint: me.fingerprint, companion: false, out: at('ed.pem') }), code('ALREADY_EXISTS'));

    await app.handlers.createCsr(ctx, { out: at('req.csr') });
    assert.match(openssl(['req', '-in', at('req.csr'), '-noout', '-verify']), /verify OK/i);
    assert.match(openssl(['req', '-in', at('req.csr'), '-noout', '-subject']), /O\s*=\s*Lab\b.*CN\s*=\s*Ana Examiner|CN\s*=\s*Ana Examiner.*O\s*=\s*Lab\b/, 'the request names the organisation the key records');
    openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', at('ca.key')]);
    openssl(['req', '-x509', '-new', '-key', at('ca.key'), '-subj', '/O=Example Forensics Ltd/CN=Example Evidence CA', '-days', '30', '-out', at('ca.pem')]);
    openssl(['x509', '-req', '-in', at('req.csr'), '-CA', at('ca.pem'), '-CAkey', at('ca.key'), '-CAcreateserial', '-days', '30', '-copy_extensions', 'copy', '-out', at('leaf.pem')]);
    // A certificate of some other key is refused and leaves nothing behind.
    openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', at('other.key')]);
    openssl(['req', '-x509', '-new', '-key', at('other.key'), '-subj', '/CN=Someone else', '-days', '30', '-out', at('other.pem')]);
    await assert.rejects(app.handlers.importCertificate(ctx, { pem: readFileSync(at('other.pem'), 'utf8') }), code('BAD_INPUT'));
    await assert.rejects(app.handlers.importCertificate(ctx, { pem: 'not a certificate' }), code('BAD_INPUT'));
    assert.equal((await app.handlers.listKeys(ctx))[0]!.certificate, null);

    const c = await app.handlers.importCertificate(ctx, { pem: readFileSync(at('leaf.pem'), 'utf8') + readFileSync(at('ca.pem'), 'utf8') });
    assert.equal(c.selfSigned, false);
    assert.equal(c.chainLength, 2);
    assert.match(c.issuer, /Example Evidence CA/);
    assert.match(c.subject, /Ana Examiner/);
    assert.deepEqual((await app.handlers.listKeys(ctx))[0]!.certificate, c);

    // CSR and import concern the unlocked identity: refused when locked.
    await app.handlers.lock(ctx);
    await assert.rejects(app.handlers.createCsr(ctx, { out: at('again.csr') }), code('NO_KEY'));
  } finally {
    app.session.close();
    rmSync(root, { recursive: true, force: true });
  }
});
