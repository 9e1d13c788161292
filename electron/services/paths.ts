// SPDX-License-Identifier: UNLICENSED
// Where the vault and the keystore live when no flag or environment variable says.
import { homedir } from 'node:os';
import { join } from 'node:path';

function dataHome(): string {
  if (process.platform === 'win32') return process.env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support');
  return process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
}

function configHome(): string {
  if (process.platform === 'win32') return process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support');
  return process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
}

/** --vault DIR, else EVAULT_VAULT, else the per-user data folder. */
export function resolveVaultDir(flag?: string): string {
  return flag || process.env.EVAULT_VAULT || join(dataHome(), 'evidence-vault', 'vault');
}

/** --keystore DIR, else EVAULT_KEYSTORE, else the per-user config folder (kept apart from any vault). */
export function resolveKeystoreDir(flag?: string): string {
  return flag || process.env.EVAULT_KEYSTORE || join(configHome(), 'evidence-vault', 'keys');
}
