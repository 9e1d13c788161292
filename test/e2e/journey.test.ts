// SPDX-License-Identifier: UNLICENSED
// The investigator's journey, as a person would walk it, in Debian's Chromium against the real
// services through the loopback bridge, on a fresh vault and keystore:
// identity → case → import (a corpus log export and a small safetensors file) → digests and
// findings → log search → reveal PII (recorded) → note → verify vault → the incident record
// (fields, an accepted proposal, the GDPR 72 h clock, a logged filing) → issue the signed report
// from the Report screen (its incident sections read back with pdftotext) → verify it in the
// Verify screen (with its .sig and an evidence folder) → one flipped byte of the report → the exact failing step; then a disclosure package made through
// the API → one flipped byte → the exact failing checks.
// A second journey, in the dark theme, walks the model views: two Hugging Face-style folders built
// here from a corpus safetensors file → the folder view (members, weights root) → compare and record
// the diff as a finding → the Findings list → an OpenSSF model signature of the folder written on the
// Verify screen and recorded in the case → the custody timeline.
// Screenshots of each screen go to test-results/e2e/.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test, type TestContext } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { CaseSummary, EvidenceItem, DisclosureView, CustodyEventView } from '../../shared/api/types.js';
import { PdfDocument } from '../../shared/report/pdfDocument.js';
import { asArray, asDict } from '../../shared/report/pdfObjects.js';
import { STEP_IDS } from '../../shared/report/verify/types.js';
import { corpusDir } from '../helpers/repoRoot.js';
import { startHarness, type Harness } from './bridgeHarness.js';
import { chromiumMissing, launchChromium, rendererMissing, resultsDir } from './chromium.js';

/** A journey is one story: once a step fails, the later ones are skipped, not timed out. */
function storySteps(t: TestContext): (name: string, fn: () => Promise<void> | void) => Promise<void> {
  let broken = false;
  return (name, fn) =>
    t.test(name, { skip: broken ? 'an earlier step failed' : false }, async () => {
      try {
        await fn();
      } catch (err) {
        broken = true;
        throw err;
      }
    });
}

const PASSPHRASE = 'correct horse battery staple 42';
const LOG = join(corpusDir(), 'logs', 'ai', 'inference_audit.jsonl');
const MODEL = join(corpusDir(), 'models', 'safetensors', 'd.safetensors');
// A pickle that would run eval() if loaded: scanned statically, never unpickled.
const PICKLE = join(corpusDir(), 'models', 'pickle', 'malicious0.pkl');
const skip = chromiumMissing() || rendererMissing();
// What the investigator hands an auditor (report, .sig, evidence copies), kept for the second test.
const handover = mkdtempSync(join(tmpdir(), 'evault-handover-'));
after(() => rmSync(handover, { recursive: true, force: true }));

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** An offset 20 bytes into the first page's content stream (as the report tamper tests pick). */
function pageContentOffset(pdf: Uint8Array): number {
  const doc = new PdfDocument(pdf);
  const pages = asDict(doc.get(doc.catalog(), 'Pages'), 'Pages');
  const first = asDict(doc.resolve(asArray(doc.get(pages, 'Kids'), 'Kids')[0]), 'page');
  const ref = first.entries.get('Contents') as { num: number };
  const text = Buffer.from(pdf).toString('latin1');
  const at = text.indexOf(`\n${ref.num} 0 obj\n`);
  return text.indexOf('stream\n', at) + 'stream\n'.length + 20;
}

