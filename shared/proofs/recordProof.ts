// SPDX-License-Identifier: UNLICENSED
// Record proofs and disclosure packages: chosen log records with RFC 9162 inclusion proofs against
// the records root that the signed evidence.acquired event carries. Verification is pure and runs
// offline (CLI, app, renderer): bytes in, a list of checks out.
import { canonicalize } from '../canonicalJson.js';
import { bytesEqual, fromBase64, fromHex, fromUtf8, toHex } from '../encoding.js';
import { leafHash, verifyInclusion } from '../crypto/merkle.js';
import { keyFingerprint } from '../crypto/keyFingerprint.js';
import type { Ed25519Verify } from '../crypto/ed25519.js';
import { parseEvent } from '../custody/verifyLog.js';

export const RECORD_PROOF_TYPE = 'evault.record-proof.v1';

export interface ProvenRecord {
  index: number;
  /** Hex RFC 9162 leaf hash of the original record bytes. */
  leafHash: string;
  /** Inclusion path, leaf to root, hex. */
  proof: string[];
  /** The exact original bytes, base64 — absent when the record is disclosed redacted. */
  bytes?: string;
  /** The redacted text shown instead of the bytes; it cannot be checked against the leaf. */
  redactedText?: string;
}

export interface RecordProofPackage {
  type: typeof RECORD_PROOF_TYPE;
  evidence: { id: string; name: string; sha256: string; size: number; case: string };
  recordsRoot: string;
  treeSize: number;
  records: ProvenRecord[];
  /** The signed evidence.acquired event: its exact bytes (base64) and Ed25519 signature (base64). */
  acquisition: { event: string; signature: string };
  signer: { fingerprint: string; publicKey: string };
  /** For disclosures: who made the package and when, and a signature over it (see packageBytes). */
  disclosure?: { by: string; at: string; note: string; signature?: string };
}

export interface ProofCheck {
  name: string;
  ok: boolean;
  detail: string;
  record?: number;
  expected?: string;
  found?: string;
}

export interface ProofReport {
  ok: boolean;
  checks: ProofCheck[];
  /** Indices whose content was verified byte for byte, and those only proven to exist (redacted). */
  verifiedRecords: number[];
  redactedRecords: number[];
}

/** The bytes a disclosure signature covers: the package's canonical JSON without the signature. */
export function packageBytes(p: RecordProofPackage): Uint8Array {
  const copy = JSON.parse(JSON.stringify(p)) as RecordProofPackage;
  if (copy.disclosure) delete copy.disclosure.signature;
  return new TextEncoder().encode(canonicalize(copy));
}

export function verifyRecordProof(input: unknown, verify: Ed25519Verify, trusted?: Uint8Array): ProofReport {
  const checks: ProofCheck[] = [];
  const add = (c: ProofCheck) => checks.push(c);
  const report = (): ProofReport => ({
    ok: checks.length > 0 && checks.every((c) => c.ok),
    checks,
    verifiedRecords: checks.filter((c) => c.name === 'record content' && c.ok).map((c) => c.record!),
    redactedRecords: checks.filter((c) => c.name === 'record redacted').map((c) => c.record!),
  });
  const p = input as RecordProofPackage;
  if (typeof p !== 'object' || p === null || p.type !== RECORD_PROOF_TYPE || !Array.isArray(p.records) || typeof p.acquisition !== 'object' || typeof p.signer !== 'object' || typeof p.evidence !== 'object') {
    add({ name: 'format', ok: false, detail: `not an ${RECORD_PROOF_TYPE} package` });
    return report();
  }
  try {
    const publicKey = fromHex(p.signer.publicKey);
    const key = trusted ?? publicKey;
    const fp = keyFingerprint(key);
    add({ name: 'signer key', ok: !trusted || bytesEqual(trusted, publicKey), detail: trusted ? 'the package names the trusted key' : `key taken from the package itself: compare its fingerprint ${fp} with the examiner's`, expected: trusted ? toHex(trusted) : undefined, found: p.signer.publicKey });
    const eventBytes = fromBase64(p.acquisition.event);
    const sigOk = verify(fromBase64(p.acquisition.signature), eventBytes, key);
    add({ name: 'acquisition signature', ok: sigOk, detail: sigOk ? `evidence.acquired event signed by ${fp}` : 'the acquisition event signature does not verify with the signer key' });
    const event = parseEvent(eventBytes);
    const log = event.details.log as { recordsRoot?: unknown; records?: unknown } | undefined;
    const bound = event.action === 'evidence.acquired' && event.actor === fp && event.evidence === p.evidence.id && event.case === p.evidence.case && event.details.sha256 === p.evidence.sha256 && event.details.size === p.evidence.size;
    add({ name: 'acquisition event', ok: bound, detail: bound ? `acquisition of ${p.evidence.name} (SHA-256 ${p.evidence.sha256}) by ${fp}` : 'the signed event is not the acquisition of this evidence by this signer', expected: `${p.evidence.id} ${p.evidence.sha256}`, found: `${event.action} ${String(event.evidence)} ${String(event.details.sha256)}` });
    const rootOk = log?.recordsRoot === p.recordsRoot && log?.records === p.treeSize;
    add({ name: 'records root', ok: rootOk, detail: rootOk ? `records root ${p.recordsRoot} over ${p.treeSize} records, as signed` : 'the package root or size differs from the signed acquisition event', expected: `${String(log?.recordsRoot)} / ${String(log?.records)}`, found: `${p.recordsRoot} / ${p.treeSize}` });
    const root = fromHex(p.recordsRoot);
    for (const r of p.records) {
      const leaf = fromHex(r.leafHash);
      const included = verifyInclusion(r.index, p.treeSize, leaf, r.proof.map(fromHex), root);
      add({ name: 'record inclusion', record: r.index, ok: included, detail: included ? `record ${r.index} is leaf ${r.index} of the signed tree` : `record ${r.index}: the inclusion proof does not lead to the signed root` });
      if (r.bytes !== undefined) {
        const actual = toHex(leafHash(fromBase64(r.bytes)));
        add({ name: 'record content', record: r.index, ok: actual === r.leafHash, detail: actual === r.leafHash ? `record ${r.index} bytes are exactly the acquired ones` : `record ${r.index} bytes were altered`, expected: r.leafHash, found: actual });
      } else {
        add({ name: 'record redacted', record: r.index, ok: true, detail: `record ${r.index} is disclosed redacted: its existence and position are proven, its shown text cannot be checked against the root` });
      }
    }
    if (p.disclosure) {
      const sig = p.disclosure.signature;
      const ok = sig !== undefined && verify(fromBase64(sig), packageBytes(p), key);
      add({ name: 'disclosure signature', ok, detail: ok ? `package signed by ${fp} on ${p.disclosure.at}` : 'the disclosure package signature does not verify: the package was changed after it was made' });
    }
  } catch (err) {
    add({ name: 'format', ok: false, detail: `malformed package: ${(err as Error).message}` });
  }
  return report();
}

export function parsePackage(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(fromUtf8(bytes)) as unknown;
  } catch {
    return null;
  }
}
