// SPDX-License-Identifier: UNLICENSED
// Certificates for the examiners' ECDSA P-256 companion keys, kept beside the keystore in
// certs/<fingerprint>.pem (leaf first, then any chain). By default a key gets a self-signed
// certificate on its first report; `evault key csr` asks an organisation's CA for one and
// `evault key import-cert` stores what the CA returns, so PDF viewers can show a trusted signer.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { EvaultError, KeyError } from '../../../shared/errors.js';
import { bytesEqual, toHex } from '../../../shared/encoding.js';
import { sha256 } from '../../../shared/crypto/sha256.js';
import { OID } from '../../../shared/report/oids.js';
import { assembleSigned, buildCsrInfo, buildTbsCertificate, derToPem, parseCertificate, pemBlocks, IDENTITY_URI_PREFIX, type ParsedCertificate } from '../../../shared/report/x509.js';
import type { Signer } from '../keys/signer.js';

const VALIDITY_YEARS = 10;

function requireCompanion(signer: Signer): NonNullable<Signer['companion']> {
  if (!signer.companion) throw new KeyError('NO_KEY', `key ${signer.fingerprint.slice(0, 16)}… has no ECDSA P-256 companion for PDF signatures; run "evault key add-companion"`);
  return signer.companion;
}

export class CertificateStore {
  readonly dir: string;
  constructor(keystoreDir: string) {
    this.dir = join(keystoreDir, 'certs');
  }

  pathOf(fingerprint: string): string {
    return join(this.dir, `${fingerprint}.pem`);
  }

  /** The stored chain for a key (leaf first), or null when there is none yet. */
  async load(fingerprint: string): Promise<ParsedCertificate[] | null> {
    let text: string;
    try {
      text = await fs.readFile(this.pathOf(fingerprint), 'utf8');
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new EvaultError('IO', `cannot read ${this.pathOf(fingerprint)}: ${(cause as Error).message}`, { cause });
    }
    try {
      const chain = pemBlocks(text, 'CERTIFICATE').map(parseCertificate);
      if (chain.length === 0) throw new Error('no CERTIFICATE block');
      return chain;
    } catch (cause) {
      throw new KeyError('BAD_INPUT', `${this.pathOf(fingerprint)} is not a certificate file: ${(cause as Error).message}`, { cause });
    }
  }

  /** The key's certificate chain; a self-signed certificate is made and stored on first use. */
  async ensure(signer: Signer, now: Date = new Date()): Promise<ParsedCertificate[]> {
    const companion = requireCompanion(signer);
    const existing = await this.load(signer.fingerprint);
    if (existing) {
      if (!bytesEqual(existing[0]!.spki, companion.spki)) {
        throw new KeyError('BAD_INPUT', `the certificate in ${this.pathOf(signer.fingerprint)} is for another key; remove it or import the right one`);
      }
      return existing;
    }
    const serial = randomBytes(16);
    serial[0]! &= 0x7f;
    const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000);
    const notAfter = new Date(notBefore);
    notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALIDITY_YEARS);
    const tbs = buildTbsCertificate({ serial, subject: { name: signer.name, role: signer.role, organisation: signer.organisation, fingerprint: signer.fingerprint }, spki: companion.spki, notBefore, notAfter });
    const der = assembleSigned(tbs, companion.sign(tbs));
    await this.write(signer.fingerprint, [der], 'wx');
    return [parseCertificate(der)];
  }

  /** A PKCS #10 request (PEM) for the companion key, naming the examiner and their Ed25519 fingerprint. */
  csr(signer: Signer): string {
    const companion = requireCompanion(signer);
    const info = buildCsrInfo({ name: signer.name, role: signer.role, organisation: signer.organisation, fingerprint: signer.fingerprint }, companion.spki);
    return derToPem(assembleSigned(info, companion.sign(info)), 'CERTIFICATE REQUEST');
  }

  /**
   * Stores a CA-issued certificate (and chain) for the companion key, replacing the self-signed one.
   * The leaf must certify exactly the companion key and name the examiner's fingerprint.
   */
  async import(key: { fingerprint: string; companionSpki: Uint8Array | null }, pem: string): Promise<ParsedCertificate[]> {
    const signer = { fingerprint: key.fingerprint };
    if (!key.companionSpki) throw new KeyError('NO_KEY', `key ${key.fingerprint.slice(0, 16)}… has no ECDSA P-256 companion; run "evault key add-companion" and request a certificate for it`);
    const companion = { spki: key.companionSpki };
    let chain: ParsedCertificate[];
    try {
      chain = pemBlocks(pem, 'CERTIFICATE').map(parseCertificate);
    } catch (cause) {
      throw new KeyError('BAD_INPUT', `not a PEM certificate file: ${(cause as Error).message}`, { cause });
    }
    const leaf = chain[0];
    if (!leaf) throw new KeyError('BAD_INPUT', 'no CERTIFICATE block in the file');
    if (!bytesEqual(leaf.spki, companion.spki)) throw new KeyError('BAD_INPUT', `the certificate is for another key (SPKI SHA-256 ${toHex(sha256(leaf.spki)).slice(0, 16)}…); it must certify this examiner's companion key`);
    const names = [leaf.subjectAttributes.get(OID.serialNumber), ...leaf.uris.map((u) => u.slice(IDENTITY_URI_PREFIX.length))];
    if (!names.includes(signer.fingerprint)) throw new KeyError('BAD_INPUT', `the certificate does not name fingerprint ${signer.fingerprint} (subject serialNumber or subjectAltName ${IDENTITY_URI_PREFIX}…); ask the CA to keep the request's subject and extensions`);
    await this.write(signer.fingerprint, chain.map((c) => c.der), 'w');
    return chain;
  }

  private async write(fingerprint: string, ders: Uint8Array[], flag: 'w' | 'wx'): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    const text = ders.map((d) => derToPem(d, 'CERTIFICATE')).join('');
    const tmp = `${this.pathOf(fingerprint)}.${randomBytes(4).toString('hex')}.tmp`;
    await fs.writeFile(tmp, text, { flag: 'wx', mode: 0o644 });
    if (flag === 'wx') {
      try {
        await fs.link(tmp, this.pathOf(fingerprint));
      } finally {
        await fs.rm(tmp, { force: true });
      }
    } else await fs.rename(tmp, this.pathOf(fingerprint));
  }
}
