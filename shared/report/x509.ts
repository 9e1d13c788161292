// SPDX-License-Identifier: UNLICENSED
// X.509 v3 certificates (RFC 5280) and PKCS #10 requests (RFC 2986) for the examiner's ECDSA P-256
// companion key: built here (the signature itself comes from the caller), and parsed defensively.
// The certificate names the examiner's Ed25519 identity twice — the subject serialNumber is the
// key fingerprint, and a subjectAltName URI carries it — so the PDF signer key is tied to the
// identity that signs the custody log.
import { fromBase64, toBase64 } from '../encoding.js';
import { sha256 } from '../crypto/sha256.js';
import {
  DerError,
  TAG,
  algorithm,
  bitString,
  children,
  expectTag,
  explicit,
  ia5String,
  implicitPrimitive,
  integer,
  octetString,
  oid,
  printableString,
  readBitStringBytes,
  readDerExact,
  readOid,
  readString,
  readTime,
  sequence,
  setOf,
  time,
  tlv,
  utf8String,
  type DerNode,
} from './der.js';
import { OID } from './oids.js';

export const IDENTITY_URI_PREFIX = 'urn:evidence-vault:examiner:ed25519:';

export interface ExaminerSubject {
  name: string;
  role: string | null;
  /** Ed25519 key fingerprint (64 lowercase hex digits). */
  fingerprint: string;
  organisation?: string | null;
}

export function buildName(s: ExaminerSubject): Uint8Array {
  const rdn = (type: string, value: Uint8Array) => setOf(sequence(oid(type), value));
  return sequence(
    ...(s.organisation ? [rdn(OID.organizationName, utf8String(s.organisation))] : []),
    ...(s.role ? [rdn(OID.title, utf8String(s.role))] : []),
    rdn(OID.commonName, utf8String(s.name)),
    rdn(OID.serialNumber, printableString(s.fingerprint)),
  );
}

function identityExtensions(spki: Uint8Array, fingerprint: string): Uint8Array[] {
  // RFC 7093 §2 method 1: the key identifier is the leftmost 160 bits of SHA-256 of the key bits.
  const keyBits = readBitStringBytes(children(readDerExact(spki))[1]!);
  const ext = (id: string, critical: boolean, value: Uint8Array) => sequence(oid(id), ...(critical ? [new Uint8Array([0x01, 0x01, 0xff])] : []), octetString(value));
  return [
    ext(OID.basicConstraints, true, sequence()),
    // digitalSignature (bit 0) and nonRepudiation (bit 1): 0b11000000 with 6 unused bits.
    ext(OID.keyUsage, true, bitString(new Uint8Array([0xc0]), 6)),
    ext(OID.subjectKeyIdentifier, false, octetString(sha256(keyBits).slice(0, 20))),
    ext(OID.subjectAltName, false, sequence(implicitPrimitive(6, readDerExact(ia5String(IDENTITY_URI_PREFIX + fingerprint)).content))),
  ];
}

export interface TbsInput {
  serial: Uint8Array;
  subject: ExaminerSubject;
  spki: Uint8Array;
  notBefore: Date;
  notAfter: Date;
}

/** The to-be-signed part of a self-signed certificate (issuer = subject). */
export function buildTbsCertificate(t: TbsInput): Uint8Array {
  const name = buildName(t.subject);
  return sequence(
    explicit(0, integer(2)),
    integer(t.serial),
    algorithm(OID.ecdsaWithSha256),
    name,
    sequence(time(t.notBefore), time(t.notAfter)),
    name,
    t.spki,
    explicit(3, sequence(...identityExtensions(t.spki, t.subject.fingerprint))),
  );
}

/** Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }. */
export function assembleSigned(tbs: Uint8Array, signatureDer: Uint8Array): Uint8Array {
  return sequence(tbs, algorithm(OID.ecdsaWithSha256), bitString(signatureDer));
}

/** CertificationRequestInfo (RFC 2986 §4.1) asking for the same extensions. */
export function buildCsrInfo(subject: ExaminerSubject, spki: Uint8Array): Uint8Array {
  const extensionRequest = sequence(oid(OID.extensionRequest), setOf(sequence(...identityExtensions(spki, subject.fingerprint))));
  return sequence(integer(0), buildName(subject), spki, tlv(0xa0, extensionRequest));
}

