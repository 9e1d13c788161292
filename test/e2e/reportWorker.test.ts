// SPDX-License-Identifier: UNLICENSED
// Report generation in the desktop app runs in a worker thread (reportRunner.ts, reportWorker.ts)
// that asks main for every signature. On the real services: the issued report has the structure of
// one made on the calling thread and verifies; progress events name each phase with its counts; a
// cancel in any phase leaves no file, no temporary file and no custody event, the vault still
// verifies and the next report succeeds; a lock mid-report refuses the worker's signatures; bad
// cancelReport input is refused by the contract's schema.
// Also prints the longest event-loop stall of the calling thread while a report is made (a figure,
// not an assertion: timings belong to benchmarks).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { test } from 'node:test';
import { createApp, type App } from '../../electron/services/app/appHandlers.js';
import { renderInWorker } from '../../electron/services/app/reportRender.js';
import { CertificateStore } from '../../electron/services/report/certStore.js';
import { generateReport } from '../../electron/services/report/generate.js';
import { SECTIONS as REPORT_ORDER } from '../../electron/services/report/model.js';
import { verifyReportFile } from '../../electron/services/report/verifyFile.js';
import { appendEvent } from '../../electron/services/vault/custodyLog.js';
import type { VaultEvents } from '../../shared/api/contract.js';
import { dispatch } from '../../shared/api/dispatch.js';
import type { ReportProgress } from '../../shared/api/reportTypes.js';
import { EvaultError } from '../../shared/errors.js';
import { readPdfOutline } from '../../shared/report/pdfOutline.js';

const ctx = { transport: 'bridge' as const };
const PASSPHRASE = 'correct horse battery staple';
const code = (c: string) => (e: unknown) => e instanceof EvaultError && e.code === c;
// In the report's own order, as the issueReport handler passes them to the service.
const SECTIONS = REPORT_ORDER.filter((s) => ['summary', 'evidence', 'findings', 'custody'].includes(s));

interface Fixture {
  root: string;
  app: App;
  progress: ReportProgress[];
  close(): void;
}

async function fixture(name: string): Promise<Fixture> {
  const root = mkdtempSync(join(tmpdir(), `evault-${name}-`));
  const app = createApp({ vaultDir: join(root, 'vault'), keystoreDir: join(root, 'keys'), mode: 'browser' });
  const progress: ReportProgress[] = [];
  app.session.emit = <E extends keyof VaultEvents>(event: E, payload: VaultEvents[E]) => {
    if (event === 'reportProgress') progress.push(payload as ReportProgress);
  };
  await app.handlers.createIdentity(ctx, { name: 'Test Examiner', role: 'Analyst', organisation: 'Lab', passphrase: PASSPHRASE });
  return { root, app, progress, close: () => (app.session.close(), rmSync(root, { recursive: true, force: true })) };
}

/** A case with `files` small evidence items, a JSONL log with an e-mail address, and `notes` note events. */
async function bigCase(f: Fixture, number: string, files: number, notes: number): Promise<string> {
  const c = await f.app.handlers.createCase(ctx, { number, title: `Report worker ${number}`, description: null });
  const dir = join(f.root, `evidence-${number}`);
  mkdirSync(dir);
  // Text, not random bytes: random bytes are now and then taken for a model file at import, which
  // would give the two cases of the first test different inventories.
  for (let i = 0; i < files; i++) writeFileSync(join(dir, `item-${i}.txt`), `evidence item ${i} of case ${number}\n`.repeat(8 + i));
  writeFileSync(join(dir, 'a.jsonl'), JSON.stringify({ timestamp: '2026-11-16T01:54:14.685Z', user_id: 'u1', prompt: 'mail me at ana@example.org' }) + '\n');
  await f.app.handlers.importEvidence(ctx, { importId: `import-${number}`, caseId: c.id, paths: [dir] });
  const { vault, signer } = f.app.session.require();
  vault.db.transaction(() => {
    for (let i = 1; i <= notes; i++) appendEvent(vault.db, signer, { caseId: c.id, action: 'note.added', details: { text: `note ${i}: custody observation recorded during the examination` } });
  })();
  return c.id;
}

