// SPDX-License-Identifier: UNLICENSED
// What every command needs: where the vault and keystore are, and the unlocked examiner.
import { Keystore } from '../services/keys/keystore.js';
import type { Signer } from '../services/keys/signer.js';
import { resolveKeystoreDir, resolveVaultDir } from '../services/paths.js';
import { Vault } from '../services/vault/vault.js';
import { readPassphrase } from './prompt.js';

export interface GlobalOptions {
  vault?: string;
  keystore?: string;
  key?: string;
  json?: boolean;
  debug?: boolean;
}

export class Context {
  private opened: Vault[] = [];
  constructor(
    readonly options: GlobalOptions,
    readonly out: (text: string) => void = (t) => process.stdout.write(t + '\n'),
    readonly err: (text: string) => void = (t) => process.stderr.write(t + '\n'),
  ) {}

  get vaultDir(): string {
    return resolveVaultDir(this.options.vault);
  }

  get keystore(): Keystore {
    return new Keystore(resolveKeystoreDir(this.options.keystore));
  }

  async openVault(): Promise<Vault> {
    const vault = await Vault.open(this.vaultDir);
    this.opened.push(vault);
    return vault;
  }

  /** Finds the examiner key (--key, EVAULT_KEY, or the only one) and unlocks it with the passphrase. */
  async unlock(): Promise<Signer> {
    const info = await this.keystore.find(this.options.key ?? process.env.EVAULT_KEY);
    const passphrase = await readPassphrase(`Passphrase for ${info.name} (${info.fingerprint.slice(0, 16)}…): `);
    return this.keystore.unlock(info.fingerprint, passphrase);
  }

  close(): void {
    for (const v of this.opened) v.close();
    this.opened = [];
  }
}
