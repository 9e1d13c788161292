// SPDX-License-Identifier: UNLICENSED
// OpenSSF Model Signing bundles for a model folder: every file's SHA-256 (one streamed read each),
// the in-toto statement, the DSSE envelope signed with the examiner's ECDSA P-256 companion key, the
// Sigstore v0.3 bundle; and the check of such a bundle against a folder.
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, relative, resolve, sep } from 'node:path';
import { EvaultError, ImportError } from '../../../shared/errors.js';
import { DEFAULT_IGNORE_PATHS, dssePae, omsBundle, omsStatement, verifyOmsBundle, type OmsStatement, type OmsVerification } from '../../../shared/manifests/oms.js';
import { fromBase64, fromUtf8, utf8 } from '../../../shared/encoding.js';
import type { Signer } from '../keys/signer.js';
import { fingerprintFile } from '../ingest/fingerprint.js';

/** The ignore list for a folder: model_signing's defaults, plus the bundle file when it lies inside. */
export function ignorePathsFor(dir: string, bundlePath: string | undefined, extra: readonly string[] = DEFAULT_IGNORE_PATHS): string[] {
  const out = [...extra];
  if (bundlePath) {
    const rel = relative(resolve(dir), resolve(bundlePath));
    if (rel && !rel.startsWith('..') && !rel.startsWith(sep) && !out.includes(rel)) out.push(rel.split(sep).join('/'));
  }
  return out;
}

const ignored = (name: string, ignore: readonly string[]) => ignore.some((p) => name === p || name.startsWith(`${p}/`));

/** SHA-256 of every regular file under `dir` by POSIX path inside it; symlinks are refused (allow_symlinks: false). */
export async function folderFileDigests(dir: string, ignore: readonly string[], signal?: AbortSignal): Promise<Map<string, string>> {
  const root = resolve(dir);
  const st = await fs.stat(root).catch((cause: Error) => {
    throw new ImportError('SOURCE_MISSING', `${dir} does not exist; check the path`, { cause });
  });
  if (!st.isDirectory()) throw new EvaultError('BAD_INPUT', `${dir} is not a folder; an OpenSSF model signature covers a model folder`);
  const out = new Map<string, string>();
  const walk = async (d: string): Promise<void> => {
    const entries = await fs.readdir(d, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const path = `${d}/${e.name}`;
      const name = relative(root, path).split(sep).join('/');
      if (ignored(name, ignore)) continue;
      if (e.isSymbolicLink()) throw new EvaultError('BAD_INPUT', `${name} is a symbolic link; the manifest is made with allow_symlinks false, as model_signing does by default`);
      if (e.isDirectory()) await walk(path);
      else if (e.isFile()) out.set(name, (await fingerprintFile(path, { signal })).sha256);
    }
  };
  await walk(root);
  return out;
}

export interface OmsBundleResult {
  bytes: Buffer;
  statement: OmsStatement;
  payload: Uint8Array;
  signature: Uint8Array;
}

export async function createOmsBundle(dir: string, signer: Signer, bundlePath?: string): Promise<OmsBundleResult> {
  const companion = signer.companion;
  if (!companion) throw new EvaultError('NOT_FOUND', `key ${signer.fingerprint.slice(0, 16)}… has no ECDSA P-256 companion (OpenSSF model signing takes no Ed25519); add one with "evault key add-companion"`);
  const ignore = ignorePathsFor(dir, bundlePath);
  const files = await folderFileDigests(dir, ignore);
  const statement = omsStatement(basename(resolve(dir)), [...files].map(([name, sha256]) => ({ name, sha256 })), ignore);
  const payload = utf8(JSON.stringify(statement));
  const signature = companion.sign(dssePae('application/vnd.in-toto+json', payload));
  const bundle = omsBundle(payload, signature, companion.spki);
  return { bytes: Buffer.from(JSON.stringify(bundle, null, 2) + '\n'), statement, payload, signature };
}

/** ECDSA verification as openssl does it (DER signature, SHA-256 digest of the message). */
export function nodeVerifyEcdsa(spki: Uint8Array, message: Uint8Array, der: Uint8Array): boolean {
  try {
    return nodeVerify('sha256', message, createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }), der);
  } catch {
    return false;
  }
}

/** The ignore paths a bundle states (falls back to the defaults when the bundle cannot be read). */
function statedIgnorePaths(bundle: Uint8Array): string[] {
  try {
    const env = (JSON.parse(fromUtf8(bundle)) as { dsseEnvelope: { payload: string } }).dsseEnvelope;
    const st = JSON.parse(fromUtf8(fromBase64(env.payload))) as OmsStatement;
    const p = st.predicate.serialization.ignore_paths;
    return Array.isArray(p) && p.every((x) => typeof x === 'string') ? p : DEFAULT_IGNORE_PATHS;
  } catch {
    return DEFAULT_IGNORE_PATHS;
  }
}

export async function verifyOmsFile(bundlePath: string, bundle: Uint8Array, keys: readonly Uint8Array[], dir?: string): Promise<OmsVerification> {
  const files = dir ? await folderFileDigests(dir, ignorePathsFor(dir, bundlePath, statedIgnorePaths(bundle))) : undefined;
  return verifyOmsBundle({ bundle, keys, verifyEcdsa: nodeVerifyEcdsa, ...(files ? { files } : {}) });
}

/** A PEM public key file as DER SPKI. */
export async function readPublicKeySpki(path: string): Promise<Uint8Array> {
  const text = await fs.readFile(path, 'utf8').catch((cause: Error) => {
    throw new EvaultError('NOT_FOUND', `cannot read ${path}: ${cause.message}`, { cause });
  });
  try {
    return new Uint8Array(createPublicKey(text).export({ format: 'der', type: 'spki' }));
  } catch (cause) {
    throw new EvaultError('BAD_INPUT', `${path} is not a PEM public key`, { cause });
  }
}
