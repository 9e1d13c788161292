// SPDX-License-Identifier: UNLICENSED
// Record proofs and disclosure packages verify offline, with the shared (browser) verifier too,
// and fail on any flipped byte.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importEvidence } from '../../../electron/services/ingest/importer.js';
import { createNodeVerify } from '../../../electron/services/keys/nodeEd25519.js';
import { buildRecordProof, disclose, parseSelection } from '../../../electron/services/vault/recordProofs.js';
import { caseEvidence } from '../../../electron/services/vault/queries/evidence.js';
import { logEvents } from '../../../electron/services/vault/queries/events.js';
import { ed25519Verify } from '../../../shared/crypto/ed25519.js';
import { ed25519PublicKeyFromPem } from '../../../shared/crypto/keyFingerprint.js';
import { fromBase64, fromHex, toBase64, toHex } from '../../../shared/encoding.js';
import { verifyRecordProof, type RecordProofPackage } from '../../../shared/proofs/recordProof.js';
import type { EvidenceRow } from '../../../electron/services/vault/queries/evidence.js';
import { corpusDir } from '../../helpers/repoRoot.js';
import { vaultFixture, type VaultFixture } from '../../helpers/vaultFixture.js';

const flipHex = (h: string, at = 0) => toHex(Uint8Array.from(fromHex(h), (b, i) => (i === at ? b ^ 1 : b)));
const flipB64 = (s: string, at = 0) => toBase64(Uint8Array.from(fromBase64(s), (b, i) => (i === at ? b ^ 1 : b)));

describe('record proofs', () => {
  let f: VaultFixture;
  let log: EvidenceRow;
  before(async () => {
    f = await vaultFixture();
    await importEvidence(f.vault, f.signer, 'CASE-1', [join(corpusDir(), 'logs', 'ai', 'support_chatbot.csv')]);
    log = caseEvidence(f.vault.db, f.theCase.id)[0]!;
  });
  after(() => f.cleanup());

  test('a proof of chosen records verifies with the Node and the browser verifier, with or without a trusted key', async () => {
    const pkg = await buildRecordProof(f.vault, log, [0, 729, 730, 1973]);
    for (const verify of [createNodeVerify(), ed25519Verify]) {
      const r = verifyRecordProof(pkg, verify);
      assert.equal(r.ok, true, JSON.stringify(r.checks.filter((c) => !c.ok)));
      assert.deepEqual(r.verifiedRecords, [0, 729, 730, 1973]);
      assert.equal(verifyRecordProof(pkg, verify, f.signer.publicKey).ok, true);
    }
    // The malformed CSV row (730) is proven too: malformed records are evidence like any other.
    const csv = readFileSync(join(corpusDir(), 'logs', 'ai', 'support_chatbot.csv'));
    assert.ok(csv.includes(Buffer.from(fromBase64(pkg.records[2]!.bytes!))));
  });

  test('any flipped byte anywhere in a proof makes it fail', async () => {
    const pkg = await buildRecordProof(f.vault, log, [5, 6]);
    const mutations: [string, (p: RecordProofPackage) => void][] = [
      ['record bytes', (p) => (p.records[0]!.bytes = flipB64(p.records[0]!.bytes!, 3))],
      ['leaf hash', (p) => (p.records[0]!.leafHash = flipHex(p.records[0]!.leafHash))],
      ['proof element', (p) => (p.records[1]!.proof[2] = flipHex(p.records[1]!.proof[2]!, 31))],
      ['records root', (p) => (p.recordsRoot = flipHex(p.recordsRoot, 7))],
      ['acquisition event', (p) => (p.acquisition.event = flipB64(p.acquisition.event, 40))],
      ['acquisition signature', (p) => (p.acquisition.signature = flipB64(p.acquisition.signature, 63))],
      ['signer key', (p) => (p.signer.publicKey = flipHex(p.signer.publicKey, 5))],
      ['record index', (p) => (p.records[0]!.index = 4)],
      ['tree size', (p) => (p.treeSize = p.treeSize + 1)],
      ['evidence digest', (p) => (p.evidence.sha256 = flipHex(p.evidence.sha256))],
    ];
    for (const [what, mutate] of mutations) {
      const copy = JSON.parse(JSON.stringify(pkg)) as RecordProofPackage;
      mutate(copy);
      assert.equal(verifyRecordProof(copy, createNodeVerify()).ok, false, what);
    }
    assert.equal(verifyRecordProof(pkg, createNodeVerify(), new Uint8Array(32).fill(7)).ok, false, 'another trusted key');
    assert.equal(verifyRecordProof({ type: 'nope' }, createNodeVerify()).ok, false);
    assert.equal(verifyRecordProof(null, createNodeVerify()).ok, false);
  });

  test('a redacted disclosure: records with PII carry redacted text and proven leaves; the package is signed and recorded', async () => {
    const out = join(f.root, 'disclosure');
    const indices = parseSelection('0-4,10', 1974);
    const r = await disclose(f.vault, f.signer, log, indices, { redact: true, out, note: 'for the regulator' });
    assert.equal(r.records, 6);
    const pkg = JSON.parse(readFileSync(join(out, 'disclosure.json'), 'utf8')) as RecordProofPackage;
    const trusted = ed25519PublicKeyFromPem(readFileSync(join(out, 'signer.pem'), 'utf8'));
    const report = verifyRecordProof(pkg, createNodeVerify(), trusted);
    assert.equal(report.ok, true, JSON.stringify(report.checks.filter((c) => !c.ok)));
    assert.equal(report.redactedRecords.length, r.redacted);
    assert.equal(report.verifiedRecords.length + report.redactedRecords.length, 6);
    for (const rec of pkg.records.filter((x) => x.redactedText !== undefined)) assert.match(rec.redactedText!, /\[(EMAIL|PHONE|CARD|SSN|IBAN|IP|SECRET)#\d+\]/);
    const tampered = JSON.parse(JSON.stringify(pkg)) as RecordProofPackage;
    const victim = tampered.records.find((x) => x.redactedText !== undefined) ?? tampered.records[0]!;
    if (victim.redactedText !== undefined) victim.redactedText += ' (edited)';
    else victim.bytes = flipB64(victim.bytes!);
    assert.equal(verifyRecordProof(tampered, createNodeVerify(), trusted).ok, false);
    const last = logEvents(f.vault.db, f.theCase.id).at(-1)!;
    assert.equal(last.action, 'evidence.exported');
    assert.match(last.bytes.toString(), /"kind":"disclosure"/);
  });

  test('selections are validated', () => {
    assert.deepEqual(parseSelection('3, 1,5-7', 10), [1, 3, 5, 6, 7]);
    assert.throws(() => parseSelection('9-12', 10), /outside/);
    assert.throws(() => parseSelection('a', 10), /not a record index/);
  });
});
