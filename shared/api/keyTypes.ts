// SPDX-License-Identifier: UNLICENSED
// What the Keys screen receives: public halves, fingerprints and certificates, never private keys.

export interface CertificateView {
  subject: string;
  issuer: string;
  selfSigned: boolean;
  notBefore: string;
  notAfter: string;
  /** SHA-256 of the leaf certificate's DER (the report's cover shows it). */
  sha256: string;
  /** Certificates in the stored chain (leaf first). */
  chainLength: number;
}

export interface KeyView {
  fingerprint: string;
  name: string;
  role: string | null;
  organisation: string | null;
  createdAt: string;
  /** Whether this is the identity unlocked now. */
  unlocked: boolean;
  /** SHA-256 of the ECDSA P-256 companion key's SubjectPublicKeyInfo, or null without a companion. */
  companionSpkiSha256: string | null;
  /** The stored certificate of the companion key (made on the first report, or imported). */
  certificate: CertificateView | null;
}

export interface ExportedKey {
  pem: string;
  /** Where it was written, when a destination was given. */
  path: string | null;
}
