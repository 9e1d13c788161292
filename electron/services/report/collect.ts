// SPDX-License-Identifier: UNLICENSED
// Gathers the report model from the vault. Nothing here depends on the clock except the generation
// time passed in, so the same vault state and options give the same model.
import { canonicalize } from '../../../shared/canonicalJson.js';
import { sha256Hex } from '../../../shared/crypto/sha256.js';
import { toBase64 } from '../../../shared/encoding.js';
import type { Signer } from '../keys/signer.js';
import type { IssuedCheckpoint } from '../vault/custodyLog.js';
import type { CaseRow } from '../vault/queries/cases.js';
import type { Vault } from '../vault/vault.js';
import { TOOL_VERSION } from '../version.js';
import type { ParsedCertificate } from '../../../shared/report/x509.js';
import { collectCustody, collectExaminers, companionBinding, describeEvents } from './collectCustody.js';
import { collectIncident } from './collectIncident.js';
import { collectActivity, collectCitations, collectFindings, collectInventory, collectPii, detailedFindings } from './collectEvidence.js';
import type { ReportModel, ReportOptions } from './model.js';

/** Same case, checkpoint and options → same id: a regenerated report can be matched to the original. */
export function reportIdOf(caseId: string, checkpointRoot: string, size: number, options: ReportOptions): string {
  const h = sha256Hex(canonicalize({ case: caseId, root: checkpointRoot, size, options: { ...options } })).slice(0, 12).toUpperCase();
  return `EVR-${h.slice(0, 4)}-${h.slice(4, 8)}-${h.slice(8, 12)}`;
}

export async function collectModel(vault: Vault, signer: Signer, theCase: CaseRow, issued: IssuedCheckpoint, certificates: ParsedCertificate[], options: ReportOptions, generatedAt: Date): Promise<ReportModel> {
  const custody = collectCustody(vault, theCase.id, issued);
  const { rows, evidence } = collectInventory(vault, theCase.id, custody.parsed);
  const findings = collectFindings(vault, theCase.id, custody.checkpoint.size);
  const detailed = detailedFindings(findings);
  const { citations, chosen, proofs } = await collectCitations(vault, rows, evidence, findings, detailed, options.reveal, options.cite);
  const { bucket, activity } = collectActivity(vault, theCase.id, evidence);
  const actors = new Set([...custody.parsed.map((e) => e.actor), signer.fingerprint]);
  const spki = toBase64(signer.companion!.spki);
  const examiners = collectExaminers(vault, actors);
  const me = examiners.find((e) => e.fingerprint === signer.fingerprint)!;
  const vaultId = (custody.parsed[0]?.details as { vault?: string } | undefined)?.vault ?? vault.id;
  const reportId = reportIdOf(theCase.id, custody.checkpoint.root, custody.checkpoint.size, options);
  const incident = collectIncident({ events: custody.parsed, previous: custody.previous, reportType: options.reportType, reportId, caseNumber: theCase.number, caseTitle: theCase.title, generatedAt, examiner: me.name, findings });
  return {
    reportId,
    generatedAt,
    tool: TOOL_VERSION,
    options,
    case: { id: theCase.id, number: theCase.number, title: theCase.title, description: theCase.description, vault: vaultId, createdAt: theCase.created_at },
    signer: { ...me, companion: { spki, certificateSha256: sha256Hex(certificates[0]!.der), bound: companionBinding(vault, signer.fingerprint, spki) } },
    certificates,
    examiners,
    evidence,
    findings,
    detailed,
    pii: collectPii(vault, theCase.id),
    citations,
    examinerCited: chosen,
    recordProofs: proofs,
    events: describeEvents(custody.parsed, custody.signedEvents, new Map(rows.map((r) => [r.id, r.name]))),
    signedEvents: custody.signedEvents,
    checkpoint: custody.checkpoint,
    previous: custody.previous,
    incident,
    activity,
    activityBucket: bucket,
  };
}