test('investigator journey in Chromium through the loopback bridge', { skip, timeout: 300_000 }, async (t) => {
  const shots = resultsDir('e2e');
  const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: false });
  let harness: Harness | undefined;
  let browser: Browser | undefined;
  try {
    harness = await startHarness();
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
    const page = await context.newPage();
    const h = harness;
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    page.setDefaultTimeout(20_000);
    let caseId = '';
    const step = storySteps(t);

    await step('first run: create the examiner identity and see its fingerprint', async () => {
      const started = Date.now();
      await page.goto(h.url);
      await page.getByLabel('Full name').waitFor();
      t.diagnostic(`time to first usable screen: ${Date.now() - started} ms`);
      assert.equal(new URL(page.url()).search, '', 'the token is traded for a cookie and leaves the address bar');
      const globals = await page.evaluate(() => {
        const g = globalThis as unknown as { require?: unknown; process?: unknown; ipcRenderer?: unknown };
        return [typeof g.require, typeof g.process, typeof g.ipcRenderer];
      });
      assert.deepEqual(globals, ['undefined', 'undefined', 'undefined']);
      await page.getByLabel('Full name').fill('Ana Examiner');
      await page.getByLabel('Role').fill('Forensic analyst');
      await page.getByLabel('Organisation').fill('Northwind Incident Response');
      await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
      await page.getByLabel('Repeat passphrase').fill(PASSPHRASE);
      await shot(page, '01-first-run');
      await page.getByRole('button', { name: 'Create identity' }).click();
      await page.getByRole('heading', { name: 'Your examiner identity is ready' }).waitFor({ timeout: 30_000 });
      const status = await h.call<{ unlocked: { fingerprint: string } }>('status');
      const shown = await page.locator('[data-fingerprint]').getAttribute('data-fingerprint');
      assert.equal(shown, status.unlocked.fingerprint);
      await shot(page, '02-fingerprint');
      await page.getByRole('button', { name: /continue/ }).click();
    });

    await step('create a case', async () => {
      await page.getByRole('heading', { name: 'Cases', exact: true }).waitFor();
      await page.getByRole('button', { name: 'New case' }).click();
      await page.getByLabel('Case number').fill('2026-014');
      await page.getByLabel('Title').fill('Support chatbot data leak');
      await page.getByLabel('Description (optional)').fill('Customer reports personal data of another tenant in a chatbot answer.');
      await page.getByRole('button', { name: 'Open case' }).click();
      await page.getByRole('tab', { name: 'Overview' }).waitFor();
      caseId = (await h.call<CaseSummary[]>('listCases'))[0]!.id;
    });

    await step('import a log export and two model files; see their digests', async () => {
      await page.getByRole('tab', { name: 'Evidence' }).click();
      await page.getByRole('button', { name: 'Import evidence' }).click();
      await page.getByLabel(/Paths on this computer/).fill(`${LOG}\n${MODEL}\n${PICKLE}`);
      await page.getByRole('button', { name: 'Fingerprint and import' }).click();
      await page.getByText(/3 item\(s\) imported and recorded/).waitFor({ timeout: 120_000 });
      for (const [file, name] of [[LOG, 'inference_audit.jsonl'], [MODEL, 'd.safetensors'], [PICKLE, 'malicious0.pkl']] as const) {
        const row = page.locator(`tr[data-evidence="${name}"]`);
        assert.equal(await row.locator('[data-sha256]').getAttribute('data-sha256'), sha256(file), `${name} shows its SHA-256`);
      }
      await shot(page, '03-evidence-imported');
      // The same log again: reported as a duplicate, not stored twice.
      await page.getByLabel(/Paths on this computer/).fill(LOG);
      await page.getByRole('button', { name: 'Fingerprint and import' }).click();
      await page.getByText('1 duplicate(s) not stored again', { exact: false }).waitFor({ timeout: 60_000 });
      await shot(page, '04-duplicate-warning');
      // A file dropped on the Evidence panel: the browser cannot know its path, and says so.
      await page.locator('[data-drop-target="evidence"]').evaluate((el) => {
        const w = globalThis as unknown as { DataTransfer: new () => { items: { add(f: unknown): void } }; File: new (parts: string[], name: string) => unknown; DragEvent: new (type: string, init: object) => unknown };
        const dt = new w.DataTransfer();
        dt.items.add(new w.File(['{}'], 'dropped.jsonl'));
        (el as unknown as { dispatchEvent(e: unknown): void }).dispatchEvent(new w.DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      });
      await page.getByText(/Dropping files needs the desktop app: a browser page cannot learn where “dropped.jsonl” is/).waitFor();
      await page.getByLabel(/Paths on this computer/).waitFor();
      const items = await h.call<EvidenceItem[]>('listEvidence', { caseId });
      assert.equal(items.length, 3);
      // Export a copy (typed path in a browser session): re-hashed and recorded.
      const exported = join(h.root, 'exported-model.safetensors');
      const modelRow = page.locator('tr[data-evidence="d.safetensors"]');
      await modelRow.getByRole('button', { name: 'Export copy' }).click();
      await modelRow.getByLabel('Export copy: destination path').fill(exported);
      await modelRow.getByRole('button', { name: 'Export copy' }).last().click();
      await modelRow.getByText(/copy re-hashed and recorded/).waitFor();
      assert.equal(sha256(exported), sha256(MODEL));
    });

    await step('model details: the scanner verdict with the globals found; tensors with their digests', async () => {
      const pickleRow = page.locator('tr[data-evidence="malicious0.pkl"]');
      await pickleRow.getByRole('button', { name: 'Model details' }).click();
      const detail = page.getByRole('region', { name: 'Model malicious0.pkl' });
      await detail.locator('[data-verdict="dangerous"]').waitFor();
      await detail.locator('code.global.dangerous', { hasText: '__builtin__.eval' }).waitFor();
      await detail.scrollIntoViewIfNeeded();
      await shot(page, '05a-model-dangerous');
      await page.locator('tr[data-evidence="d.safetensors"]').getByRole('button', { name: 'Model details' }).click();
      const st = page.getByRole('region', { name: 'Model d.safetensors' });
      await st.locator('[data-verdict]').waitFor();
      const grid = st.getByRole('grid', { name: 'Tensors of d.safetensors' });
      await grid.locator('[data-sha256]').first().waitFor();
      const inspected = await h.call<{ tensorCount: number }>('modelDetail', { caseId, evidenceId: (await h.call<EvidenceItem[]>('listEvidence', { caseId })).find((e) => e.name === 'd.safetensors')!.id });
      assert.equal(Number(await grid.getAttribute('aria-rowcount')) - 1, inspected.tensorCount);
      await st.scrollIntoViewIfNeeded();
      await shot(page, '05b-model-tensors');
    });

    await step('compare the model with a variant: the changed tensor with its element statistics', async () => {
      // A variant of d.safetensors written here: element 2 of its one F64 tensor "d" moved by +1.
      const bytes = Buffer.from(readFileSync(MODEL));
      const at = 8 + Number(bytes.readBigUInt64LE(0)) + 2 * 8;
      bytes.writeDoubleLE(bytes.readDoubleLE(at) + 1, at);
      const variant = join(h.root, 'd-variant.safetensors');
      writeFileSync(variant, bytes);
      const st = page.getByRole('region', { name: 'Model d.safetensors' });
      const compare = st.getByRole('region', { name: 'Compare with another model' });
      await compare.getByLabel('Model to compare d.safetensors with').selectOption({ label: 'A file or folder on disk…' });
      await compare.getByLabel('Path of the model file or folder to compare with').fill(variant);
      await compare.getByRole('button', { name: 'Compare' }).click();
      const changed = compare.getByRole('table', { name: 'Tensor changes' }).locator('tr[data-change="changed"]');
      await changed.waitFor({ timeout: 60_000 });
      assert.match(await changed.innerText(), /\bd\b[\s\S]*1 of 6 elements differ[\s\S]*max \|a−b\| 1(\.000)?\b/);
      await compare.scrollIntoViewIfNeeded();
      await shot(page, '05c-model-diff');
    });

    await step('the dashboard shows findings by severity', async () => {
      await page.getByRole('tab', { name: 'Overview' }).click();
      const findings = page.getByRole('region', { name: 'Findings' });
      await findings.waitFor();
      const value = Number((await findings.locator('.stat-value').innerText()).replace(/[^0-9]/g, ''));
      assert.ok(value > 0, 'the corpus log has PII and AI-incident findings');
      await shot(page, '05c-dashboard');
    });

    await step('browse and search the log; reveal PII, which is recorded', async () => {
      await page.getByRole('tab', { name: 'Logs' }).click();
      const grid = page.getByRole('grid', { name: /Records of inference_audit.jsonl/ });
      await grid.waitFor();
      await grid.getByRole('row').nth(1).getByRole('gridcell', { name: 'usr_561195', exact: true }).waitFor();
      await shot(page, '06-log-records');
      await page.getByLabel('Search in').selectOption('user');
      await page.getByLabel('Search query').fill('usr_561195');
      await page.getByLabel('From (UTC)').fill('2026-11-16T00:00:00');
      await page.getByLabel('To (UTC)').fill('2026-11-16T06:00:00');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.getByText(/matching record\(s\) across the case/).waitFor();
      assert.equal(Number(await page.getByRole('grid', { name: 'Search results' }).getAttribute('aria-rowcount')) - 1, 3, 'three records of usr_561195 before 06:00');
      await page.getByLabel('From (UTC)').fill('');
      await page.getByLabel('To (UTC)').fill('');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.waitForFunction(() => Number((globalThis as unknown as { document: { querySelector(s: string): { getAttribute(n: string): string } | null } }).document.querySelector('[aria-label="Search results"]')?.getAttribute('aria-rowcount')) > 4);
      const results = page.getByRole('grid', { name: 'Search results' });
      assert.ok(Number(await results.getAttribute('aria-rowcount')) > 2);
      await page.getByRole('button', { name: 'Show whole log' }).click();
      await grid.getByRole('row').nth(1).click();
      const text = page.getByLabel('Record text');
      assert.match(await text.innerText(), /\[IP#\d+\]/, 'the source IP is shown as its placeholder');
      assert.doesNotMatch(await text.innerText(), /192\.168\.192\.188/);
      await page.getByRole('button', { name: 'Reveal PII' }).click();
      await page.getByText('PII revealed · recorded in custody log').waitFor();
      assert.match(await text.innerText(), /192\.168\.192\.188/);
      await shot(page, '07-log-revealed');
      const events = await h.call<CustodyEventView[]>('custodyEvents', { caseId });
      const reveal = events.find((e) => e.action === 'pii.revealed');
      assert.ok(reveal, 'the reveal is a signed custody event');
      assert.equal((reveal.details as { record: number }).record, 0);
      // Choose records to cite in the report: record 0 and record 2 of this log.
      await page.getByLabel('Cite in report').check();
      await grid.getByRole('row').nth(3).click();
      await page.getByRole('heading', { name: /^Record 2/ }).waitFor();
      await page.getByLabel('Cite in report').check();
      await page.getByText('(2 chosen; listed in the Report tab)').waitFor();
    });

    await step('findings list', async () => {
      await page.getByRole('tab', { name: 'Findings' }).click();
      await page.getByRole('heading', { name: 'Findings' }).waitFor();
      await page.locator('table.findings tbody tr').first().waitFor();
      await shot(page, '08-findings');
    });

    await step('add a note and verify the vault', async () => {
      await page.getByRole('tab', { name: 'Custody' }).click();
      await page.getByRole('button', { name: 'Add note' }).click();
      await page.getByRole('textbox', { name: 'Note' }).fill('Received on write-blocked USB from the operator.');
      await page.getByRole('button', { name: 'Sign and add note' }).click();
      await page.getByText(/Note recorded as event \d+/).waitFor();
      await page.getByRole('button', { name: 'Verify now' }).click();
      await page.getByText('Vault verified: everything is as it was recorded').waitFor({ timeout: 120_000 });
      const failed = await page.locator('.verify-result li.fail').count();
      assert.equal(failed, 0);
      await page.locator('.timeline li[data-action="evidence.verified"]').first().waitFor();
      await shot(page, '09-custody-verified');
    });

    // Awareness two hours ago, entered in +01:00: the GDPR Art. 33 clock has 70 hours left.
    const awarenessMs = Math.floor(Date.now() / 1000) * 1000 - 2 * 3_600_000;
    const plusOne = (ms: number) => `${new Date(ms + 3_600_000).toISOString().slice(0, 19)}+01:00`;
    const gdprDue = new Date(awarenessMs + 72 * 3_600_000).toISOString();
    await step('Incident tab: fill the record, accept a proposal, see the GDPR 72 h clock, log the filing', async () => {
      await page.getByRole('tab', { name: 'Incident' }).click();
      await page.getByRole('heading', { name: 'Deadlines' }).waitFor();
      const saved = async (label: string) => page.getByRole('status').filter({ hasText: new RegExp(`^${label.replace(/[()]/g, '\\$&')} recorded as event \\d+$`) }).waitFor();
      // Regimes assessed: a closed list, chosen by checkbox.
      await page.getByRole('button', { name: 'Edit Regimes assessed' }).click();
      await page.getByRole('checkbox', { name: 'gdpr-art33' }).check();
      await page.getByRole('checkbox', { name: 'eu-ai-act-art73' }).check();
      await page.getByRole('button', { name: 'Save (signed)' }).click();
      await saved('Regimes assessed');
      // A time without its offset is refused where it was typed, and nothing is recorded.
      const before = (await h.call<CustodyEventView[]>('custodyEvents', { caseId })).length;
      await page.getByRole('button', { name: 'Edit Awareness' }).click();
      await page.getByLabel('Awareness', { exact: true }).fill('2026-11-20 09:15');
      await page.getByRole('button', { name: 'Save (signed)' }).click();
      await page.locator('[data-field="times.awareness"] .error-note[data-code="BAD_INPUT"]').getByText(/not an RFC 3339 time/).waitFor();
      assert.equal((await h.call<CustodyEventView[]>('custodyEvents', { caseId })).length, before);
      await page.getByLabel('Awareness', { exact: true }).fill(plusOne(awarenessMs));
      await page.getByLabel('Awareness', { exact: true }).press('Enter');
      await saved('Awareness');
      const awareness = page.locator('[data-field="times.awareness"]');
      await awareness.getByText(`${new Date(awarenessMs).toISOString().slice(0, 10)} ${new Date(awarenessMs).toISOString().slice(11, 19)} UTC (entered ${plusOne(awarenessMs).slice(0, 10)} ${plusOne(awarenessMs).slice(11, 19)} +01:00)`).waitFor();
      await page.getByRole('button', { name: 'Edit Personal-data breach (GDPR)' }).click();
      await page.getByLabel('Personal-data breach (GDPR)', { exact: true }).selectOption('yes');
      await page.getByRole('button', { name: 'Save (signed)' }).click();
      await saved('Personal-data breach (GDPR)');
      await page.getByRole('button', { name: 'Edit Severity' }).click();
      await page.getByLabel('Severity', { exact: true }).selectOption('high');
      await page.getByRole('button', { name: 'Save (signed)' }).click();
      await saved('Severity');
      await page.getByRole('button', { name: 'Edit Counsel' }).click();
      await page.getByLabel('Counsel', { exact: true }).fill('Dana Whitfield, Whitfield & Partners LLP');
      await page.getByRole('button', { name: 'Save (signed)' }).click();
      await saved('Counsel');
      // A proposal from the vault's own findings, accepted with its source.
      const proposal = page.locator('[data-proposal="impact.records"]');
      await proposal.getByText(/^Source: distinct log records cited by \d+ AI-incident finding/).waitFor();
      await proposal.getByRole('button', { name: /^Accept/ }).click();
      await proposal.getByText('Recorded').waitFor();
      await page.locator('[data-field="impact.records"]').getByText(/event \d+ · vault: distinct log records/).waitFor();
      // The GDPR Art. 33 clock: 72 hours from awareness, counting down.
      const gdpr = page.locator('article[data-regime="gdpr-art33"]');
      assert.equal(await gdpr.locator('li.binding [data-due-utc]').getAttribute('data-due-utc'), gdprDue, 'due exactly 72 h after awareness');
      assert.equal(await gdpr.getAttribute('data-status'), 'open');
      assert.match(await gdpr.locator('li.binding .countdown').innerText(), /^2 d 2[12]:\d\d h left$/);
      await gdpr.locator('[data-missing]').first().waitFor();
      await page.getByText('Applicability is counsel’s decision; this computation is not legal advice.').waitFor();
      await page.locator('article[data-regime="eu-ai-act-art73"]').waitFor();
      await page.getByRole('tab', { name: 'Incident' }).scrollIntoViewIfNeeded();
      await shot(page, '09b-incident');
      await page.emulateMedia({ colorScheme: 'dark' });
      await shot(page, '09c-incident-dark');
      await page.emulateMedia({ colorScheme: 'light' });
      // The filing, logged once made: the clock shows met.
      const form = page.getByRole('form', { name: 'Log a notification' });
      await form.getByLabel('Regime').selectOption('gdpr-art33');
      await form.getByLabel('Recipient').fill('Berliner Beauftragte für Datenschutz');
      await form.getByLabel('Filed at').fill(plusOne(Date.now() - 60_000));
      await form.getByLabel('Channel (optional)').fill('online form');
      await form.getByLabel('Reference (optional)').fill('BlnBDI-2026-0815');
      await form.getByRole('button', { name: 'Log notification (signed)' }).click();
      await page.getByRole('status').filter({ hasText: /Notification to Berliner Beauftragte für Datenschutz logged as event \d+/ }).waitFor();
      await page.locator('article[data-regime="gdpr-art33"][data-status="met"]').waitFor();
      assert.match(await gdpr.locator('li.binding .countdown').innerText(), /to spare$/);
      const deadlines = await h.call<{ assessed: { id: string; status: string }[] }>('incidentDeadlines', { caseId, zone: null });
      assert.equal(deadlines.assessed.find((r) => r.id === 'gdpr-art33')!.status, 'met', 'the services agree');
      // The history: one signed custody event per change and filing, newest first.
      const history = page.getByRole('table', { name: 'Incident record history' });
      const kinds = await history.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')));
      assert.deepEqual(kinds, ['notification', 'change', 'change', 'change', 'change', 'change', 'change']);
      const events = await h.call<CustodyEventView[]>('custodyEvents', { caseId });
      assert.equal(events.filter((e) => e.action.startsWith('incident.')).length, 7);
      await gdpr.scrollIntoViewIfNeeded();
      await shot(page, '09d-incident-filed');
      await history.scrollIntoViewIfNeeded();
      await shot(page, '09e-incident-history');
    });

    const reportPdf = join(h.root, 'report-2026-014.pdf');
    await step('issue the signed report from the Report screen (the passphrase is checked again)', async () => {
      await page.getByRole('tab', { name: 'Report' }).click();
      await page.getByRole('heading', { name: 'Signed evidence report' }).waitFor();
      assert.equal(await page.getByLabel('Organisation (cover and signature location)').inputValue(), 'Northwind Incident Response', 'the organisation defaults to the examiner profile');
      await page.getByLabel('Classification banner (optional)').fill('Confidential — legal privilege');
      await page.getByLabel('Save as').fill(reportPdf);
      await page.getByLabel('Report type').selectOption('initial');
      const before = (await h.call<CustodyEventView[]>('custodyEvents', { caseId })).length;
      await page.getByLabel('Your passphrase').fill('not the passphrase');
      await page.getByRole('button', { name: 'Sign and save report' }).click();
      await page.locator('.report-form .error-note[data-code="WRONG_PASSPHRASE"]').waitFor();
      assert.equal(existsSync(reportPdf), false, 'nothing is written with a wrong passphrase');
      assert.equal((await h.call<CustodyEventView[]>('custodyEvents', { caseId })).length, before, 'and nothing is recorded');
      assert.equal(await page.getByLabel('Your passphrase').inputValue(), '', 'the passphrase is not kept in the form');
      // Cancelled while it renders (in the services' report worker): nothing is written or recorded.
      await page.getByLabel('Your passphrase').fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Sign and save report' }).click();
      await page.locator('.report-progress[data-phase="rendering"]').waitFor({ timeout: 120_000 });
      await page.getByRole('button', { name: 'Cancel report' }).click();
      await page.locator('.report-cancelled').getByText(/nothing was written/).waitFor({ timeout: 60_000 });
      assert.deepEqual(readdirSync(h.root).filter((f) => f.startsWith('report-2026-014')), [], 'no PDF, signature or temporary file after a cancel');
      assert.equal((await h.call<CustodyEventView[]>('custodyEvents', { caseId })).length, before, 'and no checkpoint or report.issued event');
      await shot(page, '10a-report-cancelled');
      await page.getByLabel('Your passphrase').fill(PASSPHRASE);
      const toCite = page.getByRole('region', { name: 'Records to cite' });
      assert.deepEqual((await toCite.getByRole('listitem').allInnerTexts()).map((t) => /Record (\d+) of (\S+)/.exec(t)?.slice(1).join(' ')), ['0 inference_audit.jsonl', '2 inference_audit.jsonl'], 'the records chosen in the Logs tab, in that order');
      await shot(page, '10-report-form');
      await page.getByRole('button', { name: 'Sign and save report' }).click();
      const issued = page.getByRole('region', { name: 'Issued report' });
      await issued.getByText(/Report EVR-[0-9A-Z-]+ signed and saved/).waitFor({ timeout: 180_000 });
      assert.equal(await issued.locator('[data-sha256]').getAttribute('data-sha256'), sha256(reportPdf), 'the SHA-256 shown is the file written');
      assert.equal(readFileSync(`${reportPdf}.sig`).length, 64, 'the Ed25519 detached signature is written beside it');
      const contents = await issued.locator('.outline-list li').allInnerTexts();
      assert.match(contents[0]!, /^Cover/);
      assert.ok(contents.some((c) => /Chain of custody/.test(c)), `the outline lists the sections: ${contents.join(' | ')}`);
      const events = await h.call<CustodyEventView[]>('custodyEvents', { caseId });
      const event = events.find((e) => e.action === 'report.issued');
      assert.ok(event, 'report.issued is recorded');
      assert.equal((event.details as { pdfSha256: string }).pdfSha256, sha256(reportPdf));
      await issued.scrollIntoViewIfNeeded();
      await shot(page, '11-report-issued');
      // The preview: the first two pages' text, read back from the written PDF.
      const cover = issued.getByRole('figure', { name: 'Page 1 text' });
      await cover.getByText('CONFIDENTIAL — LEGAL PRIVILEGE').first().waitFor();
      await cover.getByText('Support chatbot data leak').first().waitFor();
      // Page 2 is the cover's end or the summary, depending on how much the case holds: its footer says which page it is.
      await issued.getByRole('figure', { name: 'Page 2 text' }).getByText(/Page 2 of \d+/).first().waitFor();
      assert.ok(contents.some((c) => /1\. Executive summary/.test(c)), 'the outline lists the executive summary');
      await cover.scrollIntoViewIfNeeded();
      await shot(page, '11b-report-preview');
    });

    await step('the report PDF carries the incident sections, the deadline box and the cross-walk (pdftotext)', () => {
      const r = spawnSync('pdftotext', ['-layout', reportPdf, '-'], { encoding: 'utf8' });
      assert.ok(!r.error, `pdftotext is needed to read the report back (apt-get install -y poppler-utils): ${r.error?.message}`);
      const text = r.stdout;
      for (const heading of ['2. Parties and legal authority', '3. Regimes and clocks', '4. Key times', '6. Classification', '7. Impact', '17. Notification log', '21. Filing cross-walk']) assert.ok(text.includes(`\n${heading}\n`), heading);
      const page1 = text.split('\f')[0]!;
      assert.match(page1, /Report type\s+initial/);
      assert.match(page1, new RegExp(`GDPR Art\\. 33: MET, due ${gdprDue.slice(0, 10)} ${gdprDue.slice(11, 19)} UTC`));
      assert.match(text, /Counsel\s+Dana Whitfield, Whitfield & Partners LLP/);
      assert.match(text, /Records affected \(approx\.\)\s+\d+\s+\[vault:\s+distinct\s+log\s+records/);
      // The notification log's table wraps the recipient within its column.
      assert.match(text, /\n17\. Notification log\n[\s\S]*gdpr-art33\s+Berliner Beauftragte für\s[\s\S]*BlnBDI-2026-0815/);
      assert.match(text, /Requester\s+Not supplied/, 'an empty examiner field is printed, not dropped');
      const chosen = text.slice(text.indexOf('Records cited by the examiner (2)'));
      assert.ok(chosen.length < text.length, 'section 12 lists the records chosen in the Logs tab');
      assert.ok(/Record 0 of [^\n]*inference_audit\.jsonl/.test(chosen) && chosen.search(/Record 0 of /) < chosen.search(/Record 2 of /), 'in the order chosen');
      const crosswalk = text.slice(text.indexOf('\n21. Filing cross-walk\n'));
      for (const col of ['AI Act template', 'GDPR Art. 33(3)', 'UK ICO form']) assert.ok(crosswalk.includes(col), col);
    });

    await step('Verify screen: the report passes with its .sig and evidence; one flipped byte fails at pdf-digest', async () => {
      const fingerprint = (await h.call<{ unlocked: { fingerprint: string } }>('status')).unlocked.fingerprint;
      await page.getByRole('button', { name: 'Verify', exact: true }).click();
      await page.getByLabel('Files to verify').setInputFiles([reportPdf, `${reportPdf}.sig`]);
      const result = page.getByRole('region', { name: 'Report verification result' });
      await result.getByText('Report verified: report-2026-014.pdf').waitFor({ timeout: 120_000 });
      assert.equal(await result.locator('[data-fingerprint]').getAttribute('data-fingerprint'), fingerprint, 'the signer fingerprint is shown');
      await result.getByText('Ana Examiner', { exact: true }).waitFor();
      assert.equal(await result.locator('li[data-step="detached-signature"]').getAttribute('data-status'), 'passed');
      assert.equal(await result.locator('li[data-step="evidence-files"]').getAttribute('data-status'), 'skipped', 'no evidence folder yet');
      // The evidence folder, hashed by the services: both items match.
      const folder = join(h.root, 'evidence-copy');
      mkdirSync(folder);
      copyFileSync(LOG, join(folder, 'inference_audit.jsonl'));
      copyFileSync(MODEL, join(folder, 'd.safetensors'));
      copyFileSync(PICKLE, join(folder, 'malicious0.pkl'));
      await page.getByLabel('Evidence folder path').fill(folder);
      await page.getByRole('button', { name: 'Check folder' }).click();
      await result.locator('li[data-step="evidence-files"][data-status="passed"]').waitFor();
      const steps = await result.locator('li[data-step]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-step'), e.getAttribute('data-status')] as const));
      assert.deepEqual(steps.map(([id]) => id), [...STEP_IDS], 'every verification step is shown, in order');
      assert.deepEqual(steps.filter(([id, st]) => st !== 'passed' && !(id === 'consistency-proof' && st === 'skipped')), [], 'every step passes (the consistency proof is skipped for a first report)');
      await shot(page, '12-verify-report-passed');
      cpSync(reportPdf, join(handover, 'report-2026-014.pdf'));
      cpSync(`${reportPdf}.sig`, join(handover, 'report-2026-014.pdf.sig'));
      cpSync(folder, join(handover, 'evidence'), { recursive: true });
      // Pinning the examiner by a fingerprint read out on the phone: a wrong one fails exactly the
      // identity step; the right one passes and says so.
      await page.getByLabel(/Expected examiner fingerprint/).fill('00'.repeat(32));
      await page.locator('section[aria-label="Report verification result"][data-first-failure="pdf-signer-identity"]').waitFor();
      assert.deepEqual(await result.locator('li[data-step][data-status="failed"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-step'))), ['pdf-signer-identity']);
      await result.getByText(/NOT the examiner you expected/).waitFor();
      await page.getByLabel(/Expected examiner fingerprint/).fill(fingerprint.match(/.{4}/g)!.join(' '));
      await result.getByText(/— the examiner you expected \(the fingerprint you typed\)/).waitFor();
      assert.equal(await result.getAttribute('data-first-failure'), '');
      // One flipped byte in the first page's content stream.
      const bytes = new Uint8Array(readFileSync(reportPdf));
      const at = pageContentOffset(bytes);
      bytes[at] = bytes[at]! ^ 0x01;
      const tampered = join(h.root, 'tampered-report.pdf');
      writeFileSync(tampered, bytes);
      await page.getByLabel('Files to verify').setInputFiles(tampered);
      await result.getByText('Report verification FAILED: tampered-report.pdf').waitFor({ timeout: 120_000 });
      assert.equal(await result.getAttribute('data-first-failure'), 'pdf-digest');
      const failed = await result.locator('li[data-step][data-status="failed"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-step')));
      assert.deepEqual(failed, ['pdf-digest'], 'exactly the digest step fails');
      await result.getByText(/What to do: Something in the PDF changed after it was signed/).waitFor();
      await result.locator('li[data-step="pdf-digest"]').scrollIntoViewIfNeeded();
      await shot(page, '13-verify-report-tampered');
    });

    await step('Verify screen: a disclosure package passes, one flipped byte fails the exact checks', async () => {
      const log = (await h.call<EvidenceItem[]>('listEvidence', { caseId })).find((e) => e.name === 'inference_audit.jsonl')!;
      const out = join(h.root, 'disclosure');
      const made = await h.call<DisclosureView>('disclose', { caseId, evidenceId: log.id, records: '0-2', redact: false, out });
      await page.getByRole('button', { name: 'Verify', exact: true }).click();
      await page.getByLabel('Package file to verify').setInputFiles(made.packagePath);
      await page.getByText('Verified: disclosure.json').waitFor();
      assert.equal(await page.locator('.verify-result li.fail').count(), 0);
      await shot(page, '14-verify-package-passed');
      // Flip one byte of record 1's stored bytes (inside its base64, so the JSON stays valid).
      const pkg = JSON.parse(readFileSync(made.packagePath, 'utf8')) as { records: { index: number; bytes: string }[] };
      const record = pkg.records.find((r) => r.index === 1)!;
      const raw = Buffer.from(record.bytes, 'base64');
      raw[10] = raw[10]! ^ 0x01;
      record.bytes = raw.toString('base64');
      const tampered = join(h.root, 'tampered-disclosure.json');
      writeFileSync(tampered, JSON.stringify(pkg, null, 2));
      await page.getByLabel('Package file to verify').setInputFiles(tampered);
      await page.getByText('Verification FAILED: tampered-disclosure.json').waitFor();
      const failedChecks = await page.locator('.verify-result li.fail').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-check')}${/record (\d+)\)/.exec(e.textContent ?? '')?.[1] ?? ''}`));
      assert.deepEqual(failedChecks, ['record content1', 'disclosure signature']);
      await page.locator('.verify-result li.fail').first().scrollIntoViewIfNeeded();
      await shot(page, '15-verify-package-tampered');
    });

    await step('Keys screen: the identity, its fingerprint, its self-signed PDF certificate and its public key', async () => {
      const fingerprint = (await h.call<{ unlocked: { fingerprint: string } }>('status')).unlocked.fingerprint;
      await page.getByRole('button', { name: 'Keys', exact: true }).click();
      const card = page.getByRole('region', { name: 'Identity Ana Examiner' });
      await card.waitFor();
      assert.equal(await card.locator('[data-fingerprint]').getAttribute('data-fingerprint'), fingerprint);
      await card.getByText(/self-signed, valid until/).waitFor();
      await card.getByRole('button', { name: /Show Ed25519 key/ }).click();
      assert.match(await card.getByLabel(/Ed25519 key .*, PEM/).innerText(), /^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----/);
      await shot(page, '16-keys');
    });

    await step('lock, then unlock with the passphrase', async () => {
      await page.getByRole('button', { name: 'Lock' }).click();
      await page.getByRole('heading', { name: 'Unlock Evidence Vault' }).waitFor();
      assert.equal((await h.call<{ unlocked: unknown }>('status')).unlocked, null, 'the key is dropped in the service');
      await shot(page, '17-unlock');
      await page.getByLabel('Passphrase').fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Unlock' }).click();
      await page.getByRole('heading', { name: 'Cases', exact: true }).waitFor({ timeout: 30_000 });
      await shot(page, '18-cases');
    });

    await step('dark theme renders', async () => {
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.getByRole('button', { name: 'Cases' }).click();
      await page.getByRole('button', { name: '2026-014' }).click();
      await page.getByRole('tab', { name: 'Logs' }).click();
      await page.getByRole('grid').getByRole('row').nth(1).click();
      await shot(page, '19-dark-logs');
      await page.getByRole('tab', { name: 'Report' }).click();
      await page.getByRole('heading', { name: 'Signed evidence report' }).waitFor();
      await shot(page, '20-dark-report');
      await page.getByRole('button', { name: 'Verify', exact: true }).click();
      await page.getByLabel('Files to verify').setInputFiles([reportPdf, `${reportPdf}.sig`]);
      await page.getByText('Report verified: report-2026-014.pdf').waitFor({ timeout: 120_000 });
      await shot(page, '21-dark-verify');
    });

    await t.test('no errors in the page console', () => {
      assert.deepEqual(consoleErrors, []);
    });
  } finally {
    await browser?.close();
    await harness?.close();
  }
});

