// SPDX-License-Identifier: UNLICENSED
// Builds record proofs and disclosure packages from a vault (see shared/proofs/recordProof.ts).
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import { EvaultError } from '../../../shared/errors.js';
import { toBase64, toHex } from '../../../shared/encoding.js';
import { MerkleTree } from '../../../shared/crypto/merkle.js';
import { ed25519PublicKeyToPem } from '../../../shared/crypto/keyFingerprint.js';
import { canonicalize } from '../../../shared/canonicalJson.js';
import { packageBytes, RECORD_PROOF_TYPE, type RecordProofPackage } from '../../../shared/proofs/recordProof.js';
import type { Signer } from '../keys/signer.js';
import { appendEvent } from './custodyLog.js';
import { ensureExaminer } from './cases.js';
import type { Vault } from './vault.js';
import type { EvidenceRow } from './queries/evidence.js';
import { getExaminer } from './queries/examiners.js';
import { getLogMeta, getRecords, recordLeaves } from './queries/logRecords.js';
import { viewRecords } from './logSearch.js';
import { readRecordBytes } from './recordBytes.js';

const nodeHash = (l: Uint8Array, r: Uint8Array): Uint8Array => createHash('sha256').update(Buffer.from([1])).update(l).update(r).digest();

/** "3,7,10-12" → [3, 7, 10, 11, 12] (0-based record indices). */
export function parseSelection(text: string, size: number): number[] {
  const out = new Set<number>();
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) throw new EvaultError('BAD_INPUT', `"${part}" is not a record index or range (use e.g. 3,7,10-12)`);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from || to >= size) throw new EvaultError('BAD_INPUT', `records ${part} are outside 0-${size - 1}`);
    if (to - from > 100_000) throw new EvaultError('BAD_INPUT', `range ${part} is too large for one package`);
    for (let i = from; i <= to; i++) out.add(i);
  }
  if (out.size === 0) throw new EvaultError('BAD_INPUT', 'select at least one record');
  return [...out].sort((a, b) => a - b);
}

export async function buildRecordProof(vault: Vault, evidence: EvidenceRow, indices: readonly number[], redact = false): Promise<RecordProofPackage> {
  const meta = getLogMeta(vault.db, evidence.id);
  if (!meta) throw new EvaultError('BAD_INPUT', `${evidence.name} is not a log; record proofs need log evidence`);
  const leaves = recordLeaves(vault.db, evidence.id).map((b) => new Uint8Array(b));
  for (const i of indices) if (!Number.isInteger(i) || i < 0 || i >= leaves.length) throw new EvaultError('BAD_INPUT', `${evidence.name} has records 0-${leaves.length - 1}; ${i} is outside`);
  const tree = new MerkleTree(leaves, nodeHash);
  if (toHex(tree.root()) !== meta.records_root) throw new EvaultError('DB_CORRUPT', `stored records of ${evidence.name} do not give its records root; run "evault verify-vault"`);
  const rows = getRecords(vault.db, evidence.id, indices);
  const bytes = await readRecordBytes(vault, evidence, rows);
  const views = redact ? new Map((await viewRecords(vault, evidence, rows)).map((v) => [v.record, v])) : undefined;
  const event = vault.db.prepare('SELECT bytes, signature FROM events WHERE log = ? AND seq = ?').get(evidence.case_id, evidence.event_seq) as { bytes: Buffer; signature: Buffer };
  const examiner = getExaminer(vault.db, evidence.acquired_by)!;
  return {
    type: RECORD_PROOF_TYPE,
    evidence: { id: evidence.id, name: evidence.name, sha256: evidence.sha256, size: evidence.size, case: evidence.case_id },
    recordsRoot: meta.records_root,
    treeSize: leaves.length,
    records: rows.map((row) => {
      const view = views?.get(row.idx);
      const base = { index: row.idx, leafHash: toHex(leaves[row.idx]!), proof: tree.proof(row.idx).map(toHex) };
      return view?.redacted ? { ...base, redactedText: view.text } : { ...base, bytes: toBase64(new Uint8Array(bytes.get(row.idx)!)) };
    }),
    acquisition: { event: toBase64(new Uint8Array(event.bytes)), signature: toBase64(new Uint8Array(event.signature)) },
    signer: { fingerprint: examiner.fingerprint, publicKey: toHex(new Uint8Array(examiner.public_key)) },
  };
}

const DISCLOSURE_README = `Evidence Vault disclosure package

disclosure.json  the disclosed log records with RFC 9162 inclusion proofs against the records root
                 that the examiner signed when the log was acquired (evidence.acquired event),
                 and the examiner's signature over the whole package
signer.pem       the public key of the examiner who acquired the log (Ed25519, PEM)
discloser.pem    the public key of the examiner who made this package

What it proves:
- Records given with their bytes are exactly the records acquired, at the stated positions.
- Records marked redacted are proven to exist at their positions (their leaf hash is in the signed
  tree), but the redacted text shown for them CANNOT be checked against the signed root.
- Which records were disclosed: exactly those listed; nothing in the package can be changed
  without breaking the package signature.

Check it with:  evault verify-proof disclosure.json --key signer.pem
`;

export async function disclose(vault: Vault, signer: Signer, evidence: EvidenceRow, indices: readonly number[], options: { redact: boolean; out: string; note?: string }) {
  const dir = resolve(options.out);
  await fs.mkdir(dir, { recursive: true });
  if ((await fs.readdir(dir)).length > 0) throw new EvaultError('ALREADY_EXISTS', `${dir} is not empty; disclose into a new or empty folder`);
  const pkg = await buildRecordProof(vault, evidence, indices, options.redact);
  pkg.disclosure = { by: signer.fingerprint, at: new Date().toISOString(), note: options.note ?? '' };
  pkg.disclosure.signature = toBase64(signer.sign(packageBytes(pkg)));
  const json = JSON.stringify(pkg, null, 2) + '\n';
  const acquirer = getExaminer(vault.db, evidence.acquired_by)!;
  await fs.writeFile(join(dir, 'disclosure.json'), json, { flag: 'wx' });
  await fs.writeFile(join(dir, 'signer.pem'), ed25519PublicKeyToPem(new Uint8Array(acquirer.public_key)), { flag: 'wx' });
  await fs.writeFile(join(dir, 'discloser.pem'), ed25519PublicKeyToPem(signer.publicKey), { flag: 'wx' });
  await fs.writeFile(join(dir, 'README.txt'), DISCLOSURE_README, { flag: 'wx' });
  ensureExaminer(vault, signer);
  const redacted = pkg.records.filter((r) => r.bytes === undefined).map((r) => r.index);
  const { event } = vault.db.transaction(() =>
    appendEvent(vault.db, signer, {
      caseId: evidence.case_id,
      action: 'evidence.exported',
      evidence: evidence.id,
      details: { kind: 'disclosure', destination: dir, records: pkg.records.map((r) => r.index), redacted, packageSha256: createHash('sha256').update(json).digest('hex'), packageCanonicalSha256: createHash('sha256').update(canonicalize(pkg)).digest('hex') },
    }),
  )();
  return { dir, records: pkg.records.length, redacted: redacted.length, seq: event.seq };
}