test('issueReport in a worker: the structure of a report made on this thread, verifies, progress per phase; event-loop stall printed', { timeout: 300_000 }, async () => {
  const f = await fixture('report-worker');
  try {
    const baseCase = await bigCase(f, 'W-BASE', 150, 4000);
    const appCase = await bigCase(f, 'W-APP', 150, 4000);
    const out = join(f.root, 'out');
    mkdirSync(out);
    const options = { sections: [...SECTIONS], reveal: false, organisation: 'Lab', classification: null };

    // The previous path: gathered on this thread, rendered in a worker, signed and written here.
    const { vault, signer } = f.app.session.require();
    const before = monitorEventLoopDelay({ resolution: 10 });
    before.enable();
    let t = performance.now();
    const base = await generateReport(vault, signer, { caseRef: baseCase, out: join(out, 'base.pdf'), options, certificates: new CertificateStore(join(f.root, 'keys')), render: renderInWorker });
    const baseMs = performance.now() - t;
    before.disable();

    const during = monitorEventLoopDelay({ resolution: 10 });
    during.enable();
    t = performance.now();
    const r = await f.app.handlers.issueReport(ctx, { caseId: appCase, ...options, out: join(out, 'app.pdf'), passphrase: PASSPHRASE });
    const appMs = performance.now() - t;
    during.disable();
    console.log(
      `# report of ${r.events} events, ${r.evidence} evidence items: gathered on this thread ${baseMs.toFixed(0)} ms, longest event-loop stall ${(before.max / 1e6).toFixed(0)} ms; ` +
        `in the report worker ${appMs.toFixed(0)} ms (collect ${r.phasesMs.collect}, render ${r.phasesMs.render}, write ${r.phasesMs.write}), longest stall ${(during.max / 1e6).toFixed(0)} ms`,
    );

    // Same structure as the report made on this thread, and both verify.
    const basePdf = new Uint8Array(readFileSync(base.pdf));
    const appPdf = new Uint8Array(readFileSync(r.pdf));
    assert.equal(r.pdfSha256, createHash('sha256').update(appPdf).digest('hex'));
    assert.equal(readFileSync(r.sig).length, 64);
    assert.deepEqual(readPdfOutline(appPdf)?.entries.map((e) => e.title), readPdfOutline(basePdf)?.entries.map((e) => e.title));
    assert.equal(readPdfOutline(appPdf)?.pages, readPdfOutline(basePdf)?.pages);
    assert.deepEqual([r.evidence, r.findings, r.events], [base.evidence, base.findings, base.events]);
    for (const p of [base.pdf, r.pdf]) {
      const v = await verifyReportFile({ pdf: p, sig: `${p}.sig`, fingerprint: signer.fingerprint });
      assert.ok(v.ok, `${p}: ${v.firstFailure}`);
    }
    // The same custody events: checkpoint.issued then report.issued, with the same detail fields.
    const tail = async (caseId: string) => (await f.app.handlers.custodyEvents(ctx, { caseId })).slice(-2);
    const [baseCp, baseIssued] = await tail(baseCase);
    const [appCp, appIssued] = await tail(appCase);
    assert.deepEqual([appCp!.action, appIssued!.action], ['checkpoint.issued', 'report.issued']);
    assert.deepEqual([baseCp!.action, baseIssued!.action], ['checkpoint.issued', 'report.issued']);
    assert.deepEqual(Object.keys(appIssued!.details as object).sort(), Object.keys(baseIssued!.details as object).sort());
    assert.equal((appIssued!.details as { pdfSha256: string }).pdfSha256, r.pdfSha256);
    assert.equal(appIssued!.seq, r.issuedSeq);
    assert.deepEqual(readdirSync(out).sort(), ['app.pdf', 'app.pdf.sig', 'base.pdf', 'base.pdf.sig'], 'no temporary file is left');

    // Progress: each phase once, in order, with the model's counts and the PDF's size.
    const mine = f.progress.filter((p) => p.caseId === appCase);
    assert.deepEqual(mine.map((p) => p.phase), ['queued', 'collecting', 'rendering', 'writing', 'done']);
    assert.deepEqual(mine[2], { caseId: appCase, phase: 'rendering', evidence: r.evidence, findings: r.findings, events: r.events });
    assert.deepEqual(mine[3], { caseId: appCase, phase: 'writing', bytes: r.bytes });
    assert.equal((await f.app.handlers.verifyVault(ctx, {})).ok, true);
  } finally {
    f.close();
  }
});

