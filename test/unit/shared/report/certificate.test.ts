// SPDX-License-Identifier: UNLICENSED
// Certificates and CMS built by shared/report with a real P-256 key: they parse back, verify with
// node:crypto and WebCrypto, and name the Ed25519 identity. The names every vault and report
// already carries stay exactly what they were.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate, createHash, generateKeyPairSync, sign } from 'node:crypto';
import { assembleSignedData, buildSignedAttributes, parseSignedData, signingCertificateHash } from '../../../../shared/report/cms.js';
import { webCryptoEcdsaVerify } from '../../../../shared/report/ecdsa.js';
import { checkpointOrigin, companionPossessionMessage, noteKeyName } from '../../../../shared/custody/names.js';
import { OID } from '../../../../shared/report/oids.js';
import { IDENTITY_URI_PREFIX, assembleSigned, buildTbsCertificate, derToPem, parseCertificate, pemBlocks } from '../../../../shared/report/x509.js';

const FP = 'ab'.repeat(32);

function makeCert() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }));
  const tbs = buildTbsCertificate({ serial: new Uint8Array([0x01, 0x02, 0x03]), subject: { name: 'Ana Examiner', role: 'forensic analyst', fingerprint: FP }, spki, notBefore: new Date('2026-01-01T00:00:00Z'), notAfter: new Date('2036-01-01T00:00:00Z') });
  const der = assembleSigned(tbs, new Uint8Array(sign('sha256', tbs, privateKey)));
  return { der, spki, sign: (m: Uint8Array) => new Uint8Array(sign('sha256', m, privateKey)) };
}

test('a self-signed certificate parses back and OpenSSL (node:crypto X509Certificate) accepts its signature', () => {
  const { der, spki } = makeCert();
  const c = parseCertificate(der);
  assert.equal(c.subjectAttributes.get(OID.serialNumber), FP);
  assert.equal(c.subjectAttributes.get(OID.commonName), 'Ana Examiner');
  assert.deepEqual(c.uris, [IDENTITY_URI_PREFIX + FP]);
  assert.deepEqual(c.spki, spki);
  assert.equal(c.notAfter.toISOString(), '2036-01-01T00:00:00.000Z');
  const x = new X509Certificate(Buffer.from(der));
  assert.equal(x.verify(x.publicKey), true);
  assert.match(x.subject, /CN=Ana Examiner/);
  assert.match(x.subjectAltName ?? '', new RegExp(FP));
  assert.deepEqual(pemBlocks(derToPem(der, 'CERTIFICATE') + derToPem(der, 'CERTIFICATE'), 'CERTIFICATE').length, 2);
});

test('CMS signed attributes are sorted, name the certificate, and the ECDSA signature verifies with WebCrypto', async () => {
  const { der, spki, sign: signWith } = makeCert();
  const cert = parseCertificate(der);
  const digest = new Uint8Array(createHash('sha256').update('content').digest());
  const attrs = buildSignedAttributes(digest, cert);
  const cms = parseSignedData(assembleSignedData(attrs, signWith(attrs), [cert]));
  assert.deepEqual(cms.signedAttributes, attrs);
  assert.equal(cms.digestAlgorithm, OID.sha256);
  assert.equal(cms.signatureAlgorithm, OID.ecdsaWithSha256);
  assert.deepEqual(signingCertificateHash(cms), new Uint8Array(createHash('sha256').update(der).digest()));
  assert.deepEqual([...cms.attributes.keys()].sort(), [OID.contentType, OID.messageDigest, OID.signingCertificateV2].sort());
  assert.equal(await webCryptoEcdsaVerify(spki, cms.signature, cms.signedAttributes), true);
  const flipped = cms.signedAttributes.slice();
  flipped[10] = flipped[10]! ^ 1;
  assert.equal(await webCryptoEcdsaVerify(spki, cms.signature, flipped), false);
  assert.equal(await webCryptoEcdsaVerify(new Uint8Array(10), cms.signature, attrs), false, 'a bad key is false, not a throw');
});

test('the names signed into existing vaults and reports do not change', () => {
  assert.equal(checkpointOrigin('v', 'c'), 'evidence-vault/v/c');
  assert.equal(noteKeyName(FP), 'evault-examiner-abababababababab');
  assert.equal(new TextDecoder().decode(companionPossessionMessage(FP)), `evidence-vault companion key of ${FP}`);
});
