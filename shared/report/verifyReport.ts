// SPDX-License-Identifier: UNLICENSED
// Offline verification of a signed Evidence Vault report: a fixed pipeline of pure steps over the
// PDF's bytes (no vault, no network), so the CLI, the app and the renderer all run the same checks.
// Every step runs even after one fails, so a reader sees all that is wrong; `firstFailure` names
// the first, which is what tamper tests assert.
import { sha256Hex } from '../crypto/sha256.js';
import { byteRangeStep, cmsStep, detachedStep, digestStep, identityStep, structureStep } from './verify/pdfSteps.js';
import { attachmentHashesStep, manifestSignatureStep } from './verify/manifestSteps.js';
import { checkpointRootStep, checkpointSignatureStep, consistencyStep, custodyStep } from './verify/custodySteps.js';
import { evidenceFilesStep, recordProofsStep } from './verify/evidenceSteps.js';
import { incidentStep } from './verify/incidentStep.js';
import { STEP_IDS, type ReportVerification, type StepResult, type VerifyDeps, type VerifyInput } from './verify/types.js';

export async function verifyReport(input: VerifyInput, deps: VerifyDeps): Promise<ReportVerification> {
  const steps: StepResult[] = [];
  const pdfSha256 = deps.sha256 ? Array.from(deps.sha256([input.pdf]), (b) => b.toString(16).padStart(2, '0')).join('') : sha256Hex(input.pdf);
  const { step: structure, parts } = structureStep(input);
  steps.push(structure);
  let evidence: ReportVerification['evidence'] = [];
  if (parts) {
    steps.push(byteRangeStep(parts, input.pdf.length));
    steps.push(digestStep(parts, input, deps));
    steps.push(await cmsStep(parts, deps));
    steps.push(await identityStep(parts, input, deps));
    steps.push(detachedStep(parts, input, deps));
    steps.push(manifestSignatureStep(parts, deps));
    steps.push(attachmentHashesStep(parts));
    const custody = custodyStep(parts, deps);
    steps.push(custody.step);
    steps.push(checkpointSignatureStep(parts, deps));
    steps.push(checkpointRootStep(parts));
    steps.push(consistencyStep(parts, custody.index, deps));
    steps.push(recordProofsStep(parts, custody.index));
    steps.push(incidentStep(parts, custody.index));
    const files = evidenceFilesStep(parts, input);
    steps.push(files.step);
    evidence = files.outcomes;
  } else {
    for (const id of STEP_IDS.slice(1)) steps.push({ id, title: id, status: 'skipped', detail: 'the PDF could not be read', checks: [] });
  }
  const failed = steps.find((s) => s.status === 'failed');
  const m = parts?.manifest ?? null;
  const pinned = input.expected?.publicKey !== undefined || input.expected?.fingerprint !== undefined;
  return {
    ok: failed === undefined && structure.status === 'passed',
    firstFailure: failed?.id ?? null,
    steps,
    reportId: m?.reportId ?? null,
    case: m ? { id: m.case.id, number: m.case.number, title: m.case.title } : null,
    signer: m ? { fingerprint: m.signer.fingerprint, name: m.signer.name, role: m.signer.role, pinned } : null,
    pdfSha256,
    evidence,
  };
}
