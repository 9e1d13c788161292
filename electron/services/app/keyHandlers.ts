// SPDX-License-Identifier: UNLICENSED
// Keys: the examiner identities in the keystore with their fingerprints and certificates, public
// key export (Ed25519 and the ECDSA P-256 companion, PEM as openssl reads it), a CSR for an
// organisation CA and the import of its answer (the same services as `evault key …`).
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { Handlers } from '../../../shared/api/contract.js';
import type { CertificateView } from '../../../shared/api/keyTypes.js';
import { ed25519PublicKeyToPem } from '../../../shared/crypto/keyFingerprint.js';
import { bytesEqual } from '../../../shared/encoding.js';
import { EvaultError } from '../../../shared/errors.js';
import { readDerExact } from '../../../shared/report/der.js';
import { OID } from '../../../shared/report/oids.js';
import { derToPem, nameAttributes, type ParsedCertificate } from '../../../shared/report/x509.js';
import { CertificateStore } from '../report/certStore.js';
import type { AppSession } from './session.js';

const sha256Hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function nameText(der: Uint8Array): string {
  try {
    const a = nameAttributes(readDerExact(der));
    return [a.get(OID.commonName), a.get(OID.title), a.get(OID.organizationName)].filter(Boolean).join(', ') || '(no name)';
  } catch {
    return '(unreadable name)';
  }
}

export function certificateView(chain: readonly ParsedCertificate[]): CertificateView {
  const leaf = chain[0]!;
  return {
    subject: nameText(leaf.subject),
    issuer: nameText(leaf.issuer),
    selfSigned: bytesEqual(leaf.subject, leaf.issuer),
    notBefore: leaf.notBefore.toISOString(),
    notAfter: leaf.notAfter.toISOString(),
    sha256: sha256Hex(leaf.der),
    chainLength: chain.length,
  };
}

async function writeNew(path: string, text: string): Promise<void> {
  await fs.writeFile(path, text, { flag: 'wx' }).catch((cause: NodeJS.ErrnoException) => {
    throw new EvaultError(cause.code === 'EEXIST' ? 'ALREADY_EXISTS' : 'IO', cause.code === 'EEXIST' ? `${path} exists; choose another name (nothing is overwritten)` : `cannot write ${path}: ${cause.message}`, { cause });
  });
}

export function keyHandlers(session: AppSession): Pick<Handlers, 'listKeys' | 'exportPublicKey' | 'createCsr' | 'importCertificate'> {
  const certs = () => new CertificateStore(session.keystore.dir);
  return {
    async listKeys() {
      const me = session.unlocked?.fingerprint;
      const keys = await session.keystore.list();
      return Promise.all(
        keys.map(async (k) => {
          const summary = await session.summary(k);
          const chain = await certs().load(k.fingerprint).catch(() => null);
          return { ...summary, unlocked: k.fingerprint === me, companionSpkiSha256: k.companionSpki ? sha256Hex(k.companionSpki) : null, certificate: chain ? certificateView(chain) : null };
        }),
      );
    },
    async exportPublicKey(_ctx, input) {
      const info = await session.keystore.find(input.fingerprint);
      let pem = ed25519PublicKeyToPem(info.publicKey);
      if (input.companion) {
        if (!info.companionSpki) throw new EvaultError('NOT_FOUND', `key ${info.fingerprint.slice(0, 16)}… has no ECDSA P-256 companion; add one with "evault key add-companion"`);
        pem = derToPem(info.companionSpki, 'PUBLIC KEY');
      }
      if (input.out) await writeNew(input.out, pem);
      return { pem, path: input.out ?? null };
    },
    async createCsr(_ctx, input) {
      const { signer } = session.require();
      const pem = certs().csr(signer);
      await writeNew(input.out, pem);
      return { pem, path: input.out };
    },
    async importCertificate(_ctx, input) {
      const { signer } = session.require();
      const info = await session.keystore.find(signer.fingerprint);
      return certificateView(await certs().import(info, input.pem));
    },
  };
}
