// SPDX-License-Identifier: UNLICENSED
// The Report and Verify screens' handlers on the real services, without a browser: the passphrase
// is checked again before anything is signed or written, the chosen sections are the report's
// (read back from the written PDF's outline), nothing is overwritten, and an evidence folder is
// hashed for the verifier without any vault.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createApp } from '../../electron/services/app/appHandlers.js';
import { EvaultError } from '../../shared/errors.js';
import { readPdfOutline } from '../../shared/report/pdfOutline.js';
import { readFirstPagesText } from '../../shared/report/pdfText.js';

const ctx = { transport: 'bridge' as const };
const PASSPHRASE = 'correct horse battery staple';
const code = (c: string) => (e: unknown) => e instanceof EvaultError && e.code === c;

test('issueReport: passphrase re-checked, chosen sections, never overwrites; the outline is read back', { timeout: 120_000 }, async () => {
  const root = mkdtempSync(join(tmpdir(), 'evault-report-app-'));
  const app = createApp({ vaultDir: join(root, 'vault'), keystoreDir: join(root, 'keys'), mode: 'browser' });
  try {
    await app.handlers.createIdentity(ctx, { name: 'Test Examiner', role: 'Analyst', organisation: 'Lab', passphrase: PASSPHRASE });
    const c = await app.handlers.createCase(ctx, { number: 'R-1', title: 'Report test', description: null });
    const log = join(root, 'a.jsonl');
    writeFileSync(log, JSON.stringify({ timestamp: '2026-11-16T01:54:14.685Z', user_id: 'u1', prompt: 'mail me at ana@example.org' }) + '\n');
    await app.handlers.importEvidence(ctx, { importId: 'report-test-1', caseId: c.id, paths: [log] });
    const out = join(root, 'out', 'r.pdf');
    mkdirSync(join(root, 'out'));
    const input = { caseId: c.id, sections: ['custody' as const, 'summary' as const], reveal: false, organisation: null, classification: 'Confidential', out, passphrase: 'not the passphrase' };
    const before = (await app.handlers.custodyEvents(ctx, { caseId: c.id })).length;
    await assert.rejects(app.handlers.issueReport(ctx, input), code('WRONG_PASSPHRASE'));
    assert.equal(existsSync(out), false);
    assert.equal((await app.handlers.custodyEvents(ctx, { caseId: c.id })).length, before, 'no checkpoint or report event for a refused report');

    const r = await app.handlers.issueReport(ctx, { ...input, passphrase: PASSPHRASE });
    // Rendered in a worker thread (reportRender.ts); the phases are measured and add up.
    const { collect, render, write } = r.phasesMs;
    assert.ok(render > 0 && collect >= 0 && write >= 0 && collect + render + write <= r.elapsedMs + 3, JSON.stringify(r.phasesMs));
    const pdf = readFileSync(out);
    assert.equal(r.pdfSha256, createHash('sha256').update(pdf).digest('hex'));
    assert.equal(readFileSync(`${out}.sig`).length, 64);
    // Sections in the report's own order whatever order they were chosen in.
    assert.deepEqual(r.outline?.entries.map((e) => e.title), ['Cover: case, examiner, integrity', '1. Executive summary', '10. Chain of custody']);
    assert.equal(r.outline?.entries[0]?.page, 1);
    assert.ok(r.outline!.pages >= 3 && r.outline!.entries.every((e) => e.page !== null && e.page <= r.outline!.pages));
    // The preview: the first two pages' text, read back from the PDF. poppler's pdftotext, where
    // installed, finds the same characters on those pages.
    const pages = r.firstPages!;
    assert.equal(pages.length, 2);
    assert.ok(pages[0]!.some((l) => l.includes(r.reportId)) && pages[0]!.some((l) => /^CONFIDENTIAL$/.test(l)), pages[0]!.join('\n'));
    assert.ok(pages[0]!.some((l) => new RegExp(`Page 1 of ${r.outline!.pages}$`).test(l)));
    assert.ok(pages[1]!.includes('1. Executive summary'), pages[1]!.join('\n'));
    for (const [i, lines] of pages.entries()) {
      const poppler = spawnSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), out, '-'], { encoding: 'utf8' });
      if (poppler.status !== 0) continue;
      // pdftotext splits letter-spaced headings into letters and orders columns its own way, so
      // the comparison is of the characters shown, whitespace aside: every glyph, once.
      const glyphs = (text: string) => [...text.replace(/\s+/g, '')].sort().join('');
      assert.equal(glyphs(lines.join('\n')), glyphs(poppler.stdout), `page ${i + 1}: the same characters as pdftotext`);
    }
    const events = await app.handlers.custodyEvents(ctx, { caseId: c.id });
    const issued = events.find((e) => e.action === 'report.issued')!;
    assert.equal(issued.seq, r.issuedSeq);
    assert.deepEqual((issued.details as { sections: string[] }).sections, ['summary', 'custody']);

    await assert.rejects(app.handlers.issueReport(ctx, { ...input, passphrase: PASSPHRASE }), code('ALREADY_EXISTS'));
    assert.deepEqual(readFileSync(out), pdf, 'the first report is untouched');
  } finally {
    app.session.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test('hashEvidenceFolder needs no vault, hashes every file, and refuses a non-folder', async () => {
  const root = mkdtempSync(join(tmpdir(), 'evault-hash-folder-'));
  const app = createApp({ vaultDir: join(root, 'vault'), keystoreDir: join(root, 'keys'), mode: 'browser' });
  try {
    mkdirSync(join(root, 'ev', 'sub'), { recursive: true });
    writeFileSync(join(root, 'ev', 'a.txt'), 'hello\n');
    writeFileSync(join(root, 'ev', 'sub', 'b.bin'), Buffer.alloc(3, 1));
    const files = await app.handlers.hashEvidenceFolder(ctx, { dir: join(root, 'ev') });
    assert.deepEqual(files, [
      { path: 'a.txt', sha256: '5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03' },
      { path: 'sub/b.bin', sha256: createHash('sha256').update(Buffer.alloc(3, 1)).digest('hex') },
    ]);
    await assert.rejects(app.handlers.hashEvidenceFolder(ctx, { dir: join(root, 'ev', 'a.txt') }), code('SOURCE_MISSING'));
    await assert.rejects(app.handlers.hashEvidenceFolder(ctx, { dir: join(root, 'nowhere') }), code('SOURCE_MISSING'));
    assert.equal(existsSync(join(root, 'vault')), false, 'no vault was created');
  } finally {
    app.session.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test('readPdfOutline and readFirstPagesText: garbage and truncated files give null, never an exception', () => {
  assert.equal(readFirstPagesText(new Uint8Array(0)), null);
  assert.equal(readFirstPagesText(new TextEncoder().encode('%PDF-1.7\nnot really\n%%EOF')), null);
  assert.equal(readPdfOutline(new Uint8Array(0)), null);
  assert.equal(readPdfOutline(new TextEncoder().encode('%PDF-1.7\nnot really\n%%EOF')), null);
  assert.equal(readPdfOutline(new TextEncoder().encode('%PDF-1.7\nstartxref\n999999\n%%EOF')), null);
});
