// SPDX-License-Identifier: UNLICENSED
// Tampered reports, each failing at the exact step that owns the inconsistency. Where a naive
// edit would already break the PDF signature, the test re-signs what an attacker holding the
// examiner's keys could re-sign, to show the later step catches it on its own.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Keystore } from '../../../electron/services/keys/keystore.js';
import type { Signer } from '../../../electron/services/keys/signer.js';
import { CertificateStore } from '../../../electron/services/report/certStore.js';
import { SIGNATURE_BYTES } from '../../../electron/services/report/signPdf.js';
import { signRanges } from '../../../electron/services/report/signReport.js';
import { createCase } from '../../../electron/services/vault/cases.js';
import { importEvidence } from '../../../electron/services/ingest/importer.js';
import { encodeCustodyJsonl } from '../../../shared/report/custodyJsonl.js';
import { PdfDocument } from '../../../shared/report/pdfDocument.js';
import { asDict, asArray } from '../../../shared/report/pdfObjects.js';
import type { ReportVerification } from '../../../shared/report/verify/types.js';
import { hashFolder } from '../../../electron/services/report/verifyFile.js';
import { TEST_PASSPHRASE, tempDir } from '../../helpers/vaultFixture.js';
import { assemble, check, failures, model, reportFixture, type ReportFixture } from './reportFixture.js';

function firstFailure(r: ReportVerification, expected: string): void {
  assert.equal(r.ok, false);
  assert.equal(r.firstFailure, expected, failures(r).join('\n'));
}

/** Offset of the first byte of the stream of the first page's content. */
function pageContentOffset(pdf: Uint8Array): number {
  const doc = new PdfDocument(pdf);
  const pages = asDict(doc.get(doc.catalog(), 'Pages'), 'Pages');
  const page = asDict(doc.resolve(asArray(doc.get(pages, 'Kids'), 'Kids')[0]), 'page');
  const ref = page.entries.get('Contents') as { num: number };
  const text = Buffer.from(pdf).toString('latin1');
  const at = text.indexOf(`\n${ref.num} 0 obj\n`);
  return text.indexOf('stream\n', at) + 'stream\n'.length + 20;
}

