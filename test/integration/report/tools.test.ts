// SPDX-License-Identifier: UNLICENSED
// Independent checks of a signed report with standard tools: poppler (pdfsig, pdfdetach,
// pdftotext, pdftoppm), qpdf and OpenSSL. CI installs them (apt: poppler-utils qpdf openssl);
// when one is missing these tests FAIL with the package to install — they never skip.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { parseManifest } from '../../../shared/report/manifest.js';
import { PdfDocument } from '../../../shared/report/pdfDocument.js';
import { failures, reportFixture, check, type ReportFixture } from './reportFixture.js';

const PACKAGES: Record<string, string> = { pdfsig: 'poppler-utils', pdfdetach: 'poppler-utils', pdftotext: 'poppler-utils', pdftoppm: 'poppler-utils', pdfinfo: 'poppler-utils', qpdf: 'qpdf', openssl: 'openssl' };

function run(tool: string, args: string[], cwd?: string): { status: number; out: string } {
  const r = spawnSync(tool, args, { encoding: 'utf8', cwd });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(`${tool} is not installed: these report checks need it (apt-get install -y ${PACKAGES[tool] ?? tool})`);
  }
  return { status: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

describe('independent tools accept the signed report', () => {
  let f: ReportFixture;
  let pdfPath: string;
  let sigPath: string;
  let dir: string;
  before(async () => {
    f = await reportFixture();
    const r = await f.report('report.pdf', { classification: 'Confidential — legal privilege' });
    pdfPath = r.pdf;
    sigPath = r.sig;
    dir = join(f.root, 'attachments');
    mkdirSync(dir);
  });
  after(() => f.cleanup());

  test('pdfsig: the embedded PAdES signature is valid and covers the whole document', () => {
    const r = run('pdfsig', [pdfPath]);
    assert.match(r.out, /Signature Validation: Signature is Valid\./, r.out);
    assert.match(r.out, /Total document signed/);
    assert.match(r.out, /Signature Type: ETSI\.CAdES\.detached/);
    assert.match(r.out, /Signing Hash Algorithm: SHA-256/);
    assert.match(r.out, new RegExp(`Signer full Distinguished Name: serialNumber=${f.signer.fingerprint},CN=Test Examiner`));
  });

  test('qpdf --check finds no errors; pdfinfo sees PDF 1.7 with XMP metadata and a form', () => {
    const r = run('qpdf', ['--check', pdfPath]);
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /No syntax or stream encoding errors found/);
    const info = run('pdfinfo', [pdfPath]).out;
    assert.match(info, /PDF version:\s+1\.7/);
    assert.match(info, /Form:\s+AcroForm/);
    assert.match(info, /Metadata Stream:\s+yes/);
    const xmp = run('pdfinfo', ['-meta', pdfPath]).out;
    assert.match(xmp, /<pdfaid:part>3<\/pdfaid:part>/);
    assert.match(xmp, /<pdfaid:conformance>B<\/pdfaid:conformance>/);
  });

  test('pdfdetach lists the attachments; their SHA-256 match the manifest; openssl verifies the manifest signature', () => {
    const list = run('pdfdetach', ['-list', pdfPath]).out;
    for (const name of ['manifest.json', 'manifest.json.sig', 'custody.jsonl', 'signer-certificate.pem', `examiner-${f.signer.fingerprint.slice(0, 16)}.pem`]) assert.ok(list.includes(name), `${name} in\n${list}`);
    assert.equal(run('pdfdetach', ['-saveall', pdfPath], dir).status, 0);
    const manifest = parseManifest(readFileSync(join(dir, 'manifest.json')));
    for (const a of manifest.attachments) assert.equal(createHash('sha256').update(readFileSync(join(dir, a.name))).digest('hex'), a.sha256, a.name);
    assert.equal(readdirSync(dir).length, manifest.attachments.length + 2);
    const pem = join(dir, `examiner-${f.signer.fingerprint.slice(0, 16)}.pem`);
    const r = run('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', pem, '-rawin', '-in', join(dir, 'manifest.json'), '-sigfile', join(dir, 'manifest.json.sig')]);
    assert.match(r.out, /Signature Verified Successfully/, r.out);
  });

  test('openssl verifies the detached Ed25519 signature over the whole PDF, and the key has the examiner fingerprint', () => {
    const pem = join(f.root, 'examiner.pem');
    assert.equal(run('pdfdetach', ['-savefile', `examiner-${f.signer.fingerprint.slice(0, 16)}.pem`, '-o', pem, pdfPath]).status, 0);
    const r = run('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', pem, '-rawin', '-in', pdfPath, '-sigfile', sigPath]);
    assert.match(r.out, /Signature Verified Successfully/, r.out);
    const der = spawnSync('openssl', ['pkey', '-pubin', '-in', pem, '-outform', 'DER']).stdout;
    assert.equal(createHash('sha256').update(der.subarray(der.length - 32)).digest('hex'), f.signer.fingerprint);
    const tampered = readFileSync(pdfPath);
    tampered[1000] = tampered[1000]! ^ 1;
    writeFileSync(join(f.root, 'tampered.pdf'), tampered);
    assert.match(run('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', pem, '-rawin', '-in', join(f.root, 'tampered.pdf'), '-sigfile', sigPath]).out, /Signature Verification Failure/);
  });

  test('openssl cms verifies the embedded CMS over the ByteRange bytes; the certificate names the examiner', () => {
    const pdf = readFileSync(pdfPath);
    const sig = new PdfDocument(new Uint8Array(pdf)).signatures()[0]!;
    const [, a, b, c] = sig.byteRange as [number, number, number, number];
    writeFileSync(join(f.root, 'signed.bin'), Buffer.concat([pdf.subarray(0, a), pdf.subarray(b, b + c)]));
    const der = Buffer.from(sig.contents.bytes);
    const length = der[1] === 0x82 ? 4 + der.readUInt16BE(2) : der[1] === 0x81 ? 3 + der[2]! : 2 + der[1]!;
    writeFileSync(join(f.root, 'cms.der'), der.subarray(0, length));
    const r = run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(f.root, 'cms.der'), '-content', join(f.root, 'signed.bin'), '-noverify', '-out', '/dev/null']);
    assert.match(r.out, /CMS Verification successful/, r.out);
    const parsed = run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', join(f.root, 'cms.der')]).out;
    assert.match(parsed, /signingCertificateV2|id-smime-aa-signingCertificateV2/);
    assert.doesNotMatch(parsed, /signingTime/);
    const cert = run('openssl', ['x509', '-in', join(dir, 'signer-certificate.pem'), '-noout', '-subject', '-ext', 'subjectAltName,keyUsage,basicConstraints']).out;
    assert.match(cert, new RegExp(`serialNumber\\s*=\\s*${f.signer.fingerprint}`), cert);
    assert.match(cert, new RegExp(`URI:urn:evidence-vault:examiner:ed25519:${f.signer.fingerprint}`));
    assert.match(cert, /Digital Signature, Non Repudiation/);
  });

  test('pdftotext finds the case number, the report id and every evidence SHA-256; the classification is on every page', async () => {
    const text = run('pdftotext', ['-layout', pdfPath, '-']).out;
    const manifest = parseManifest(new PdfDocument(new Uint8Array(readFileSync(pdfPath))).attachments().find((x) => x.name === 'manifest.json')!.data);
    assert.ok(text.includes('CASE-1'));
    assert.ok(text.includes(manifest.reportId));
    for (const e of manifest.evidence) assert.ok(text.includes(e.sha256), `SHA-256 of ${e.name}`);
    const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [pdfPath]).out)![1]);
    assert.equal(text.split('\f').filter((p) => p.includes('CONFIDENTIAL — LEGAL PRIVILEGE')).length, pages);
    assert.equal(text.split('\f').filter((p) => new RegExp(`Page \\d+ of ${pages}`).test(p)).length, pages);
    assert.ok(text.includes(f.signer.fingerprint), 'the verification commands print the full fingerprint');
  });

  test('XML-special characters in case and examiner names keep the XMP well-formed', async () => {
    const { createCase } = await import('../../../electron/services/vault/cases.js');
    const c = createCase(f.vault, f.signer, { number: 'X&<1>', title: 'Title <&> "quoted"' });
    const r = await f.report('special.pdf', {}, c.id);
    const xmp = run('pdfinfo', ['-meta', r.pdf]).out;
    assert.ok(xmp.includes('Title \u2039\uff06\u203a "quoted"'), xmp);
    assert.doesNotMatch(xmp.replace(/<\/?[a-zA-Z?!][^<>]*>/g, ''), /[<>&]/, 'no raw markup characters outside tags');
    assert.equal(run('qpdf', ['--check', r.pdf]).status, 0);
    assert.match(run('pdfsig', [r.pdf]).out, /Signature is Valid\./);
  });

  test('pdftoppm renders every page', () => {
    const out = join(f.root, 'png');
    mkdirSync(out);
    const r = run('pdftoppm', ['-png', '-r', '30', pdfPath, join(out, 'p')]);
    assert.equal(r.status, 0, r.out);
    assert.ok(readdirSync(out).length >= 5);
  });

  test('a CA-issued certificate from "key csr" (signed by openssl) is imported and used; pdfsig and our verifier accept it', async () => {
    const ca = (name: string) => join(f.root, name);
    run('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', ca('ca.key')]);
    run('openssl', ['req', '-x509', '-new', '-key', ca('ca.key'), '-subj', '/O=Example Forensics Ltd/CN=Example Evidence CA', '-days', '30', '-out', ca('ca.pem')]);
    writeFileSync(ca('req.csr'), f.certificates.csr(f.signer));
    assert.match(run('openssl', ['req', '-in', ca('req.csr'), '-noout', '-verify']).out, /verify OK/i);
    const issued = run('openssl', ['x509', '-req', '-in', ca('req.csr'), '-CA', ca('ca.pem'), '-CAkey', ca('ca.key'), '-CAcreateserial', '-days', '30', '-copy_extensions', 'copy', '-out', ca('leaf.pem')]);
    assert.equal(issued.status, 0, issued.out);
    await f.certificates.import({ fingerprint: f.signer.fingerprint, companionSpki: f.signer.companion!.spki }, readFileSync(ca('leaf.pem'), 'utf8') + readFileSync(ca('ca.pem'), 'utf8'));
    const r = await f.report('ca-signed.pdf');
    const sig = run('pdfsig', [r.pdf]).out;
    assert.match(sig, /Signature is Valid\./, sig);
    assert.match(sig, /Signer full Distinguished Name: serialNumber=/);
    const v = await check({ pdf: new Uint8Array(readFileSync(r.pdf)), expected: { fingerprint: f.signer.fingerprint } });
    assert.equal(v.ok, true, failures(v).join('\n'));
    await assert.rejects(f.certificates.import({ fingerprint: f.signer.fingerprint, companionSpki: f.signer.companion!.spki }, readFileSync(ca('ca.pem'), 'utf8')), /another key/);
  });
});
