// SPDX-License-Identifier: UNLICENSED
// OpenSSF Model Signing bundles: the payload, envelope and bundle fields model_signing expects, the
// DSSE PAE and ECDSA signature checked by openssl, verify-manifest over every file (changed, missing
// and unsigned files named), tampered bundles failing the named check, and the custody event.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { logEvents } from '../../../electron/services/vault/queries/events.js';
import { parseEvent } from '../../../shared/custody/verifyLog.js';
import { evault } from '../../helpers/cli.js';
import { writeModelFolder } from '../../helpers/modelFolder.js';
import { TEST_PASSPHRASE, vaultFixture, type VaultFixture } from '../../helpers/vaultFixture.js';

const sha = (x: Uint8Array | string) => createHash('sha256').update(x).digest('hex');

interface Bundle {
  mediaType: string;
  verificationMaterial: { publicKey: { hint: string }; tlogEntries: unknown[] };
  dsseEnvelope: { payload: string; payloadType: string; signatures: { sig: string; keyid: string }[] };
}

describe('OpenSSF Model Signing bundles', () => {
  let f: VaultFixture;
  let dir: string;
  let env: Record<string, string>;
  let sigPath: string;
  let bundle: Bundle;
  let pem: string;
  before(async () => {
    f = await vaultFixture();
    dir = writeModelFolder(join(f.root, 'tiny-llama'));
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(join(dir, '.gitattributes'), '*.safetensors filter=lfs\n');
    env = { EVAULT_VAULT: f.vault.dir, EVAULT_KEYSTORE: f.keystore.dir, EVAULT_PASSPHRASE: TEST_PASSPHRASE };
    sigPath = join(dir, 'model.sig');
    const r = evault(['manifest', dir, '--format', 'oms', '--out', sigPath, '--case', 'CASE-1'], env);
    assert.equal(r.status, 0, r.stderr);
    bundle = JSON.parse(readFileSync(sigPath, 'utf8')) as Bundle;
    const pemPath = join(f.root, 'companion.pem');
    assert.equal(evault(['key', 'export', '--companion', '--out', pemPath], env).status, 0);
    pem = readFileSync(pemPath, 'utf8');
  });
  after(() => f.cleanup());

  test('bundle v0.3 with a key hint, DSSE in-toto payload, one subject over every file but the ignored ones', () => {
    assert.equal(bundle.mediaType, 'application/vnd.dev.sigstore.bundle.v0.3+json');
    assert.equal(bundle.verificationMaterial.publicKey.hint, sha(pem), 'hint = SHA-256 of the PEM text');
    assert.deepEqual(bundle.verificationMaterial.tlogEntries, []);
    assert.equal(bundle.dsseEnvelope.payloadType, 'application/vnd.in-toto+json');
    assert.deepEqual(bundle.dsseEnvelope.signatures.map((s) => s.keyid), ['']);
    const st = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8'));
    assert.equal(st._type, 'https://in-toto.io/Statement/v1');
    assert.equal(st.predicateType, 'https://model_signing/signature/v1.0');
    assert.deepEqual(st.predicate.serialization, { method: 'files', hash_type: 'sha256', allow_symlinks: false, ignore_paths: ['.git', '.gitattributes', '.github', '.gitignore', 'model.sig'] });
    const names = ['README.md', 'config.json', 'generation_config.json', 'model-00001-of-00002.safetensors', 'model-00002-of-00002.safetensors', 'model.safetensors.index.json', 'tokenizer.json', 'tokenizer_config.json'];
    assert.deepEqual(st.predicate.resources, names.map((name) => ({ name, algorithm: 'sha256', digest: sha(readFileSync(join(dir, name))) })));
    const root = sha(Buffer.concat(names.map((n) => Buffer.from(sha(readFileSync(join(dir, n))), 'hex'))));
    assert.deepEqual(st.subject, [{ name: 'tiny-llama', digest: { sha256: root } }]);
  });

  test('openssl verifies the ECDSA signature over the DSSE PAE (and refuses a flipped byte)', () => {
    const payload = Buffer.from(bundle.dsseEnvelope.payload, 'base64');
    const type = 'application/vnd.in-toto+json';
    const pae = Buffer.concat([Buffer.from(`DSSEv1 ${type.length} ${type} ${payload.length} `), payload]);
    writeFileSync(join(f.root, 'pae.bin'), pae);
    writeFileSync(join(f.root, 'sig.der'), Buffer.from(bundle.dsseEnvelope.signatures[0]!.sig, 'base64'));
    const ok = spawnSync('openssl', ['dgst', '-sha256', '-verify', join(f.root, 'companion.pem'), '-signature', join(f.root, 'sig.der'), join(f.root, 'pae.bin')], { encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /Verified OK/);
    pae.writeUInt8(pae.readUInt8(pae.length - 2) ^ 1, pae.length - 2);
    writeFileSync(join(f.root, 'pae.bin'), pae);
    const bad = spawnSync('openssl', ['dgst', '-sha256', '-verify', join(f.root, 'companion.pem'), '-signature', join(f.root, 'sig.der'), join(f.root, 'pae.bin')], { encoding: 'utf8' });
    assert.equal(bad.status, 1);
  });

  test('the manifest is a signed manifest.issued event with the digest of the bundle bytes', () => {
    const ev = logEvents(f.vault.db, f.theCase.id).map((r) => parseEvent(new Uint8Array(r.bytes))).find((e) => e.action === 'manifest.issued')!;
    assert.equal(ev.details.format, 'oms');
    assert.equal(ev.details.sha256, sha(readFileSync(sigPath)));
    assert.equal(ev.details.files, 8);
  });

  test('verify-manifest: every check passes on the folder as signed', () => {
    const r = evault(['verify-manifest', sigPath, '--path', dir, '--json'], env);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const j = JSON.parse(r.stdout) as { ok: boolean; checks: { check: string; ok: boolean }[] };
    assert.deepEqual(j.checks.map((c) => [c.check, c.ok]), [['BUNDLE', true], ['ENVELOPE', true], ['STATEMENT', true], ['ROOT_DIGEST', true], ['KEY', true], ['SIGNATURE', true], ['FILES', true]]);
    const withKey = evault(['verify-manifest', sigPath, '--key', join(f.root, 'companion.pem')], {});
    assert.equal(withKey.status, 0, withKey.stdout + withKey.stderr);
    assert.match(withKey.stdout, /files not checked/);
  });

  test('a changed, a missing and an unsigned file are each named', () => {
    const copy = join(f.root, 'copy', 'tiny-llama');
    mkdirSync(join(f.root, 'copy'));
    spawnSync('cp', ['-r', dir, copy]);
    writeFileSync(join(copy, 'config.json'), '{"architectures": ["Evil"]}');
    rmSync(join(copy, 'tokenizer.json'));
    writeFileSync(join(copy, 'extra.py'), 'import os\n');
    const r = evault(['verify-manifest', sigPath, '--path', copy], env);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /FAIL {2}FILES {7}config\.json: changed; extra\.py: unsigned; tokenizer\.json: missing/);
  });

  test('tampered bundles fail the named check', () => {
    const write = (name: string, b: unknown) => {
      const p = join(f.root, name);
      writeFileSync(p, JSON.stringify(b));
      return p;
    };
    const st = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8'));
    const failing = (p: string) => {
      const r = evault(['verify-manifest', p, '--json'], env);
      assert.equal(r.status, 1);
      return (JSON.parse(r.stdout) as { checks: { check: string; ok: boolean }[] }).checks.find((c) => !c.ok)!.check;
    };
    // A resource digest changed without the subject: the root no longer matches.
    const st1 = structuredClone(st);
    st1.predicate.resources[0].digest = '0'.repeat(64);
    assert.equal(failing(write('t1.sig', { ...bundle, dsseEnvelope: { ...bundle.dsseEnvelope, payload: Buffer.from(JSON.stringify(st1)).toString('base64') } })), 'ROOT_DIGEST');
    // Digest and subject both rewritten consistently: only the signature can tell.
    st1.subject[0].digest.sha256 = sha(Buffer.concat(st1.predicate.resources.map((r: { digest: string }) => Buffer.from(r.digest, 'hex'))));
    assert.equal(failing(write('t2.sig', { ...bundle, dsseEnvelope: { ...bundle.dsseEnvelope, payload: Buffer.from(JSON.stringify(st1)).toString('base64') } })), 'SIGNATURE');
    assert.equal(failing(write('t3.sig', { ...bundle, verificationMaterial: { publicKey: { hint: 'ab'.repeat(32) }, tlogEntries: [] } })), 'KEY');
    assert.equal(failing(write('t4.sig', { ...bundle, mediaType: 'application/vnd.dev.sigstore.bundle+json;version=0.1' })), 'BUNDLE');
    const garbage = join(f.root, 'garbage.sig');
    writeFileSync(garbage, 'not json');
    assert.equal(failing(garbage), 'BUNDLE');
  });

  test('verify-manifest checks a hashdeep manifest against --path, and refuses one without', () => {
    const hd = join(f.root, 'm.hashdeep');
    assert.equal(evault(['manifest', dir, '--format', 'hashdeep', '--out', hd, '--case', 'CASE-1'], env).status, 0);
    const ev = logEvents(f.vault.db, f.theCase.id).map((r) => parseEvent(new Uint8Array(r.bytes))).filter((e) => e.action === 'manifest.issued').at(-1)!;
    assert.equal(ev.details.format, 'hashdeep');
    assert.equal(ev.details.sha256, sha(readFileSync(hd)));
    assert.equal(evault(['manifest', dir, '--format', 'hashdeep', '--out', hd], env).status, 2, 'a manifest is never overwritten');
    const r = evault(['verify-manifest', hd, '--path', dir], env);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /Audit passed/);
    assert.equal(evault(['verify-manifest', hd], env).status, 2);
  });
});