test('an auditor with no vault and no identity verifies the handed-over report', { skip, timeout: 180_000 }, async (t) => {
  const pdf = join(handover, 'report-2026-014.pdf');
  if (!existsSync(pdf)) return t.skip('the journey did not produce a report');
  const harness = await startHarness();
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' })).newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(harness.url);
    await page.getByRole('button', { name: 'Verify a file instead' }).click();
    await page.getByLabel('Files to verify').setInputFiles([pdf, `${pdf}.sig`]);
    await page.getByLabel('Evidence folder path').fill(join(handover, 'evidence'));
    await page.getByRole('button', { name: 'Check folder' }).click();
    const result = page.getByRole('region', { name: 'Report verification result' });
    await result.locator('li[data-step="evidence-files"][data-status="passed"]').waitFor({ timeout: 120_000 });
    await result.getByText('Report verified: report-2026-014.pdf').waitFor();
    await result.getByText('Ana Examiner', { exact: true }).waitFor();
    await shot(page, '22-auditor-no-vault');
    const status = await harness.call<{ identities: unknown[]; vault: { exists: boolean } }>('status');
    assert.deepEqual(status.identities, [], 'no identity was needed');
    assert.equal(status.vault.exists, false, 'no vault was created');

    // A hashdeep manifest of the evidence folder, written and checked with no vault: every file matched.
    const manifests = page.getByRole('region', { name: 'Manifests' });
    const written = join(handover, 'evidence.hashdeep');
    const w = manifests.getByRole('form', { name: 'Write a manifest' });
    await w.getByLabel('File or folder to list').fill(join(handover, 'evidence'));
    await w.getByLabel('Save as').fill(written);
    await w.getByRole('button', { name: 'Write manifest' }).click();
    await w.getByText(/file\(s\) listed in/).waitFor({ timeout: 60_000 });
    assert.match(readFileSync(written, 'utf8'), /^%%%% HASHDEEP-1\.0\n/);
    const c = manifests.getByRole('form', { name: 'Check a manifest' });
    await c.getByLabel(/^Manifest/).fill(written);
    await c.getByLabel('Folder it describes').fill(join(handover, 'evidence'));
    await c.getByRole('button', { name: 'Check manifest' }).click();
    const checked = manifests.locator('[data-testid="manifest-check"][data-passed="true"]');
    await checked.waitFor({ timeout: 60_000 });
    assert.ok((await checked.locator('tr[data-status="matched"]').count()) >= 1);
    assert.equal(await checked.locator('tr:not([data-status="matched"])[data-status]').count(), 0);
    await manifests.scrollIntoViewIfNeeded();
    await shot(page, '23-manifest-check');
    assert.equal((await harness.call<{ vault: { exists: boolean } }>('status')).vault.exists, false, 'still no vault');
  } finally {
    await browser.close();
    await harness.close();
  }

  function shot(page: Page, name: string) {
    return page.screenshot({ path: join(resultsDir('e2e'), `${name}.png`), fullPage: false });
  }
});

