// SPDX-License-Identifier: UNLICENSED
// The PDF object reader (ISO 32000-1 §7.3) on hand-written objects and hostile input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PdfLexer, PdfSyntaxError, asDict, textString, type PdfValue } from '../../../../shared/report/pdfObjects.js';
import { PdfDocument } from '../../../../shared/report/pdfDocument.js';

const parse = (text: string): PdfValue => new PdfLexer(new TextEncoder().encode(text)).value();

test('dictionaries, arrays, names with #xx, numbers, references, booleans and null', () => {
  const d = asDict(parse('<< /Type /Sig /A#20B 1 /N [1 -2.5 .5 3 0 R true null] /R 12 0 R >>'), 'd');
  assert.deepEqual(d.entries.get('Type'), { kind: 'name', value: 'Sig' });
  assert.equal(d.entries.get('A B'), 1);
  assert.deepEqual(d.entries.get('N'), { kind: 'array', items: [1, -2.5, 0.5, { kind: 'ref', num: 3, gen: 0 }, true, null] });
  assert.deepEqual(d.entries.get('R'), { kind: 'ref', num: 12, gen: 0 });
});

test('literal strings with escapes and nesting; hex strings with offsets; UTF-16BE text strings', () => {
  const s = parse('(a\\(b\\)c (nested) \\101\\n)') as { bytes: Uint8Array };
  assert.equal(new TextDecoder().decode(s.bytes), 'a(b)c (nested) A\n');
  const h = parse('  <41 42 4>') as { bytes: Uint8Array; start: number; end: number };
  assert.deepEqual([...h.bytes], [0x41, 0x42, 0x40]);
  assert.deepEqual([h.start, h.end], [2, 11]);
  assert.equal(textString(parse('<FEFF00e9006C>') as never), 'él');
});

test('hostile input raises PdfSyntaxError', () => {
  for (const text of ['<< /A ', '[1 2', '(unterminated', '<12 zz>', '<< 1 2 >>', 'nonsense', '['.repeat(100) + ']'.repeat(100)]) {
    assert.throws(() => parse(text), PdfSyntaxError, text);
  }
  for (const text of ['', '%PDF-1.7\n', '%PDF-1.7\nstartxref\n999999\n%%EOF', '%PDF-1.7\nxref\n0 1\nstartxref\n9\n%%EOF']) {
    assert.throws(() => new PdfDocument(new TextEncoder().encode(text)), PdfSyntaxError, JSON.stringify(text));
  }
});
