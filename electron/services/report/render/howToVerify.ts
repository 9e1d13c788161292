// SPDX-License-Identifier: UNLICENSED
// Section 20: the exact commands an auditor runs — with standard tools alone, and with evault —
// and the fingerprints they must print.
import { sha256Hex } from '../../../../shared/crypto/sha256.js';
import { CERTIFICATE_NAME, examinerPemName } from '../../../../shared/report/manifest.js';
import type { ReportModel } from '../model.js';
import { fp } from './format.js';
import { THEME, type Layout } from './layout.js';

const colonHex = (hex: string) => (hex.toUpperCase().match(/../g) ?? []).join(':');

export function renderHowToVerify(l: Layout, m: ReportModel): void {
  l.heading('20. How to verify this report');
  const pem = examinerPemName(m.signer.fingerprint);
  const certSha = sha256Hex(m.certificates[0]!.der);
  l.para('Keep report.pdf and report.pdf.sig together. Obtain the examiner fingerprint below from the examiner or your organisation through a channel other than this file (for example, written down when the key was created): the checks prove the report is unchanged since that key signed it, and the fingerprint proves whose key it was.');
  l.keyValues([
    { label: 'Examiner', value: `${m.signer.name}${m.signer.role ? `, ${m.signer.role}` : ''}` },
    { label: 'Ed25519 key fingerprint', value: fp(m.signer.fingerprint), mono: true },
    { label: 'PDF signing certificate SHA-256', value: colonHex(certSha), mono: true },
    { label: 'Checkpoint root', value: m.checkpoint.root, mono: true },
  ], 170);

  l.heading('With standard tools (poppler-utils, OpenSSL 3)', 2);
  l.para('1. The embedded PDF signature. Any PDF viewer shows it; poppler prints:', { gap: 3 });
  l.monoBox(`pdfsig report.pdf\n#   Signature Type: ETSI.CAdES.detached ... Signature Validation: Signature is Valid.\npdfdetach -savefile ${CERTIFICATE_NAME} report.pdf\nopenssl x509 -in ${CERTIFICATE_NAME} -noout -fingerprint -sha256\n#   sha256 Fingerprint=${colonHex(certSha)}`);
  l.para('A self-signed certificate shows "Certificate issuer is unknown" in viewers; that is expected. The certificate names the examiner and carries the Ed25519 fingerprint as its subject serialNumber; the key is bound to the examiner by a signed event included in the manifest.', { size: 8.4, color: THEME.muted });
  l.para('2. The detached Ed25519 signature over every byte of the file:', { gap: 3 });
  l.monoBox(`pdfdetach -savefile ${pem} report.pdf\nopenssl pkey -pubin -in ${pem} -outform DER | tail -c 32 | sha256sum\n#   ${m.signer.fingerprint}  -\nopenssl pkeyutl -verify -pubin -inkey ${pem} -rawin -in report.pdf -sigfile report.pdf.sig\n#   Signature Verified Successfully`);
  l.para('3. The signed manifest and the attachments whose SHA-256 it lists:', { gap: 3 });
  l.monoBox(`mkdir attachments && cd attachments && pdfdetach -saveall ../report.pdf\nopenssl pkeyutl -verify -pubin -inkey ${pem} -rawin -in manifest.json -sigfile manifest.json.sig\n#   Signature Verified Successfully\nsha256sum custody.jsonl ${CERTIFICATE_NAME} examiner-*.pem\n#   compare with "attachments" in manifest.json`);
  l.para('4. The evidence: sha256sum of each evidence file must equal the SHA-256 in section 9 (and in manifest.json).', { gap: 8 });

  l.heading('With Evidence Vault', 2);
  l.para('One command runs every check above and also verifies each custody event’s signature and link, the checkpoint signature and root, the consistency proof from the previous report, the cited records’ inclusion proofs, and re-hashes the evidence files in a folder (matched / missing / changed). It exits 0 only if all pass:', { gap: 3 });
  l.monoBox(`evault verify report.pdf --fingerprint ${m.signer.fingerprint} \\\n  --sig report.pdf.sig --evidence EVIDENCE_FOLDER`);
  l.para('The checks are pure functions over the file’s bytes: the desktop app’s Verify screen runs the same code offline.', { size: 8.4, color: THEME.muted });
}
