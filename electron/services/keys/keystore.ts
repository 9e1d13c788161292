// SPDX-License-Identifier: UNLICENSED
// The examiner keystore: one JSON file per key, kept apart from any vault. The 32-byte Ed25519 seed
// is encrypted with AES-256-GCM under a key derived by scrypt (memory-hard, RFC 7914); the KDF
// parameters and salt are stored beside the ciphertext. The fingerprint is bound as AAD, so a key
// file cannot be relabelled without failing authentication.
import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, randomBytes, scrypt as scryptCb, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { KeyError } from '../../../shared/errors.js';
import { keyFingerprint } from '../../../shared/crypto/keyFingerprint.js';
import { privateKeyFromSeed, rawPublicKey } from './nodeEd25519.js';
import { createSigner, type Signer } from './signer.js';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;

/** OWASP's scrypt recommendation: N=2^17, r=8, p=1 (128 MiB, a few hundred ms). */
export const DEFAULT_KDF = { name: 'scrypt', N: 2 ** 17, r: 8, p: 1 } as const;

export interface KeyFile {
  version: 1;
  fingerprint: string;
  publicKey: string;
  name: string;
  role: string | null;
  /** Absent in key files made before the organisation was recorded; read as null. */
  organisation?: string | null;
  createdAt: string;
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  cipher: { name: 'aes-256-gcm'; iv: string; tag: string; ciphertext: string };
  /**
   * ECDSA P-256 companion key for signatures whose verifiers do not take Ed25519 (PAdES in PDF
   * viewers, OpenSSF model signing). Its PKCS#8 is encrypted under the same passphrase-derived key,
   * with AAD "<fingerprint>:ecdsa-p256".
   */
  companion?: { alg: 'ECDSA-P256'; spki: string; cipher: { iv: string; tag: string; ciphertext: string } };
}

export interface KeyInfo {
  fingerprint: string;
  publicKey: Uint8Array;
  name: string;
  role: string | null;
  organisation: string | null;
  createdAt: string;
  /** DER SubjectPublicKeyInfo of the ECDSA P-256 companion key, when the key has one. */
  companionSpki: Uint8Array | null;
}

const COMPANION_AAD = (fingerprint: string) => Buffer.from(`${fingerprint}:ecdsa-p256`);

function sealCompanion(kek: Buffer, fingerprint: string): NonNullable<KeyFile['companion']> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', kek, iv);
  c.setAAD(COMPANION_AAD(fingerprint));
  const ciphertext = Buffer.concat([c.update(privateKey.export({ format: 'der', type: 'pkcs8' })), c.final()]);
  return {
    alg: 'ECDSA-P256',
    spki: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    cipher: { iv: iv.toString('base64'), tag: c.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') },
  };
}

export class Keystore {
  constructor(readonly dir: string) {}

  private fileOf(fingerprint: string): string {
    return join(this.dir, `${fingerprint}.key.json`);
  }

  async create(input: { name: string; role?: string | null; organisation?: string | null; passphrase: string }): Promise<KeyInfo> {
    if (!input.name.trim()) throw new KeyError('BAD_INPUT', 'an examiner key needs a name (--name)');
    if (input.passphrase.length < 8) throw new KeyError('BAD_INPUT', 'choose a passphrase of at least 8 characters');
    const { privateKey } = generateKeyPairSync('ed25519');
    const seed = seedOf(privateKey);
    const publicKey = rawPublicKey(privateKey);
    const fingerprint = keyFingerprint(publicKey);
    const salt = randomBytes(16);
    const kek = await deriveKey(input.passphrase, salt, DEFAULT_KDF);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', kek, iv);
    cipher.setAAD(Buffer.from(fingerprint));
    const ciphertext = Buffer.concat([cipher.update(seed), cipher.final()]);
    const file: KeyFile = {
      version: 1,
      fingerprint,
      publicKey: Buffer.from(publicKey).toString('hex'),
      name: input.name.trim(),
      role: input.role?.trim() || null,
      organisation: input.organisation?.trim() || null,
      createdAt: new Date().toISOString(),
      kdf: { ...DEFAULT_KDF, salt: salt.toString('base64') },
      cipher: { name: 'aes-256-gcm', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') },
      companion: sealCompanion(kek, fingerprint),
    };
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    // 'wx': never overwrite a key file.
    await fs.writeFile(this.fileOf(fingerprint), JSON.stringify(file, null, 2) + '\n', { flag: 'wx', mode: 0o600 });
    return infoOf(file);
  }

  async list(): Promise<KeyInfo[]> {
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    const files = await Promise.all(names.filter((n) => n.endsWith('.key.json')).map((n) => this.readFile(join(this.dir, n))));
    return files.map(infoOf).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** Finds one key by fingerprint or unique prefix; with no reference, the only key there is. */
  async find(ref?: string): Promise<KeyInfo> {
    const keys = await this.list();
    if (keys.length === 0) throw new KeyError('NO_KEY', `no examiner key in ${this.dir}; create one with "evault key create --name NAME"`);
    if (!ref) {
      if (keys.length === 1) return keys[0]!;
      throw new KeyError('NO_KEY', `${keys.length} keys in ${this.dir}; choose one with --key FINGERPRINT or EVAULT_KEY`);
    }
    const wanted = ref.toLowerCase().replace(/\s+/g, '');
    const matches = keys.filter((k) => k.fingerprint.startsWith(wanted));
    if (matches.length === 1) return matches[0]!;
    throw new KeyError('NO_KEY', matches.length === 0 ? `no key with fingerprint ${ref} in ${this.dir}` : `fingerprint prefix ${ref} is ambiguous; give more digits`);
  }

  /**
   * Gives a key made before companion keys existed its ECDSA P-256 companion. The file is rewritten
   * atomically (temp file + rename) with its Ed25519 parts unchanged.
   */
  async addCompanion(fingerprint: string, passphrase: string): Promise<KeyInfo> {
    const file = await this.readFile(this.fileOf(fingerprint));
    if (file.companion) return infoOf(file);
    const kek = await this.checkedKek(file, passphrase);
    const updated: KeyFile = { ...file, companion: sealCompanion(kek, file.fingerprint) };
    const tmp = `${this.fileOf(fingerprint)}.${randomBytes(4).toString('hex')}.tmp`;
    await fs.writeFile(tmp, JSON.stringify(updated, null, 2) + '\n', { flag: 'wx', mode: 0o600 });
    await fs.rename(tmp, this.fileOf(fingerprint));
    return infoOf(updated);
  }

  /** Derives the key-encryption key and proves it right by opening the Ed25519 ciphertext. */
  private async checkedKek(file: KeyFile, passphrase: string): Promise<Buffer> {
    const kek = await deriveKey(passphrase, Buffer.from(file.kdf.salt, 'base64'), file.kdf);
    this.openSeed(file, kek).fill(0);
    return kek;
  }

  private openSeed(file: KeyFile, kek: Buffer): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(file.cipher.iv, 'base64'));
    decipher.setAAD(Buffer.from(file.fingerprint));
    decipher.setAuthTag(Buffer.from(file.cipher.tag, 'base64'));
    try {
      return Buffer.concat([decipher.update(Buffer.from(file.cipher.ciphertext, 'base64')), decipher.final()]);
    } catch {
      throw new KeyError('WRONG_PASSPHRASE', `wrong passphrase for key ${file.fingerprint.slice(0, 16)}… (${file.name}); nothing was changed`);
    }
  }