describe('tampered reports fail at the exact step', () => {
  let f: ReportFixture;
  let pdf: Uint8Array;
  let sig: Uint8Array;
  let other: Signer;
  let otherCase: string;
  before(async () => {
    f = await reportFixture();
    const r = await f.report('report.pdf');
    pdf = new Uint8Array(readFileSync(r.pdf));
    sig = new Uint8Array(readFileSync(r.sig));
    const keystore = new Keystore(tempDir('evault-keys-other-'));
    const info = await keystore.create({ name: 'Mallory Other', role: 'analyst', passphrase: TEST_PASSPHRASE });
    other = await keystore.unlock(info.fingerprint, TEST_PASSPHRASE);
    otherCase = createCase(f.vault, other, { number: 'CASE-2', title: 'Another case' }).id;
    const dir = join(f.root, 'other-evidence');
    mkdirSync(dir);
    writeFileSync(join(dir, 'unrelated.txt'), 'evidence of another case\n');
    await importEvidence(f.vault, other, otherCase, [dir]);
  });
  after(() => f.cleanup());

  test('the untouched report passes', async () => {
    const r = await check({ pdf, detachedSignature: sig, expected: { fingerprint: f.signer.fingerprint } });
    assert.equal(r.ok, true, failures(r).join('\n'));
  });

  test('one byte changed in page content: pdf-digest', async () => {
    const copy = pdf.slice();
    const at = pageContentOffset(copy);
    copy[at] = copy[at]! ^ 0x01;
    firstFailure(await check({ pdf: copy }), 'pdf-digest');
    // The detached signature catches it too.
    const r = await check({ pdf: copy, detachedSignature: sig });
    assert.equal(r.steps.find((s) => s.id === 'detached-signature')!.status, 'failed');
  });

  test('one byte changed inside an attachment stream, not re-signed: pdf-digest', async () => {
    const copy = pdf.slice();
    const spec = Buffer.from(copy).indexOf('/Type /EmbeddedFile');
    const at = Buffer.from(copy).indexOf('stream\n', spec) + 40;
    copy[at] = copy[at]! ^ 0x80;
    firstFailure(await check({ pdf: copy }), 'pdf-digest');
  });

  test('an attachment swapped (custody.jsonl of another case) and the PDF re-signed: attachment-hashes', async () => {
    const foreign = await model(f, otherCase, other);
    const swapped = await assemble(await model(f), f.signer, (attachments) => attachments.map((a) => (a.name === 'custody.jsonl' ? { ...a, data: encodeCustodyJsonl(foreign.signedEvents) } : a)));
    const r = await check({ pdf: swapped });
    firstFailure(r, 'attachment-hashes');
    assert.equal(r.steps.find((s) => s.id === 'pdf-cms-signature')!.status, 'passed', 'the PDF signature itself is valid');
  });

  test('a custody event removed from custody.jsonl, manifest and PDF re-signed: custody-events', async () => {
    const m = await model(f);
    const note = m.signedEvents.findIndex((e) => new TextDecoder().decode(e.bytes).includes('"action":"note.added"'));
    assert.ok(note > 0);
    const trimmed = { ...m, signedEvents: m.signedEvents.filter((_, i) => i !== note) };
    const r = await check({ pdf: await assemble(trimmed, f.signer) });
    firstFailure(r, 'custody-events');
    const custody = r.steps.find((s) => s.id === 'custody-events')!;
    assert.ok(custody.checks.some((c) => !c.ok && /SEQ_GAP|CHAIN_BROKEN/.test(c.name)), JSON.stringify(custody.checks));
    assert.equal(r.steps.find((s) => s.id === 'checkpoint-root')!.status, 'failed', 'the events no longer give the checkpoint root');
  });

  test('the last event removed (no chain break): checkpoint-root', async () => {
    const m = await model(f);
    const trimmed = { ...m, signedEvents: m.signedEvents.slice(0, -1) };
    firstFailure(await check({ pdf: await assemble(trimmed, f.signer) }), 'checkpoint-root');
  });

  test('the report re-signed by another examiner’s key: pdf-signer-identity', async () => {
    const copy = pdf.slice();
    // Blank /Contents, then sign the same ranges with Mallory's companion key and certificate.
    const ranges = fillByteRangeOf(copy);
    const certs = await new CertificateStore(tempDir('evault-certs-')).ensure(other);
    signRanges(copy, ranges, other.companion!, certs);
    const r = await check({ pdf: copy });
    firstFailure(r, 'pdf-signer-identity');
    assert.equal(r.steps.find((s) => s.id === 'pdf-cms-signature')!.status, 'passed');
  });

  test('a whole report made by another examiner, checked against the expected examiner: pdf-signer-identity', async () => {
    const mallory = await assemble(await model(f, f.theCase.id, other), other);
    const unpinned = await check({ pdf: mallory });
    assert.equal(unpinned.ok, true, 'self-consistent when nobody pins the identity');
    assert.equal(unpinned.signer?.pinned, false);
    const pinned = await check({ pdf: mallory, expected: { publicKey: f.signer.publicKey } });
    firstFailure(pinned, 'pdf-signer-identity');
    firstFailure(await check({ pdf: mallory, detachedSignature: other.sign(mallory), expected: { fingerprint: f.signer.fingerprint } }), 'pdf-signer-identity');
  });

  test('a detached signature of another file: detached-signature', async () => {
    firstFailure(await check({ pdf, detachedSignature: f.signer.sign(new TextEncoder().encode('another file')) }), 'detached-signature');
  });

  test('an evidence file changed on disk: evidence-files (changed)', async () => {
    const dir = join(f.root, 'evidence-changed');
    cpSync(f.evidenceDir, dir, { recursive: true });
    const file = join(dir, 'model-card.bin');
    const bytes = readFileSync(file);
    bytes[3] = bytes[3]! ^ 0x20;
    writeFileSync(file, bytes);
    const r = await check({ pdf, evidenceFiles: await hashFolder(dir) });
    firstFailure(r, 'evidence-files');
    assert.deepEqual(r.evidence.map((e) => e.outcome).sort(), ['changed', 'matched']);
  });

  test('a valid report of a different case presented with this case’s evidence: evidence-files (missing)', async () => {
    const foreign = await assemble(await model(f, otherCase, other), other);
    const r = await check({ pdf: foreign, evidenceFiles: await hashFolder(f.evidenceDir) });
    firstFailure(r, 'evidence-files');
    assert.deepEqual(r.evidence.map((e) => e.outcome), ['missing']);
    assert.equal(r.case?.number, 'CASE-2');
  });
});

/** The ByteRange of a signed file, with its /Contents zeroed again. */
function fillByteRangeOf(signed: Uint8Array) {
  const sig = new PdfDocument(signed).signatures()[0]!;
  const [, a, b] = sig.byteRange as [number, number, number, number];
  signed.fill(0x30, a + 1, b - 1);
  assert.equal(b - a, 2 + 2 * SIGNATURE_BYTES);
  return { byteRange: sig.byteRange as [number, number, number, number], covered: [signed.subarray(0, a), signed.subarray(b)] as [Uint8Array, Uint8Array] };
}
