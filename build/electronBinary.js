// SPDX-License-Identifier: UNLICENSED
// Finds the Electron binary of the optional `electron` package, or explains why there is none.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** @returns {{ path: string } | { missing: string }} */
export function findElectron() {
  let path;
  try {
    // The package's main export is the path of the downloaded binary; it throws when the download failed.
    path = require('electron');
  } catch (err) {
    return { missing: `the optional dependency "electron" (40.8.5) is not installed or its binary was not downloaded (${String(err.message).split('\n')[0]})` };
  }
  if (typeof path !== 'string' || !existsSync(path)) return { missing: `the Electron binary ${String(path)} does not exist` };
  return { path };
}
