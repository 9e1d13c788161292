// SPDX-License-Identifier: UNLICENSED
// PEM private-key blocks (RFC 7468 §10 "PRIVATE KEY", §11 "ENCRYPTED PRIVATE KEY", and the legacy
// "RSA/EC/DSA/OPENSSH PRIVATE KEY" labels; OpenPGP's "PGP PRIVATE KEY BLOCK", RFC 4880 §6.2). The
// span runs from "-----BEGIN" to the closing "-----" of the END line with the same label. Public
// keys and certificates are not secrets and are not matched.
import type { PiiMatch } from '../findings.js';

const BEGIN = /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----/g;
// The lines of base64 and RFC 1421 headers ("Proc-Type: 4,ENCRYPTED") of a block whose END line
// is missing, as in a log line cut short.
const BODY = /(?:\r?\n(?:[A-Za-z0-9+/=]{1,80}|[A-Za-z-]+: [^\r\n]*)(?=\r?\n|$))*/y;

export function findPrivateKeys(text: string, out: PiiMatch[]): void {
  BEGIN.lastIndex = 0;
  for (let m = BEGIN.exec(text); m !== null; m = BEGIN.exec(text)) {
    const endLine = `-----END ${m[1]!}-----`;
    const close = text.indexOf(endLine, BEGIN.lastIndex);
    let end: number;
    if (close !== -1) {
      end = close + endLine.length;
    } else {
      // Key material is a secret even when the block was cut off: flag what is there.
      BODY.lastIndex = BEGIN.lastIndex;
      BODY.exec(text);
      end = BODY.lastIndex;
    }
    out.push({ type: 'pii.secret', start: m.index, end, subtype: 'private_key' });
    BEGIN.lastIndex = end;
  }
}
