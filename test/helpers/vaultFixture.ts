// SPDX-License-Identifier: UNLICENSED
// A real vault on disk with a real examiner key, for integration tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keystore } from '../../electron/services/keys/keystore.js';
import type { Signer } from '../../electron/services/keys/signer.js';
import { createCase } from '../../electron/services/vault/cases.js';
import type { CaseRow } from '../../electron/services/vault/queries/cases.js';
import { Vault } from '../../electron/services/vault/vault.js';

export const TEST_PASSPHRASE = 'correct horse battery staple';

export function tempDir(prefix = 'evault-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface VaultFixture {
  root: string;
  vault: Vault;
  keystore: Keystore;
  signer: Signer;
  theCase: CaseRow;
  cleanup(): void;
}

let cachedKeystore: { dir: string; fingerprint: string } | undefined;

/** One keystore per test process (scrypt is deliberately slow); a fresh vault and case per call. */
export async function vaultFixture(): Promise<VaultFixture> {
  const root = tempDir();
  if (!cachedKeystore) {
    const dir = tempDir('evault-keys-');
    const info = await new Keystore(dir).create({ name: 'Test Examiner', role: 'analyst', passphrase: TEST_PASSPHRASE });
    cachedKeystore = { dir, fingerprint: info.fingerprint };
  }
  const keystore = new Keystore(cachedKeystore.dir);
  const signer = await keystore.unlock(cachedKeystore.fingerprint, TEST_PASSPHRASE);
  const vault = await Vault.create(join(root, 'vault'));
  const theCase = createCase(vault, signer, { number: 'CASE-1', title: 'Test case' });
  return {
    root,
    vault,
    keystore,
    signer,
    theCase,
    cleanup() {
      vault.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
