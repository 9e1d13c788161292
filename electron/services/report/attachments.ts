// SPDX-License-Identifier: UNLICENSED
// The files embedded in the report (PDF/A-3 associated files, AFRelationship Data): the signed
// manifest, the custody log as signed, the examiners' public keys and the signer certificate.
import { ed25519PublicKeyToPem } from '../../../shared/crypto/keyFingerprint.js';
import { sha256Hex } from '../../../shared/crypto/sha256.js';
import { fromHex, utf8 } from '../../../shared/encoding.js';
import { encodeCustodyJsonl } from '../../../shared/report/custodyJsonl.js';
import { CERTIFICATE_NAME, CUSTODY_NAME, MANIFEST_NAME, MANIFEST_SIG_NAME, MANIFEST_TYPE, encodeManifest, examinerPemName, type ReportManifest } from '../../../shared/report/manifest.js';
import { derToPem } from '../../../shared/report/x509.js';
import type { ReportModel } from './model.js';

export interface ReportAttachment {
  name: string;
  mime: string;
  description: string;
  data: Uint8Array;
}

/** Custody log, keys and certificate: the attachments the manifest lists with their SHA-256. */
export function dataAttachments(model: ReportModel): ReportAttachment[] {
  return [
    { name: CUSTODY_NAME, mime: 'application/jsonl', description: 'The case custody log as signed: one event per line with its SHA-256 and Ed25519 signature', data: encodeCustodyJsonl(model.signedEvents) },
    ...model.examiners.map((e) => ({ name: examinerPemName(e.fingerprint), mime: 'application/x-pem-file', description: `Ed25519 public key of ${e.name} (fingerprint ${e.fingerprint})`, data: utf8(ed25519PublicKeyToPem(fromHex(e.publicKey))) })),
    { name: CERTIFICATE_NAME, mime: 'application/x-pem-file', description: 'Certificate of the ECDSA P-256 key that made the embedded PDF signature', data: utf8(model.certificates.map((c) => derToPem(c.der, 'CERTIFICATE')).join('')) },
  ];
}

/** The model's incident part without the in-memory fold (the manifest carries its JSON form). */
function manifestIncident(model: ReportModel): ReportManifest['incident'] {
  const { reportType, supersedes, record, history, changes, deadlines, regimes, annex } = model.incident;
  return { reportType, supersedes, record, history, changes, deadlines, regimes, annex };
}

export function buildManifest(model: ReportModel, attachments: readonly ReportAttachment[]): ReportManifest {
  return {
    type: MANIFEST_TYPE,
    reportId: model.reportId,
    generatedAt: model.generatedAt.toISOString(),
    tool: model.tool,
    options: { ...model.options },
    case: model.case,
    signer: model.signer,
    examiners: model.examiners,
    evidence: model.evidence,
    findings: model.findings,
    pii: model.pii,
    recordProofs: model.recordProofs,
    custody: { log: model.case.id, size: model.signedEvents.length, events: model.signedEvents.map((e) => ({ seq: e.seq, hash: e.hash })) },
    checkpoint: model.checkpoint,
    previous: model.previous,
    incident: manifestIncident(model),
    attachments: attachments.map((a) => ({ name: a.name, sha256: sha256Hex(a.data), size: a.data.length, mime: a.mime })),
  };
}

/** All attachments in the order they are embedded: manifest, its signature, then the data files. */
export function reportAttachments(model: ReportModel, sign: (message: Uint8Array) => Uint8Array): { manifest: ReportManifest; attachments: ReportAttachment[] } {
  const data = dataAttachments(model);
  const manifest = buildManifest(model, data);
  const bytes = encodeManifest(manifest);
  return {
    manifest,
    attachments: [
      { name: MANIFEST_NAME, mime: 'application/json', description: 'Machine-readable report manifest (RFC 8785 canonical JSON), signed in manifest.json.sig', data: bytes },
      { name: MANIFEST_SIG_NAME, mime: 'application/octet-stream', description: 'Raw Ed25519 signature over manifest.json by the examiner', data: sign(bytes) },
      ...data,
    ],
  };
}
