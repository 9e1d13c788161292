// SPDX-License-Identifier: UNLICENSED
// Plain-language wording for the report verification steps of shared/report/verifyReport.ts: what
// each step establishes, and what to do when it fails.
import type { StepId } from '../../shared/report/verify/types.js';

export const STEP_TEXT: Record<StepId, { title: string; onFail: string }> = {
  'pdf-structure': { title: 'The file is a complete Evidence Vault report', onFail: 'The file is not a report made by Evidence Vault, is cut short, or was re-saved by another program (which adds a revision). Ask the examiner for the original file.' },
  'pdf-byterange': { title: 'The PDF signature covers the whole file', onFail: 'Bytes were added to or removed from the signed file. Do not rely on it; ask for the original.' },
  'pdf-digest': { title: 'The PDF is byte for byte the one that was signed', onFail: 'Something in the PDF changed after it was signed (text, pictures or attachments). Do not rely on any part of it; ask the examiner for a fresh copy.' },
  'pdf-cms-signature': { title: 'The embedded PDF signature is mathematically valid', onFail: 'The embedded signature is damaged or was not made over this file. Do not rely on the report.' },
  'pdf-signer-identity': { title: 'The PDF was signed by the examiner named in the report', onFail: 'The signing key is not bound to the examiner in the report, or it is not the examiner you expected. Confirm the examiner’s fingerprint by another channel (phone, in person).' },
  'detached-signature': { title: 'The detached signature (.sig) matches this exact file', onFail: 'The .sig file belongs to another file or this PDF changed. Make sure you dropped the matching pair; otherwise ask for the originals.' },
  'manifest-signature': { title: 'The machine-readable manifest is signed by the examiner', onFail: 'The attached manifest was changed or signed by someone else. Do not rely on the report.' },
  'attachment-hashes': { title: 'Every attachment is the one the manifest lists', onFail: 'An attachment (custody log, keys or certificate) was swapped or altered. Do not rely on the report.' },
  'custody-events': { title: 'The chain of custody is intact and signed', onFail: 'A custody event was removed, reordered or altered. The history in this report cannot be trusted.' },
  'checkpoint-signature': { title: 'The custody checkpoint is signed for this case', onFail: 'The signed checkpoint is missing, altered, or belongs to another vault or case.' },
  'checkpoint-root': { title: 'The custody events reproduce the signed checkpoint', onFail: 'The custody log in the report differs from what the examiner signed (events missing or added).' },
  'consistency-proof': { title: 'Nothing was removed or rewritten since the previous report', onFail: 'The custody log is not an extension of the one in the previous report. Compare both reports with the examiner.' },
  'record-proofs': { title: 'Cited log records are provably part of the acquired logs', onFail: 'A cited record, or its proof, does not match the log acquired as evidence. Treat that record as unproven.' },
  'incident-record': { title: 'The incident record and deadlines are the ones the custody log built', onFail: 'The incident record or the deadline computation in the manifest differs from the signed incident edits in the custody log. Rely only on the custody events, and ask the examiner for a fresh report.' },
  'evidence-files': { title: 'The evidence files match the report’s fingerprints', onFail: 'Some evidence files are missing from the folder or differ from what was acquired (see the list). Check you chose the right folder; a changed file is not the evidence the report describes.' },
};

export function stepText(id: string): { title: string; onFail: string } {
  return STEP_TEXT[id as StepId] ?? { title: id, onFail: 'This check failed; do not rely on the report.' };
}