  /** Decrypts a key in memory and returns a signer; a wrong passphrase fails before anything is written. */
  async unlock(fingerprint: string, passphrase: string): Promise<Signer> {
    const file = await this.readFile(this.fileOf(fingerprint));
    const kek = await deriveKey(passphrase, Buffer.from(file.kdf.salt, 'base64'), file.kdf);
    const seed = this.openSeed(file, kek);
    const privateKey = privateKeyFromSeed(seed);
    seed.fill(0);
    const signer = createSigner(privateKey, { name: file.name, role: file.role, organisation: file.organisation ?? null }, file.companion ? openCompanion(file, kek) : null);
    if (signer.fingerprint !== file.fingerprint) {
      throw new KeyError('BAD_INPUT', `key file ${this.fileOf(fingerprint)} is inconsistent: its key does not match its fingerprint`);
    }
    return signer;
  }

  private async readFile(path: string): Promise<KeyFile> {
    let text: string;
    try {
      text = await fs.readFile(path, 'utf8');
    } catch (cause) {
      throw new KeyError('NOT_FOUND', `cannot read key file ${path}: ${(cause as Error).message}`, { cause });
    }
    try {
      const file = JSON.parse(text) as KeyFile;
      if (file.version !== 1 || file.kdf?.name !== 'scrypt' || file.cipher?.name !== 'aes-256-gcm') throw new Error('unknown format');
      return file;
    } catch (cause) {
      throw new KeyError('BAD_INPUT', `${path} is not an Evidence Vault key file`, { cause });
    }
  }
}

function infoOf(file: KeyFile): KeyInfo {
  return {
    fingerprint: file.fingerprint,
    publicKey: new Uint8Array(Buffer.from(file.publicKey, 'hex')),
    name: file.name,
    role: file.role,
    organisation: file.organisation ?? null,
    createdAt: file.createdAt,
    companionSpki: file.companion ? new Uint8Array(Buffer.from(file.companion.spki, 'base64')) : null,
  };
}

function openCompanion(file: KeyFile, kek: Buffer): KeyObject {
  const c = file.companion!;
  const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(c.cipher.iv, 'base64'));
  decipher.setAAD(COMPANION_AAD(file.fingerprint));
  decipher.setAuthTag(Buffer.from(c.cipher.tag, 'base64'));
  let der: Buffer;
  try {
    der = Buffer.concat([decipher.update(Buffer.from(c.cipher.ciphertext, 'base64')), decipher.final()]);
  } catch {
    throw new KeyError('BAD_INPUT', `the companion key of ${file.fingerprint.slice(0, 16)}… fails authentication; the key file was altered`);
  }
  const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  der.fill(0);
  if (!createPublicKey(key).export({ format: 'der', type: 'spki' }).equals(Buffer.from(c.spki, 'base64'))) {
    throw new KeyError('BAD_INPUT', `the companion key of ${file.fingerprint.slice(0, 16)}… does not match its public key`);
  }
  return key;
}

function seedOf(privateKey: KeyObject): Buffer {
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  return der.subarray(der.length - 32);
}

async function deriveKey(passphrase: string, salt: Buffer, p: { N: number; r: number; p: number }): Promise<Buffer> {
  // maxmem must exceed 128 * N * r bytes, the memory scrypt needs.
  return scrypt(passphrase.normalize('NFC'), salt, 32, { N: p.N, r: p.r, p: p.p, maxmem: 256 * p.N * p.r + 1024 * 1024 });
}
