// SPDX-License-Identifier: UNLICENSED
// Plain-language wording for the record-proof checks of shared/proofs/recordProof.ts: what each
// check establishes, and what to do when it fails.

export const CHECK_TEXT: Record<string, { title: string; onFail: string }> = {
  format: { title: 'The file is an Evidence Vault record proof or disclosure package', onFail: 'Make sure you opened disclosure.json (or a prove-record file) and that it was not cut short or edited.' },
  'signer key': { title: 'The examiner key named in the package', onFail: 'The package names a different key than the one you trust. Do not rely on it; ask the examiner for their fingerprint through another channel.' },
  'acquisition signature': { title: 'The acquisition record is signed by the examiner', onFail: 'The signed acquisition event was altered or signed by someone else. The package cannot be trusted; request a fresh copy.' },
  'acquisition event': { title: 'The signed event is the acquisition of exactly this evidence', onFail: 'The package was assembled from a different evidence item or case. Request a fresh copy from the examiner.' },
  'records root': { title: 'The records root is the one signed at acquisition', onFail: 'The Merkle root or record count in the package differs from what the examiner signed. The records cannot be tied to the evidence.' },
  'record inclusion': { title: 'The record sits at its stated position in the signed log', onFail: 'The inclusion proof does not lead to the signed root: the record, its position or the proof was changed.' },
  'record content': { title: 'The record is byte for byte the one acquired', onFail: 'The record text was altered after acquisition. Treat this record as untrustworthy and ask for the original.' },
  'record redacted': { title: 'The record is disclosed redacted', onFail: '' },
  'disclosure signature': { title: 'The disclosure package is signed and unchanged since it was made', onFail: 'Something in the package changed after the examiner signed it. Do not rely on any part of it; request a fresh copy.' },
};

export function checkText(name: string): { title: string; onFail: string } {
  return CHECK_TEXT[name] ?? { title: name, onFail: 'This check failed; do not rely on the package.' };
}
