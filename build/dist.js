// SPDX-License-Identifier: UNLICENSED
// `npm run dist`: installers for Linux (AppImage, deb), Windows (NSIS) and macOS (dmg) with
// electron-builder (build/electron-builder.yml). It needs the Electron 40.8.5 release archive
// (downloaded by electron-builder or found in its cache, ELECTRON_CACHE) and better-sqlite3 rebuilt
// against Electron's headers; where either cannot be had it stops with one clear message, and the
// full log is in out/dist.log.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const targets = process.argv.slice(2);
const bin = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-builder.cmd' : 'electron-builder');
// electron-builder rebuilds better-sqlite3 for Electron inside node_modules (npmRebuild), which
// leaves (or, when the rebuild fails, deletes) the Node.js build the CLI and the tests use. Keep a
// copy and put it back afterwards, whatever happens.
const sqliteBuild = join(root, 'node_modules', 'better-sqlite3', 'build');
const saved = existsSync(sqliteBuild) ? mkdtempSync(join(tmpdir(), 'evault-sqlite-build-')) : undefined;
if (saved) cpSync(sqliteBuild, join(saved, 'build'), { recursive: true });
function restoreNodeBuild() {
  if (!saved) return;
  rmSync(sqliteBuild, { recursive: true, force: true });
  cpSync(join(saved, 'build'), sqliteBuild, { recursive: true });
  rmSync(saved, { recursive: true, force: true });
}
const result = spawnSync(bin, ['--config', 'build/electron-builder.yml', '--publish', 'never', ...targets], { cwd: root, encoding: 'utf8', env: { ...process.env, ELECTRON_BUILDER_DISABLE_UPDATE_NOTIFIER: 'true' } });
restoreNodeBuild();
const log = `${result.stdout ?? ''}\n${result.stderr ?? ''}`;
mkdirSync(join(root, 'out'), { recursive: true });
writeFileSync(join(root, 'out', 'dist.log'), log);
if (result.status === 0) {
  console.log('Installers written to out/dist/ (log: out/dist.log).');
  process.exit(0);
}
const lines = log.split('\n').map((l) => l.trim()).filter(Boolean);
const offline = /network connectivity|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|getaddrinfo/i.test(log);
const rebuild = /failed to rebuild '[^']*better-sqlite3'/.test(log);
const reason =
  (offline && rebuild ? 'no network: node-gyp could not download the Electron 40.8.5 headers needed to rebuild better-sqlite3 for Electron' : undefined) ??
  (offline ? 'no network: the Electron 40.8.5 release archive could not be downloaded' : undefined) ??
  lines.find((l) => /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|getaddrinfo|net::|unable to download|cannot download/i.test(l)) ??
  lines.find((l) => /error|⨯/i.test(l)) ??
  result.error?.message ??
  `electron-builder exited with ${result.status}`;
console.error('npm run dist could not build installers.');
console.error(`  cause: ${reason.slice(0, 300)}`);
console.error('  Building installers needs the Electron 40.8.5 release archive (electron-builder downloads it, or finds it in');
console.error('  ELECTRON_CACHE) and network access or a local cache for rebuilding better-sqlite3 against Electron.');
console.error('  Full log: out/dist.log');
process.exit(1);
