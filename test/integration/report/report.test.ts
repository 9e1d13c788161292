// SPDX-License-Identifier: UNLICENSED
// A signed report of a real case: every verification step passes (with the Node and the pure
// browser verifiers), it is reproducible byte for byte apart from the signature, the vault records
// it, and a second report proves the log consistent with the first.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ed25519Verify } from '../../../shared/crypto/ed25519.js';
import { parseEvent } from '../../../shared/custody/verifyLog.js';
import { webCryptoEcdsaVerify } from '../../../shared/report/ecdsa.js';
import { parseManifest } from '../../../shared/report/manifest.js';
import type { ReportIssuedDetails } from '../../../shared/report/names.js';
import { PdfDocument } from '../../../shared/report/pdfDocument.js';
import { verifyReport } from '../../../shared/report/verifyReport.js';
import { STEP_IDS } from '../../../shared/report/verify/types.js';
import { CertificateStore } from '../../../electron/services/report/certStore.js';
import { generateReport } from '../../../electron/services/report/generate.js';
import { verifyReportFile } from '../../../electron/services/report/verifyFile.js';
import { logEvents } from '../../../electron/services/vault/queries/events.js';
import { Vault } from '../../../electron/services/vault/vault.js';
import { NOW, OPTIONS, check, failures, reportFixture, type ReportFixture } from './reportFixture.js';

describe('signed PDF report', () => {
  let f: ReportFixture;
  let first: Awaited<ReturnType<ReportFixture['report']>>;
  let pdf: Uint8Array;
  before(async () => {
    f = await reportFixture();
    first = await f.report('report.pdf');
    pdf = new Uint8Array(readFileSync(first.pdf));
  });
  after(() => f.cleanup());

  test('every step passes, identity pinned by fingerprint, detached signature and evidence folder given', async () => {
    const r = await verifyReportFile({ pdf: first.pdf, sig: first.sig, fingerprint: f.signer.fingerprint, evidenceDir: f.evidenceDir });
    assert.equal(r.ok, true, failures(r).join('\n'));
    assert.deepEqual(r.steps.map((s) => s.id), [...STEP_IDS]);
    assert.deepEqual(r.steps.filter((s) => s.status === 'skipped').map((s) => s.id), ['consistency-proof'], 'only the consistency proof is skipped for a first report');
    assert.equal(r.reportId, first.reportId);
    assert.equal(r.signer?.pinned, true);
    assert.deepEqual(r.evidence.map((e) => [e.outcome, e.path]), [['matched', 'model-card.bin'], ['matched', 'support_chatbot.csv']]);
    assert.ok(first.findings > 0, 'the corpus log has AI-incident findings');
  });

  test('the pure verifier (noble Ed25519, WebCrypto ECDSA, noble SHA-256) reaches the same verdict', async () => {
    const r = await verifyReport({ pdf, detachedSignature: new Uint8Array(readFileSync(first.sig)), expected: { publicKey: f.signer.publicKey } }, { ed25519Verify, ecdsaVerify: webCryptoEcdsaVerify });
    assert.equal(r.ok, true, failures(r).join('\n'));
    assert.equal(r.pdfSha256, first.pdfSha256);
  });

  test('the manifest is canonical, lists the evidence digests, and carries the checkpoint and cited record proofs', () => {
    const doc = new PdfDocument(pdf);
    const files = new Map(doc.attachments().map((a) => [a.name, a]));
    assert.deepEqual([...files.keys()].sort(), ['custody.jsonl', `examiner-${f.signer.fingerprint.slice(0, 16)}.pem`, 'manifest.json', 'manifest.json.sig', 'signer-certificate.pem']);
    for (const a of files.values()) assert.equal(a.relationship, 'Data');
    const m = parseManifest(files.get('manifest.json')!.data);
    assert.equal(m.case.number, 'CASE-1');
    assert.deepEqual(m.evidence.map((e) => e.name).sort(), ['evidence/model-card.bin', 'evidence/support_chatbot.csv']);
    assert.equal(m.checkpoint.size, first.checkpoint.size);
    assert.ok(m.recordProofs.length > 0);
    assert.equal(m.previous, null);
    assert.equal(m.generatedAt, NOW.toISOString());
  });

  test('the vault records report.issued with the PDF SHA-256 and the embedded checkpoint', () => {
    const events = logEvents(f.vault.db, f.theCase.id).map((r) => parseEvent(new Uint8Array(r.bytes)));
    const issued = events.find((e) => e.seq === first.issuedSeq)!;
    assert.equal(issued.action, 'report.issued');
    const d = issued.details as unknown as ReportIssuedDetails;
    assert.equal(d.reportId, first.reportId);
    assert.equal(d.pdfSha256, first.pdfSha256);
    assert.equal(d.checkpoint.size, first.checkpoint.size);
    // The checkpoint.issued event made for the report comes right after the events it covers.
    assert.equal(events[first.checkpoint.size]!.action, 'checkpoint.issued');
  });

  test('deterministic: the same vault state and options give the same bytes, apart from the signature', async () => {
    // Two copies of the vault as it is now; each makes the "next" report at the same time.
    f.vault.db.pragma('wal_checkpoint(TRUNCATE)');
    const dirs = ['copy-a', 'copy-b'].map((name) => {
      cpSync(f.vault.dir, join(f.root, name), { recursive: true });
      return join(f.root, name);
    });
    const outputs: Uint8Array[] = [];
    for (const dir of dirs) {
      const vault = await Vault.open(dir);
      try {
        const r = await generateReport(vault, f.signer, { caseRef: 'CASE-1', out: join(dir, 'again.pdf'), options: OPTIONS, certificates: new CertificateStore(f.keystore.dir), now: NOW });
        outputs.push(new Uint8Array(readFileSync(r.pdf)));
      } finally {
        vault.close();
      }
    }
    const [a, b] = outputs as [Uint8Array, Uint8Array];
    assert.equal(a.length, b.length);
    const sig = new PdfDocument(a).signatures()[0]!;
    const outside = (x: Uint8Array) => Buffer.concat([x.subarray(0, sig.contents.start), x.subarray(sig.contents.end)]);
    assert.ok(outside(a).equals(outside(b)), 'bytes outside /Contents differ');
    assert.equal((await check({ pdf: a })).ok, true);
  });

  test('a second report carries a consistency proof from the first report’s checkpoint', async () => {
    const second = await f.report('second.pdf', { sections: ['summary', 'custody'] });
    assert.equal(second.previous, first.reportId);
    const r = await check({ pdf: new Uint8Array(readFileSync(second.pdf)), expected: { fingerprint: f.signer.fingerprint } });
    assert.equal(r.ok, true, failures(r).join('\n'));
    const step = r.steps.find((s) => s.id === 'consistency-proof')!;
    assert.equal(step.status, 'passed');
    assert.match(step.detail, new RegExp(first.reportId));
    assert.notEqual(second.reportId, first.reportId);
  });

  test('nothing is overwritten', async () => {
    await assert.rejects(f.report('report.pdf'), (e: Error & { code?: string }) => e.code === 'ALREADY_EXISTS');
  });

  test('garbage in yields a failed structure step, never an exception', async () => {
    for (const bytes of [new Uint8Array(0), new TextEncoder().encode('%PDF-1.7\nnot really'), pdf.subarray(0, 5000), pdf.subarray(0, pdf.length - 40)]) {
      const r = await check({ pdf: bytes });
      assert.equal(r.ok, false);
      assert.ok(r.firstFailure === 'pdf-structure' || r.firstFailure === 'pdf-byterange', String(r.firstFailure));
    }
  });
});
