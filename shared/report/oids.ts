// SPDX-License-Identifier: UNLICENSED
// Object identifiers used by the report's CMS signature and certificates.
export const OID = {
  // RFC 5652 §4, §5
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  // RFC 5652 §11
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  // RFC 5035 §3: id-aa-signingCertificateV2
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  // RFC 2985 §5.4.2: extensionRequest (PKCS #10 attribute)
  extensionRequest: '1.2.840.113549.1.9.14',
  // RFC 5754 §2
  sha256: '2.16.840.1.101.3.4.2.1',
  // RFC 5480 §2.1.1, RFC 5758 §3.2
  ecPublicKey: '1.2.840.10045.2.1',
  prime256v1: '1.2.840.10045.3.1.7',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  // RFC 5280 §4.1.2.4 (X.520 attribute types)
  commonName: '2.5.4.3',
  serialNumber: '2.5.4.5',
  organizationName: '2.5.4.10',
  organizationalUnitName: '2.5.4.11',
  title: '2.5.4.12',
  // RFC 5280 §4.2.1
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
} as const;
