// SPDX-License-Identifier: UNLICENSED
// The embedded fonts are the files build/fonts/README.md lists (by SHA-256), with their licenses,
// and the monospaced one has the fixed advance the layout's fast width path assumes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { FONT_FILES, fontDir, fontPath } from '../../../electron/services/report/fonts.js';

test('every font file matches the SHA-256 in build/fonts/README.md, and the licenses are there', () => {
  const readme = readFileSync(join(fontDir(), 'README.md'), 'utf8');
  for (const file of Object.values(FONT_FILES)) {
    const digest = createHash('sha256').update(readFileSync(join(fontDir(), file))).digest('hex');
    assert.ok(readme.includes(`${digest}  ${file}`), `${file} ${digest}`);
  }
  for (const license of ['OFL-IBMPlex.txt', 'OFL-SourceCodePro.txt']) assert.match(readFileSync(join(fontDir(), license), 'utf8'), /SIL OPEN FONT LICENSE Version 1\.1/);
});

test('printable ASCII in the monospaced font is 0.6 em wide (the layout measures it without fontkit)', () => {
  assert.ok(existsSync(fontPath('mono')));
  const doc = new PDFDocument({ font: fontPath('mono') });
  doc.fontSize(10);
  let ascii = '';
  for (let c = 0x20; c < 0x7f; c++) ascii += String.fromCharCode(c);
  assert.ok(Math.abs(doc.widthOfString(ascii) - ascii.length * 6) < 1e-6);
  doc.end();
});
