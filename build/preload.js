// SPDX-License-Identifier: UNLICENSED
// Bundles electron/preload/preload.ts and the shared/ code it uses into ONE CommonJS file
// (dist/preload/preload.cjs): a sandboxed preload can require only 'electron', not our modules.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: ['electron/preload/preload.ts'],
  outfile: 'dist/preload/preload.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'chrome140',
  external: ['electron'],
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
});
console.log('built dist/preload/preload.cjs');
