// SPDX-License-Identifier: UNLICENSED
// Identifiers that are not PII by format but name one customer's data: internal reference codes
// ("NWB-PY774557", "CLM-11968-E", "PW-E75104") and project codenames ("Project SANDPIPER"). The
// cross-tenant rule tracks them beside the PII values.

export interface FoundIdentifier {
  kind: 'reference' | 'codename';
  value: string;
  start: number;
  end: number;
}

const REFERENCE = /\b[A-Z][A-Z0-9]{1,9}(?:-[A-Z0-9]{1,12}){1,3}\b/g;
const CODENAME = /\b(?:Project|Operation|Codename|Code name|Programme|Program)\s+([A-Z][A-Z0-9]{3,})\b/g;
/** Prefixes of public identifiers (standards, CVEs, model names…) that many tenants legitimately share. */
const PUBLIC_PREFIX = new Set('ISO IEC RFC SHA UTF CVE CWE GPT AES TLS SSL HTTP HTTPS ISBN ISSN EN DIN IEEE NIST PCI SOC GDPR COVID SARS AML UTC GMT ATT MITRE TCP UDP RSA MD CE IP IPV4 IPV6 ECMA ES PEP JSR WCAG OWASP CIS FIPS ANSI ASTM BS NFPA ICD DSM IFRS GAAP ASC IAS FRS MIFID BASEL EMV NACHA SEPA SWIFT IBAN BIC ARM X86 AMD64 H264 H265 MP3 MP4 USB HDMI DDR LTE GPU CPU RAM ROM DNA RNA'.split(' '));

function digits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** Reference codes and codenames in `text`. */
export function findIdentifiers(text: string): FoundIdentifier[] {
  const out: FoundIdentifier[] = [];
  if (text.indexOf('-') >= 0) {
    for (const m of text.matchAll(REFERENCE)) {
      const v = m[0];
      const prefix = v.slice(0, v.indexOf('-'));
      // At least four digits and one letter: "NWB-PY774557" names a record; "TLS-1" or "A-B" does not.
      if (digits(v) < 4 || PUBLIC_PREFIX.has(prefix) || !/[A-Z]/.test(v)) continue;
      out.push({ kind: 'reference', value: v, start: m.index, end: m.index + v.length });
    }
  }
  if (/\b(?:Project|Operation|Code ?name|Program)/.test(text)) {
    for (const m of text.matchAll(CODENAME)) {
      const name = m[1]!;
      const start = m.index + m[0].length - name.length;
      out.push({ kind: 'codename', value: name, start, end: start + name.length });
    }
  }
  return out;
}
