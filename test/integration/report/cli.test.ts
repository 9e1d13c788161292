// SPDX-License-Identifier: UNLICENSED
// `evault report` and `evault verify` as a user runs them: exit codes, printed steps, --json.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseManifest } from '../../../shared/report/manifest.js';
import { PdfDocument } from '../../../shared/report/pdfDocument.js';
import { readFirstPagesText } from '../../../shared/report/pdfText.js';
import { evault } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/vaultFixture.js';

describe('evault report / verify', () => {
  const root = tempDir('evault-report-cli-');
  const env = { EVAULT_VAULT: join(root, 'vault'), EVAULT_KEYSTORE: join(root, 'keys'), EVAULT_PASSPHRASE: 'report cli passphrase' };
  let fingerprint = '';
  before(() => {
    assert.equal(evault(['init'], env).status, 0);
    const key = evault(['key', 'create', '--name', 'Cli Examiner', '--role', 'analyst', '--org', 'Northwind IR', '--json'], env);
    fingerprint = (JSON.parse(key.stdout) as { fingerprint: string }).fingerprint;
    assert.equal(evault(['case', 'create', '--number', 'CLI-7', '--title', 'Report <&> CLI case'], env).status, 0);
    mkdirSync(join(root, 'ev'));
    writeFileSync(join(root, 'ev', 'a.txt'), 'alpha\n');
    assert.equal(evault(['import', 'CLI-7', join(root, 'ev')], env).status, 0);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('report writes the PDF and .sig and prints how to check them; verify passes with exit 0', () => {
    const out = join(root, 'r.pdf');
    const r = evault(['report', 'CLI-7', '--out', out, '--classification', 'Restricted'], env);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Report EVR-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4} for case CLI-7/);
    assert.match(r.stdout, /openssl pkeyutl -verify/);
    assert.match((readFirstPagesText(new Uint8Array(readFileSync(out)), 1) ?? []).flat().join('\n'), /Northwind IR/, 'with no --org the cover names the organisation the key records');
    const v = evault(['verify', out, '--fingerprint', fingerprint, '--evidence', join(root, 'ev')], env);
    assert.equal(v.status, 0, v.stdout + v.stderr);
    assert.match(v.stdout, /\[ 1\/15\] PASS {2}PDF structure/);
    assert.match(v.stdout, /PASS {2}Detached Ed25519 signature/, 'the .sig beside the PDF is used');
    assert.match(v.stdout, /1 matched, 0 missing, 0 changed/);
    assert.match(v.stdout, /^VERIFIED: report EVR-/m);
    const json = JSON.parse(evault(['verify', out, '--json'], env).stdout) as { ok: boolean; signer: { pinned: boolean } };
    assert.equal(json.ok, true);
    assert.equal(json.signer.pinned, false);
  });

  test('verify of a changed copy exits 1 and names the failing step with expected and found', () => {
    const bytes = readFileSync(join(root, 'r.pdf'));
    bytes[2000] = bytes[2000]! ^ 1;
    writeFileSync(join(root, 'bad.pdf'), bytes);
    const v = evault(['verify', join(root, 'bad.pdf'), '--sig', join(root, 'r.pdf.sig')], env);
    assert.equal(v.status, 1);
    assert.match(v.stdout, /FAIL {2}PDF signature: SHA-256 of the signed bytes/);
    assert.match(v.stdout, /FAIL messageDigest \(expected [0-9a-f]{64}, found [0-9a-f]{64}\)/);
    assert.match(v.stdout, /^FAILED at pdf-digest/m);
  });

  test('bad usage exits 2; a wrong identity exits 1; nothing is overwritten', () => {
    assert.equal(evault(['report', 'CLI-7', '--out', join(root, 'x.pdf'), '--sections', 'summary,bogus'], env).status, 2);
    assert.equal(evault(['report', 'CLI-7'], env).status, 2);
    assert.equal(evault(['report', 'CLI-7', '--out', join(root, 'r.pdf')], env).status, 2);
    const wrong = evault(['verify', join(root, 'r.pdf'), '--fingerprint', 'cd'.repeat(32)], env);
    assert.equal(wrong.status, 1);
    assert.match(wrong.stdout, /FAILED at pdf-signer-identity/);
    assert.equal(evault(['verify', join(root, 'missing.pdf')], env).status, 2);
  });

  test('--cite EVIDENCE:RECORDS puts the chosen log records in the signed options; a file that is not a log is refused', () => {
    writeFileSync(join(root, 'ev', 'api.jsonl'), '{"user_id":"u1","prompt":"hi"}\n{"user_id":"u2","prompt":"yo"}\n{"user_id":"u3","prompt":"hey"}\n');
    assert.equal(evault(['import', 'CLI-7', join(root, 'ev', 'api.jsonl')], env).status, 0);
    const out = join(root, 'cited.pdf');
    const r = evault(['report', 'CLI-7', '--out', out, '--cite', 'api.jsonl:2,0'], env);
    assert.equal(r.status, 0, r.stderr);
    const manifest = parseManifest(new PdfDocument(new Uint8Array(readFileSync(out))).attachments().find((a) => a.name === 'manifest.json')!.data);
    assert.deepEqual(manifest.options.cite?.map((c) => c.index), [0, 2], 'a selection is read in record order');
    const bad = evault(['report', 'CLI-7', '--out', join(root, 'bad.pdf'), '--cite', 'ev/a.txt:0'], env);
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /not a log export/);
    assert.equal(evault(['report', 'CLI-7', '--out', join(root, 'bad.pdf'), '--cite', 'nocolon'], env).status, 2);
  });

  test('key csr writes a PKCS #10 request', () => {
    const r = evault(['key', 'csr', '--out', join(root, 'k.csr')], env);
    assert.equal(r.status, 0, r.stderr);
    assert.match(readFileSync(join(root, 'k.csr'), 'utf8'), /^-----BEGIN CERTIFICATE REQUEST-----/);
  });
});