/** A small Hugging Face-style folder built from a corpus safetensors file; `bump` moves element 2 of tensor "d" by +1. */
function hfFolder(dir: string, bump: boolean): string {
  mkdirSync(dir, { recursive: true });
  const weights = Buffer.from(readFileSync(MODEL));
  if (bump) {
    const at = 8 + Number(weights.readBigUInt64LE(0)) + 2 * 8;
    weights.writeDoubleLE(weights.readDoubleLE(at) + 1, at);
  }
  writeFileSync(join(dir, 'model.safetensors'), weights);
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ architectures: ['LlamaForCausalLM'], model_type: 'llama', hidden_size: 64, num_hidden_layers: 2, rope_theta: bump ? 500000 : 10000, torch_dtype: 'float64' }, null, 2));
  writeFileSync(join(dir, 'tokenizer_config.json'), JSON.stringify({ tokenizer_class: 'LlamaTokenizerFast', bos_token: '<s>', eos_token: '</s>', model_max_length: 2048 }, null, 2));
  return dir;
}

test('model examiner journey (dark theme): folder view, compare and record as finding, findings list, recorded OMS manifest', { skip, timeout: 240_000 }, async (t) => {
  const shots = resultsDir('e2e');
  const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: false });
  const harness = await startHarness();
  const browser = await launchChromium();
  const h = harness;
  try {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' })).newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    page.setDefaultTimeout(20_000);
    // The identity and the case are made through the API (the first journey walks those screens).
    await h.call('createIdentity', { name: 'Ana Examiner', role: 'Forensic analyst', organisation: null, passphrase: PASSPHRASE });
    const theCase = await h.call<CaseSummary>('createCase', { number: '2026-015', title: 'Tampered fine-tune', description: null });
    const base = hfFolder(join(h.root, 'hf-model'), false);
    const tuned = hfFolder(join(h.root, 'hf-model-tuned'), true);
    const step = storySteps(t);

    await step('import two model folders; the folder view shows its members and the weights root', async () => {
      await page.goto(h.url);
      await page.getByRole('button', { name: '2026-015' }).click();
      await page.getByRole('tab', { name: 'Evidence' }).click();
      await page.getByRole('button', { name: 'Import evidence' }).click();
      await page.getByLabel(/Paths on this computer/).fill(`${base}\n${tuned}`);
      await page.getByRole('button', { name: 'Fingerprint and import' }).click();
      await page.getByText(/item\(s\) imported and recorded/).waitFor({ timeout: 120_000 });
      // A folder is one evidence item named with a trailing slash; its files are items of their own.
      const folderName = 'hf-model/';
      await page.locator('tr[data-evidence="hf-model/config.json"]').waitFor();
      await page.locator(`tr[data-evidence="${folderName}"]`).getByRole('button', { name: 'Model details' }).click();
      const detail = page.getByRole('region', { name: `Model ${folderName}` });
      const files = detail.getByRole('table', { name: /^Files of hf-model/ });
      await files.waitFor();
      const rows = await files.locator('tbody tr').allInnerTexts();
      for (const [name, role] of [['config.json', /config/i], ['model.safetensors', /weights/i], ['tokenizer_config.json', /tokenizer/i]] as const) {
        const row = rows.find((r) => r.startsWith(name));
        assert.ok(row, `${name} is listed: ${rows.join(' | ')}`);
        assert.match(row, role, `${name} has its role`);
      }
      const inspected = await h.call<{ inspection: { folder: { weights: { root: string } } } }>('modelDetail', { caseId: theCase.id, evidenceId: (await h.call<EvidenceItem[]>('listEvidence', { caseId: theCase.id })).find((e) => e.name === folderName)!.id });
      await detail.getByText('Folder weights root').waitFor();
      await detail.getByText(inspected.inspection.folder.weights.root, { exact: true }).first().waitFor();
      await detail.getByText(/LlamaForCausalLM · llama/).waitFor();
      await files.evaluate((el) => (el as unknown as { scrollIntoView(o: object): void }).scrollIntoView({ block: 'center' }));
      await shot(page, '24-dark-model-folder');
      // A member opens its own detail: the single file's tensors with their digests.
      await files.getByRole('button', { name: 'Open details of model.safetensors' }).click();
      const member = page.getByRole('region', { name: 'Model hf-model/model.safetensors' });
      await member.getByRole('grid', { name: 'Tensors of hf-model/model.safetensors' }).locator('[data-sha256]').first().waitFor();
      await member.scrollIntoViewIfNeeded();
      await shot(page, '25-dark-model-detail');
      await page.locator(`tr[data-evidence="${folderName}"]`).getByRole('button', { name: 'Model details' }).click();
      await page.getByRole('region', { name: `Model ${folderName}` }).getByRole('table', { name: /^Files of hf-model/ }).waitFor();
    });

    let diffSeq = 0;
    await step('compare the two folders and record the diff as a finding', async () => {
      const detail = page.getByRole('region', { name: 'Model hf-model/' });
      const compare = detail.getByRole('region', { name: 'Compare with another model' });
      const other = compare.getByLabel(/^Model to compare hf-model/);
      await other.selectOption({ label: 'hf-model-tuned/' });
      await compare.getByRole('button', { name: 'Compare' }).click();
      const changed = compare.getByRole('table', { name: 'Tensor changes' }).locator('tr[data-change="changed"]');
      await changed.waitFor({ timeout: 60_000 });
      assert.match(await changed.innerText(), /\bd\b[\s\S]*1 of 6 elements differ/);
      await compare.getByRole('table', { name: 'Metadata and configuration changes' }).getByText('config.rope_theta').waitFor();
      await compare.getByRole('button', { name: 'Record as finding' }).click();
      const recorded = compare.getByText(/Signed as finding\.recorded, custody event #(\d+)/);
      await recorded.waitFor({ timeout: 60_000 });
      diffSeq = Number(/#(\d+)/.exec(await recorded.innerText())![1]);
      const event = (await h.call<CustodyEventView[]>('custodyEvents', { caseId: theCase.id })).find((e) => e.seq === diffSeq);
      assert.equal(event?.action, 'finding.recorded');
      assert.equal((event.details as { type: string }).type, 'model.diff');
      await compare.scrollIntoViewIfNeeded();
      await shot(page, '26-dark-model-compare');
    });

    await step('the recorded diff is in the Findings list: both folders, summary, who/when and the event hash', async () => {
      await page.getByRole('tab', { name: 'Findings' }).click();
      const row = page.getByRole('table').locator('tr[data-type="model.diff"]');
      await row.waitFor();
      const text = await row.innerText();
      assert.match(text, /Model diff/);
      assert.match(text, /hf-model\/?\s/);
      assert.match(text, /hf-model-tuned\/?/);
      assert.match(text, /weights differ/);
      assert.match(text, new RegExp(`Recorded by Ana Examiner, \\d{4}-\\d\\d-\\d\\d [\\d:]+ UTC · custody event #${diffSeq}`));
      const hash = (await h.call<CustodyEventView[]>('custodyEvents', { caseId: theCase.id })).find((e) => e.seq === diffSeq)!.hash;
      assert.match(text, new RegExp(`hash ${hash.slice(0, 16)}`));
      // Filterable like the others: PII matches only hides it, model findings only keeps it.
      await page.getByLabel('Kind').selectOption({ label: 'PII matches' });
      await page.getByText(/0 shown of/).waitFor();
      await page.getByLabel('Kind').selectOption({ label: 'Model findings (diffs, pickle scans)' });
      await row.waitFor();
      await page.getByLabel('Severity').selectOption('high');
      await page.getByText(/0 shown of/).waitFor();
      await page.getByLabel('Severity').selectOption('medium');
      await row.waitFor();
      await shot(page, '27-dark-findings');
      // Each model the finding names opens its model view on the Evidence tab.
      await row.getByRole('button', { name: /^hf-model-tuned\/?$/ }).click();
      await page.getByRole('tab', { name: 'Evidence', selected: true }).waitFor();
      await page.getByRole('region', { name: /^Model hf-model-tuned\/?$/ }).waitFor();
    });

    await step('an OpenSSF model signature of the folder, written from the Verify screen and recorded in this case', async () => {
      const out = join(h.root, 'hf-model.sig');
      await page.getByRole('button', { name: 'Verify', exact: true }).click();
      const w = page.getByRole('region', { name: 'Manifests' }).getByRole('form', { name: 'Write a manifest' });
      await w.getByLabel('File or folder to list').fill(base);
      await w.getByLabel('Format').selectOption('oms');
      await w.getByLabel('Save as').fill(out);
      await w.getByLabel('Record in a case').selectOption({ label: 'Record in this case: 2026-015 — Tampered fine-tune' });
      await w.getByRole('button', { name: 'Write manifest' }).click();
      await w.getByText(/3 file\(s\) listed in/).waitFor({ timeout: 60_000 });
      await w.getByText(/Recorded in case 2026-015 as manifest\.issued, custody event #\d+/).waitFor();
      await w.scrollIntoViewIfNeeded();
      await shot(page, '28-dark-manifest-recorded');
      const event = (await h.call<CustodyEventView[]>('custodyEvents', { caseId: theCase.id })).find((e) => e.action === 'manifest.issued');
      assert.equal((event?.details as { sha256: string }).sha256, sha256(out));
      // It is in the case's custody timeline, summarised for a person.
      await page.getByRole('button', { name: 'Cases' }).click();
      await page.getByRole('button', { name: '2026-015' }).click();
      await page.getByRole('tab', { name: 'Custody' }).click();
      const item = page.getByRole('list', { name: 'Custody events' }).locator('li[data-action="manifest.issued"]');
      await item.getByText('Manifest issued').waitFor();
      assert.match(await item.innerText(), new RegExp(`OpenSSF model signature of ${base}: 3 file\\(s\\) → ${out}`));
      assert.match(await page.getByRole('list', { name: 'Custody events' }).locator('li[data-action="finding.recorded"]').first().innerText(), /model diff hf-model\/? vs hf-model-tuned\/?: weights differ/);
      await shot(page, '29-dark-custody');
    });

    await t.test('no errors in the page console', () => {
      assert.deepEqual(consoleErrors, []);
    });
  } finally {
    await browser.close();
    await harness.close();
  }
});