test('cancelReport in each phase: no file, no temporary file, no custody event; the vault verifies and the next report succeeds', { timeout: 300_000 }, async () => {
  const f = await fixture('report-cancel');
  try {
    const caseId = await bigCase(f, 'C-1', 50, 1500);
    const out = join(f.root, 'out');
    mkdirSync(out);
    const input = { caseId, sections: [...SECTIONS], reveal: false, organisation: null, classification: null, out: join(out, 'r.pdf'), passphrase: PASSPHRASE };
    const events = async () => (await f.app.handlers.custodyEvents(ctx, { caseId })).length;
    const before = await events();
    const vaultEvents = (await f.app.handlers.verifyVault(ctx, {})).counts.events;
    for (const phase of ['queued', 'collecting', 'rendering', 'writing'] as const) {
      f.progress.length = 0;
      let accepted: Promise<boolean> | undefined;
      // Cancelled from the progress listener, as the Report screen does: the phase's message always
      // reaches main before the worker's request to commit, so the cancel must be accepted.
      const emit = f.app.session.emit;
      f.app.session.emit = (event, payload) => {
        emit(event, payload);
        if (event === 'reportProgress' && (payload as ReportProgress).phase === phase && !accepted) accepted = f.app.handlers.cancelReport(ctx, { caseId });
      };
      await assert.rejects(f.app.handlers.issueReport(ctx, input), (e: unknown) => code('CANCELLED')(e) && /nothing was written/.test((e as Error).message), phase);
      f.app.session.emit = emit;
      assert.equal(await accepted, true, `cancel accepted in ${phase}`);
      assert.deepEqual(f.progress.map((p) => p.phase).at(-1), 'cancelled');
      assert.deepEqual(readdirSync(out), [], `${phase}: no PDF, signature or temporary file`);
      assert.equal(await events(), before, `${phase}: no checkpoint.issued or report.issued`);
      const verified = await f.app.handlers.verifyVault(ctx, {});
      assert.equal(verified.ok, true, `${phase}: the vault verifies`);
      assert.equal(verified.counts.events, vaultEvents);
    }
    assert.equal(await f.app.handlers.cancelReport(ctx, { caseId }), false, 'nothing to cancel');
    // The worker's write lock went with it: the same report is issued at the same path.
    const r = await f.app.handlers.issueReport(ctx, input);
    assert.equal(existsSync(r.pdf) && existsSync(r.sig), true);
    assert.deepEqual(readdirSync(out).sort(), ['r.pdf', 'r.pdf.sig']);
    assert.equal(await events(), before + 2);
    assert.equal((await verifyReportFile({ pdf: r.pdf, sig: r.sig, fingerprint: f.app.session.require().signer.fingerprint })).ok, true);
    assert.equal((await f.app.handlers.verifyVault(ctx, {})).ok, true);
  } finally {
    f.close();
  }
});

test('a lock while the report renders: main refuses to sign, NO_KEY, nothing written or recorded', { timeout: 120_000 }, async () => {
  const f = await fixture('report-lock');
  try {
    const caseId = await bigCase(f, 'L-1', 5, 10);
    const out = join(f.root, 'out');
    mkdirSync(out);
    const { fingerprint } = f.app.session.require().signer;
    const before = (await f.app.handlers.custodyEvents(ctx, { caseId })).length;
    const emit = f.app.session.emit;
    // The 'rendering' message reaches main before the worker's request to sign the manifest.
    f.app.session.emit = (event, payload) => {
      emit(event, payload);
      if (event === 'reportProgress' && (payload as ReportProgress).phase === 'rendering') f.app.session.lock('user');
    };
    await assert.rejects(f.app.handlers.issueReport(ctx, { caseId, sections: [...SECTIONS], reveal: false, organisation: null, classification: null, out: join(out, 'r.pdf'), passphrase: PASSPHRASE }), code('NO_KEY'));
    f.app.session.emit = emit;
    assert.deepEqual(readdirSync(out), []);
    await f.app.handlers.unlock(ctx, { fingerprint, passphrase: PASSPHRASE });
    assert.equal((await f.app.handlers.custodyEvents(ctx, { caseId })).length, before);
    assert.equal((await f.app.handlers.verifyVault(ctx, {})).ok, true);
  } finally {
    f.close();
  }
});

test('cancelReport input is checked by the contract schema; an unknown case is NOT_FOUND', async () => {
  const f = await fixture('report-cancel-input');
  try {
    for (const bad of [[{ caseId: 7 }], [{}], [{ caseId: '' }], [{ caseId: 'x', importId: 'y' }], ['x'], []]) {
      const r = await dispatch(f.app.handlers, 'cancelReport', bad, ctx);
      assert.equal(r.ok, false, JSON.stringify(bad));
      assert.equal(!r.ok && r.error.code, 'BAD_INPUT', JSON.stringify(bad));
    }
    const r = await dispatch(f.app.handlers, 'cancelReport', [{ caseId: 7 }], ctx);
    assert.match(!r.ok ? r.error.message : '', /caseId/);
    const unknown = await dispatch(f.app.handlers, 'cancelReport', [{ caseId: 'no-such-case' }], ctx);
    assert.equal(!unknown.ok && unknown.error.code, 'NOT_FOUND');
  } finally {
    f.close();
  }
});
