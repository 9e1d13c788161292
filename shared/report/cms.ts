// SPDX-License-Identifier: UNLICENSED
// The CMS SignedData (RFC 5652) inside a PAdES baseline B-B signature (ETSI EN 319 142-1 §5.3):
// detached (no eContent), one SignerInfo, signed attributes contentType, messageDigest and
// ESS signing-certificate-v2 (RFC 5035), and no signingTime (PAdES puts the time in /M).
// ECDSA P-256 with SHA-256, so ordinary PDF validators (poppler/NSS, Acrobat) accept it.
import { concatBytes } from '../encoding.js';
import { sha256 } from '../crypto/sha256.js';
import {
  DerError,
  TAG,
  algorithm,
  children,
  expectTag,
  explicit,
  integer,
  octetString,
  oid,
  readDerExact,
  readOid,
  sequence,
  setOf,
  tlv,
  type DerNode,
} from './der.js';
import { OID } from './oids.js';
import type { ParsedCertificate } from './x509.js';

const attribute = (type: string, value: Uint8Array): Uint8Array => sequence(oid(type), setOf(value));

/**
 * The signed attributes as a DER SET OF (tag 0x31, sorted per X.690 §11.6): the exact bytes the
 * signature covers (RFC 5652 §5.4). Unsorted attributes make verifiers that re-encode fail.
 */
export function buildSignedAttributes(contentDigest: Uint8Array, signer: ParsedCertificate): Uint8Array {
  const essCertIdV2 = sequence(
    // hashAlgorithm DEFAULT id-sha256 is omitted (DER leaves out default values).
    octetString(sha256(signer.der)),
    sequence(sequence(explicit(4, signer.issuer)), integer(signer.serial)),
  );
  return setOf(
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octetString(contentDigest)),
    attribute(OID.signingCertificateV2, sequence(sequence(essCertIdV2))),
  );
}

/** ContentInfo { signedData } with the certificates (signer first) and one SignerInfo. */
export function assembleSignedData(signedAttributes: Uint8Array, signature: Uint8Array, certificates: readonly ParsedCertificate[]): Uint8Array {
  const signer = certificates[0];
  if (!signer) throw new DerError('a CMS signature needs the signer certificate');
  const signerInfo = sequence(
    integer(1),
    sequence(signer.issuer, integer(signer.serial)),
    algorithm(OID.sha256),
    // [0] IMPLICIT SET OF Attribute: same content, context tag instead of SET.
    tlv(0xa0, readDerExact(signedAttributes).content),
    algorithm(OID.ecdsaWithSha256),
    octetString(signature),
  );
  const signedData = sequence(
    integer(1),
    setOf(algorithm(OID.sha256)),
    sequence(oid(OID.data)),
    tlv(0xa0, concatBytes(...certificates.map((c) => c.der))),
    setOf(signerInfo),
  );
  return sequence(oid(OID.signedData), explicit(0, signedData));
}

export interface ParsedSignedData {
  digestAlgorithm: string;
  signatureAlgorithm: string;
  /** DER certificates in the SignedData, in order. */
  certificates: Uint8Array[];
  signerIssuer: Uint8Array;
  signerSerial: Uint8Array;
  /** The signed attributes re-tagged as SET OF (0x31): what the signature covers. */
  signedAttributes: Uint8Array;
  attributes: Map<string, DerNode[]>;
  signature: Uint8Array;
}

/** Parses a detached SignedData; throws DerError on anything malformed or unexpected. */
export function parseSignedData(der: Uint8Array): ParsedSignedData {
  const [type, wrapped] = children(expectTag(readDerExact(der), TAG.SEQUENCE, 'ContentInfo'));
  if (readOid(type!) !== OID.signedData) throw new DerError('ContentInfo is not signedData');
  const sd = children(expectTag(children(expectTag(wrapped, 0xa0, 'ContentInfo content'))[0], TAG.SEQUENCE, 'SignedData'));
  const encap = children(expectTag(sd[2], TAG.SEQUENCE, 'encapContentInfo'));
  if (readOid(encap[0]!) !== OID.data) throw new DerError('encapsulated content type is not id-data');
  if (encap.length > 1) throw new DerError('the signature is not detached: it carries eContent');
  let next = 3;
  let certificates: Uint8Array[] = [];
  if (sd[next]?.tag === 0xa0) certificates = children(sd[next++]!).map((c) => c.raw);
  if (sd[next]?.tag === 0xa1) next++;
  const signerInfos = children(expectTag(sd[next], TAG.SET, 'signerInfos'));
  if (signerInfos.length !== 1) throw new DerError(`expected one SignerInfo, found ${signerInfos.length}`);
  const si = children(signerInfos[0]!);
  const sid = children(expectTag(si[1], TAG.SEQUENCE, 'IssuerAndSerialNumber'));
  const digestAlgorithm = readOid(children(expectTag(si[2], TAG.SEQUENCE, 'digestAlgorithm'))[0]!);
  const attrsNode = expectTag(si[3], 0xa0, 'signedAttrs');
  const attributes = new Map<string, DerNode[]>();
  for (const attr of children(attrsNode)) {
    const [attrType, values] = children(attr);
    const id = readOid(attrType!);
    if (attributes.has(id)) throw new DerError(`signed attribute ${id} appears twice`);
    attributes.set(id, children(expectTag(values, TAG.SET, 'attribute values')));
  }
  return {
    digestAlgorithm,
    signatureAlgorithm: readOid(children(expectTag(si[4], TAG.SEQUENCE, 'signatureAlgorithm'))[0]!),
    certificates,
    signerIssuer: expectTag(sid[0], TAG.SEQUENCE, 'issuer').raw,
    signerSerial: expectTag(sid[1], TAG.INTEGER, 'serialNumber').content,
    signedAttributes: concatBytes(new Uint8Array([TAG.SET]), attrsNode.raw.subarray(1)),
    attributes,
    signature: expectTag(si[5], TAG.OCTET_STRING, 'signature').content,
  };
}

/** The single value of a signed attribute, or throws. */
export function singleAttribute(p: ParsedSignedData, id: string, what: string): DerNode {
  const values = p.attributes.get(id);
  if (!values || values.length !== 1) throw new DerError(`signed attribute ${what} is ${values ? 'multi-valued' : 'missing'}`);
  return values[0]!;
}

/** certHash of the first ESSCertIDv2 in signing-certificate-v2 (hash algorithm must be the SHA-256 default). */
export function signingCertificateHash(p: ParsedSignedData): Uint8Array {
  const value = singleAttribute(p, OID.signingCertificateV2, 'signing-certificate-v2');
  const certs = children(expectTag(children(value)[0], TAG.SEQUENCE, 'SigningCertificateV2 certs'));
  const first = children(expectTag(certs[0], TAG.SEQUENCE, 'ESSCertIDv2'));
  if (first[0]?.tag === TAG.SEQUENCE) {
    if (readOid(children(first[0])[0]!) !== OID.sha256) throw new DerError('signing-certificate-v2 uses a hash other than SHA-256');
    return expectTag(first[1], TAG.OCTET_STRING, 'certHash').content;
  }
  return expectTag(first[0], TAG.OCTET_STRING, 'certHash').content;
}
