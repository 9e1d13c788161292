// SPDX-License-Identifier: UNLICENSED
// The Node side of `evault verify`: reads the files, re-hashes an evidence folder, and runs the
// pure verifier (shared/report/verifyReport.ts) with OpenSSL-backed Ed25519 and SHA-256.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { EvaultError } from '../../../shared/errors.js';
import { ed25519PublicKeyFromPem } from '../../../shared/crypto/keyFingerprint.js';
import { webCryptoEcdsaVerify } from '../../../shared/report/ecdsa.js';
import { verifyReport } from '../../../shared/report/verifyReport.js';
import type { ReportVerification, VerifyInput } from '../../../shared/report/verify/types.js';
import { fingerprintFile } from '../ingest/fingerprint.js';
import { createNodeVerify } from '../keys/nodeEd25519.js';

export interface VerifyFileInput {
  pdf: string;
  sig?: string;
  /** An Ed25519 public key PEM file the report must be signed by. */
  keyPem?: string;
  fingerprint?: string;
  evidenceDir?: string;
}

async function read(path: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await fs.readFile(path));
  } catch (cause) {
    throw new EvaultError('SOURCE_MISSING', `cannot read ${what} ${path}: ${(cause as Error).message}`, { cause });
  }
}

/** Every regular file under `dir`, by path relative to it ('/'-separated), with its SHA-256. */
export async function hashFolder(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (d: string): Promise<void> => {
    let entries;
    try {
      entries = await fs.readdir(d, { withFileTypes: true });
    } catch (cause) {
      throw new EvaultError('SOURCE_MISSING', `cannot read evidence folder ${d}: ${(cause as Error).message}`, { cause });
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(d, e.name);
      if (e.isDirectory()) await walk(path);
      else if (e.isFile()) out.set(relative(dir, path).split(sep).join('/'), (await fingerprintFile(path)).sha256);
    }
  };
  await walk(dir);
  return out;
}

export async function verifyReportFile(input: VerifyFileInput): Promise<ReportVerification> {
  const pdf = await read(input.pdf, 'report');
  const request: VerifyInput = { pdf };
  if (input.sig) request.detachedSignature = await read(input.sig, 'signature file');
  if (input.keyPem) {
    const pem = new TextDecoder().decode(await read(input.keyPem, 'key'));
    try {
      request.expected = { publicKey: ed25519PublicKeyFromPem(pem) };
    } catch (cause) {
      throw new EvaultError('BAD_INPUT', `${input.keyPem}: ${(cause as Error).message}`, { cause });
    }
  } else if (input.fingerprint) {
    const fp = input.fingerprint.toLowerCase().replace(/[\s:]/g, '');
    if (!/^[0-9a-f]{64}$/.test(fp)) throw new EvaultError('BAD_INPUT', '--fingerprint takes the full 64-hex-digit key fingerprint (spaces allowed)');
    request.expected = { fingerprint: fp };
  }
  if (input.evidenceDir) request.evidenceFiles = await hashFolder(input.evidenceDir);
  return verifyReport(request, {
    ed25519Verify: createNodeVerify(),
    ecdsaVerify: webCryptoEcdsaVerify,
    sha256: (parts) => {
      const h = createHash('sha256');
      for (const p of parts) h.update(p);
      return new Uint8Array(h.digest());
    },
  });
}
