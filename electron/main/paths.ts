// SPDX-License-Identifier: UNLICENSED
// Where the desktop app finds its parts and its data.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveKeystoreDir, resolveVaultDir } from '../services/paths.js';

/** dist/renderer and dist/preload, relative to this compiled file (dist/electron/main/). */
export const RENDERER_DIR = fileURLToPath(new URL('../../renderer/', import.meta.url));
export const PRELOAD_PATH = fileURLToPath(new URL('../../preload/preload.cjs', import.meta.url));

/**
 * The same vault and keystore the CLI uses (EVAULT_VAULT / EVAULT_KEYSTORE or the per-user
 * folders), so both fronts see one vault. VAULT_USER_DATA (end-to-end tests) puts all of it, and
 * Electron's own userData, under one temporary folder.
 */
export function dataLocations(env: NodeJS.ProcessEnv = process.env): { vaultDir: string; keystoreDir: string; userData?: string } {
  const userData = env.VAULT_USER_DATA;
  if (userData) return { vaultDir: join(userData, 'vault'), keystoreDir: join(userData, 'keys'), userData };
  return { vaultDir: resolveVaultDir(), keystoreDir: resolveKeystoreDir() };
}
