// SPDX-License-Identifier: UNLICENSED
// Builds renderer/ into dist/renderer with esbuild: index.html, assets/main.js (one ES module) and
// assets/main.css. Plain files served by the app:// handler and the bridge under a CSP without
// 'unsafe-inline', so nothing is inlined: the script and the stylesheet are files, fonts and images
// too. esbuild (already used for the preload) instead of vite: vite's rollup pulls platform
// packages the offline registry lacks, which breaks `npm ci` (docs/ARCHITECTURE.md).
import { build } from 'esbuild';
import { promises as fs } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist/renderer`;

await fs.rm(out, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { main: 'renderer/main.tsx' },
  outdir: `${out}/assets`,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'chrome120',
  jsx: 'automatic',
  minify: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  loader: { '.woff2': 'file', '.svg': 'file', '.png': 'file' },
  assetNames: '[name]-[hash]',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
});

const html = await fs.readFile(`${root}renderer/index.html`, 'utf8');
const script = '<script type="module" src="./main.tsx"></script>';
if (!html.includes(script)) throw new Error(`renderer/index.html must load the entry as ${script}`);
const built = html
  .replace('</head>', '  <link rel="stylesheet" href="./assets/main.css" />\n  </head>')
  .replace(script, '<script type="module" src="./assets/main.js"></script>');
await fs.writeFile(`${out}/index.html`, built);
console.log('built dist/renderer (index.html, assets/main.js, assets/main.css)');
