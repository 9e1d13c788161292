// SPDX-License-Identifier: UNLICENSED
// Type-checks electron/main and electron/preload against the real electron.d.ts instead of the
// narrowed declarations in electron/main/types/electron.d.ts. Usage:
//   node build/typecheckElectron.js [PATH/TO/electron.d.ts]
// (default: node_modules/electron/electron.d.ts; `npm pack electron@40.8.5` gives one without the binary).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dts = process.argv[2] ?? join(root, 'node_modules', 'electron', 'electron.d.ts');
if (!existsSync(dts)) {
  console.error(`no electron.d.ts at ${dts}; pass its path (e.g. from "npm pack electron@40.8.5")`);
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'evault-electron-types-'));
const config = join(dir, 'tsconfig.json');
writeFileSync(
  config,
  JSON.stringify({
    extends: join(root, 'tsconfig.node.json'),
    compilerOptions: { noEmit: true, rootDir: '/', typeRoots: [join(root, 'node_modules', '@types')] },
    // Other ambient declarations of the project (e.g. for untyped libraries) stay in; only the
    // narrowed Electron declarations are swapped for the real ones.
    include: [join(root, 'electron/main/*.ts'), join(root, 'electron/main/ipc/*.ts'), join(root, 'electron/preload/*.ts'), join(root, 'electron/**/*.d.ts'), join(root, 'shared/**/*.d.ts'), dts],
    exclude: [join(root, 'electron/main/types/electron.d.ts')],
  }),
);
const result = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', config], { stdio: 'inherit' });
rmSync(dir, { recursive: true, force: true });
if (result.status === 0) console.log(`electron/main and electron/preload type-check against ${dts}`);
process.exit(result.status ?? 1);