export interface ParsedCertificate {
  der: Uint8Array;
  tbs: Uint8Array;
  serial: Uint8Array;
  issuer: Uint8Array;
  subject: Uint8Array;
  subjectAttributes: Map<string, string>;
  notBefore: Date;
  notAfter: Date;
  spki: Uint8Array;
  signatureAlgorithm: string;
  signature: Uint8Array;
  /** URIs in subjectAltName. */
  uris: string[];
}

/** Parses a DER certificate; throws DerError on anything malformed. */
export function parseCertificate(der: Uint8Array): ParsedCertificate {
  const [tbsNode, algNode, sigNode] = children(expectTag(readDerExact(der), TAG.SEQUENCE, 'Certificate'));
  const tbs = expectTag(tbsNode, TAG.SEQUENCE, 'tbsCertificate');
  const fields = children(tbs);
  let i = 0;
  if (fields[0]?.tag === 0xa0) i = 1;
  const serial = expectTag(fields[i], TAG.INTEGER, 'serialNumber').content;
  const issuer = expectTag(fields[i + 2], TAG.SEQUENCE, 'issuer');
  const validity = children(expectTag(fields[i + 3], TAG.SEQUENCE, 'validity'));
  const subject = expectTag(fields[i + 4], TAG.SEQUENCE, 'subject');
  const spki = expectTag(fields[i + 5], TAG.SEQUENCE, 'subjectPublicKeyInfo');
  const uris: string[] = [];
  const extField = fields.slice(i + 6).find((f) => f.tag === 0xa3);
  if (extField) {
    for (const ext of children(expectTag(children(extField)[0], TAG.SEQUENCE, 'extensions'))) {
      const parts = children(ext);
      if (readOid(parts[0]!) !== OID.subjectAltName) continue;
      const value = readDerExact(expectTag(parts[parts.length - 1], TAG.OCTET_STRING, 'extnValue').content);
      for (const gn of children(value)) if (gn.tag === 0x86) uris.push(new TextDecoder().decode(gn.content));
    }
  }
  return {
    der,
    tbs: tbs.raw,
    serial,
    issuer: issuer.raw,
    subject: subject.raw,
    subjectAttributes: nameAttributes(subject),
    notBefore: readTime(validity[0]!),
    notAfter: readTime(validity[1]!),
    spki: spki.raw,
    signatureAlgorithm: readOid(children(expectTag(algNode, TAG.SEQUENCE, 'signatureAlgorithm'))[0]!),
    signature: readBitStringBytes(expectTag(sigNode, TAG.BIT_STRING, 'signatureValue')),
    uris,
  };
}

/** Attribute type OID → value, for the single-valued RDNs examiner names use. */
export function nameAttributes(name: DerNode): Map<string, string> {
  const out = new Map<string, string>();
  for (const rdn of children(name)) {
    for (const atv of children(rdn)) {
      const [type, value] = children(atv);
      if (type && value) out.set(readOid(type), readString(value));
    }
  }
  return out;
}

export function derToPem(der: Uint8Array, label: string): string {
  return `-----BEGIN ${label}-----\n${(toBase64(der).match(/.{1,64}/g) ?? []).join('\n')}\n-----END ${label}-----\n`;
}

/** Every PEM block with the label, in order (a certificate file may hold a chain). */
export function pemBlocks(pem: string, label: string): Uint8Array[] {
  const re = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`, 'g');
  const out: Uint8Array[] = [];
  for (const m of pem.matchAll(re)) {
    try {
      out.push(fromBase64(m[1]!.replace(/\s+/g, '')));
    } catch (cause) {
      throw new DerError(`a ${label} PEM block is not valid base64`, { cause });
    }
  }
  return out;
}

/** True when a SubjectPublicKeyInfo is an ecPublicKey on P-256 (RFC 5480). */
export function isP256Spki(spki: Uint8Array): boolean {
  try {
    const [alg] = children(readDerExact(spki));
    const [id, curve] = children(alg!);
    return readOid(id!) === OID.ecPublicKey && curve !== undefined && readOid(curve) === OID.prime256v1;
  } catch {
    return false;
  }
}

