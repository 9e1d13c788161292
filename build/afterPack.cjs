// SPDX-License-Identifier: UNLICENSED
// electron-builder afterPack hook: sets Electron's fuses in the packaged binary (electron-builder
// 25 has no electronFuses option). Fuses are bits compiled into the binary that no command-line
// flag or environment variable can turn back on. CommonJS because electron-builder require()s hooks.
/* global require, exports */
/* eslint-disable @typescript-eslint/no-require-imports */
const path = require('node:path');
const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses');

const FUSES = {
  version: FuseVersion.V1,
  // The packaged binary must never act as a plain Node.js (ELECTRON_RUN_AS_NODE), take
  // NODE_OPTIONS, or accept --inspect: each would let local code run outside the sandboxed app.
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // Load the app only from app.asar, and check app.asar against the hash embedded at build time.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // We serve the UI from app://, so file:// needs no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
};

function binaryPath(context) {
  const { electronPlatformName, appOutDir, packager } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return path.join(appOutDir, `${name}.app`);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${name}.exe`);
  return path.join(appOutDir, packager.executableName);
}

exports.default = async function afterPack(context) {
  const resetAdHocDarwinSignature = context.electronPlatformName === 'darwin' && context.arch === 3; // arm64
  await flipFuses(binaryPath(context), { ...FUSES, resetAdHocDarwinSignature });
};

exports.FUSES = FUSES;
