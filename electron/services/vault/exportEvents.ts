// SPDX-License-Identifier: UNLICENSED
// Writes a case log in the form openssl and sha256sum can check without our software:
// NNNNNN.json (the exact signed bytes), NNNNNN.sig (raw 64-byte Ed25519 signature), KEYFP.pem.
import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import { EvaultError } from '../../../shared/errors.js';
import { ed25519PublicKeyToPem } from '../../../shared/crypto/keyFingerprint.js';
import { parseEvent } from '../../../shared/custody/verifyLog.js';
import { listExaminers } from './queries/examiners.js';
import { logEvents } from './queries/events.js';
import type { Vault } from './vault.js';

export async function exportEvents(vault: Vault, caseId: string, outDir: string): Promise<{ dir: string; events: number; keys: string[] }> {
  const dir = resolve(outDir);
  await fs.mkdir(dir, { recursive: true });
  if ((await fs.readdir(dir)).length > 0) throw new EvaultError('ALREADY_EXISTS', `${dir} is not empty; export into a new or empty folder`);
  const rows = logEvents(vault.db, caseId);
  const signers = new Set<string>();
  for (const row of rows) {
    const base = join(dir, String(row.seq).padStart(6, '0'));
    await fs.writeFile(`${base}.json`, row.bytes, { flag: 'wx' });
    await fs.writeFile(`${base}.sig`, row.signature, { flag: 'wx' });
    signers.add(parseEvent(new Uint8Array(row.bytes)).actor);
  }
  const keys = listExaminers(vault.db).filter((e) => signers.has(e.fingerprint));
  for (const key of keys) {
    await fs.writeFile(join(dir, `${key.fingerprint}.pem`), ed25519PublicKeyToPem(new Uint8Array(key.public_key)), { flag: 'wx' });
  }
  return { dir, events: rows.length, keys: keys.map((k) => k.fingerprint) };
}
