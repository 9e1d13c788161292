// SPDX-License-Identifier: UNLICENSED
// UI responsiveness in the browser harness (Debian Chromium + loopback bridge + real services) on a
// large log. A measurement, not a test: it prints figures and writes test-results/bench/ui.json.
//
//   npm run bench:ui [-- --records N]   (builds the UI and the test tree, then runs this file)
//
// Measures: time to first usable screen; the import (with the bridge's event-loop delay while the
// import runs in its worker thread); time to the first rows of the log; jumps across the whole log
// (scrollbar drags: time until the rows at the new position are on screen); frame times during
// continuous wheel scrolling; End key to the last record; field and free-text search.
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { once } from 'node:events';
import { startHarness, type Harness } from '../e2e/bridgeHarness.js';
import { launchChromium } from '../e2e/chromium.js';
import { repoRoot } from '../helpers/repoRoot.js';

/** The few browser globals the in-page measurements use (this file compiles without the DOM lib). */
interface PageGlobals {
  document: {
    querySelector(selector: string): { scrollTop: number; scrollHeight: number; clientHeight: number } | null;
    querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>;
  };
  requestAnimationFrame(callback: (now: number) => void): number;
  frames_: number[];
  stop_: boolean;
}

const argIndex = process.argv.indexOf('--records');
const RECORDS = argIndex > 0 ? Number(process.argv[argIndex + 1]) : 1_000_000;
const PASSPHRASE = 'benchmark passphrase 2026';
const loadAtStart = loadavg();

async function writeLog(path: string, n: number): Promise<void> {
  const out = createWriteStream(path);
  const users = Array.from({ length: 500 }, (_, i) => `usr_${100000 + i * 7}`);
  const prompts = ['Summarise the ticket for me.', 'What is the refund policy for annual plans?', 'Translate this invoice note into German.', 'Draft a short reply to the customer.', 'List the open incidents for tenant acme.'];
  for (let i = 0; i < n; i++) {
    const rec = {
      timestamp: new Date(Date.UTC(2026, 10, 1) + i * 1500).toISOString(),
      tenant_id: `tenant-${i % 7}`,
      user_id: users[i % users.length],
      session_id: `sess_${Math.floor(i / 12).toString(16)}`,
      request_id: `req_${i.toString(16).padStart(8, '0')}`,
      model_version: 'assist-13b-2026.10',
      prompt: i % 997 === 0 ? `Please email the report to person${i}@example.org` : prompts[i % prompts.length],
      response: 'Here is the information you asked for.',
      token_count: 40 + (i % 300),
      outcome_status: 'success',
    };
    if (!out.write(JSON.stringify(rec) + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** A contract call with no client timeout (an import of a million records takes minutes). */
function callLong<T>(h: Harness, method: string, input: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = request(`${h.origin}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${h.token}` } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => {
        const r = JSON.parse(text) as { ok: boolean; value: T; error: { code: string; message: string } };
        if (r.ok) resolve(r.value);
        else reject(new Error(`${r.error.code}: ${r.error.message}`));
      });
    });
    req.on('error', reject);
    req.end(JSON.stringify([input]));
  });
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const ms = (x: number | undefined) => `${(x ?? NaN).toFixed(1)} ms`;

async function main(): Promise<void> {
  const figures: Record<string, unknown> = { records: RECORDS, date: new Date().toISOString(), node: process.version };
  const h = await startHarness();
  const browser = await launchChromium();
  try {
    const logPath = join(h.root, 'large-audit.jsonl');
    let t = performance.now();
    await writeLog(logPath, RECORDS);
    console.error(`generated ${RECORDS} records in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    t = performance.now();
    await page.goto(h.url);
    await page.getByLabel('Full name').waitFor();
    figures.firstUsableScreenMs = performance.now() - t;
    await page.getByLabel('Full name').fill('Bench Examiner');
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel('Repeat passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Create identity' }).click();
    await page.getByRole('button', { name: /continue/ }).click({ timeout: 60_000 });
    const c = await callLong<{ id: string }>(h, 'createCase', { number: 'BENCH-1', title: 'UI benchmark', description: null });

    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    t = performance.now();
    const [item] = await callLong<{ id: string; log: { records: number } }[]>(h, 'importEvidence', { importId: 'bench-import-1', caseId: c.id, paths: [logPath] });
    const importSeconds = (performance.now() - t) / 1000;
    delay.disable();
    figures.import = { seconds: importSeconds, recordsPerSecond: RECORDS / importSeconds, bridgeEventLoopDelayP99Ms: delay.percentile(99) / 1e6, bridgeEventLoopDelayMaxMs: delay.max / 1e6 };
    console.error(`imported ${item!.log.records} records in ${importSeconds.toFixed(1)} s; bridge event loop p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms, max ${(delay.max / 1e6).toFixed(1)} ms`);

    await page.reload();
    await page.getByLabel('Passphrase').waitFor().catch(() => undefined);
    if (await page.getByLabel('Passphrase').isVisible().catch(() => false)) {
      await page.getByLabel('Passphrase').fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Unlock' }).click();
    }
    await page.getByRole('button', { name: 'BENCH-1' }).click();
    t = performance.now();
    await page.getByRole('tab', { name: 'Logs' }).click();
    const grid = page.getByRole('grid', { name: /Records of large-audit.jsonl/ });
    await grid.getByRole('gridcell', { name: 'usr_100000', exact: true }).first().waitFor({ timeout: 60_000 });
    figures.logFirstRowsMs = performance.now() - t;

    // Jumps: set the scrollbar to a position and wait until that position's rows are loaded.
    const jumps: number[] = [];
    for (let i = 0; i < 25; i++) {
      const fraction = ((i * 7919) % 1000) / 1000;
      const started = await page.evaluate(async (f) => {
        const g = globalThis as unknown as PageGlobals;
        const el = g.document.querySelector('.vscroll')!;
        const t0 = performance.now();
        el.scrollTop = f * (el.scrollHeight - el.clientHeight);
        for (;;) {
          await new Promise((r) => g.requestAnimationFrame(() => r(null)));
          const rows = Array.from(g.document.querySelectorAll('.vscroll .vrow'));
          if (rows.length > 0 && rows.every((r) => !r.textContent?.includes('loading…'))) return performance.now() - t0;
          if (performance.now() - t0 > 30_000) return NaN;
        }
      }, fraction);
      jumps.push(started);
    }
    figures.jumpToRowsLoadedMs = { p50: pct(jumps, 50), p95: pct(jumps, 95), max: Math.max(...jumps) };

    // Continuous scrolling: wheel events for 3 s, frame durations measured in the page.
    await page.locator('.vscroll').hover();
    await page.evaluate(() => {
      const w = globalThis as unknown as PageGlobals;
      w.frames_ = [];
      w.stop_ = false;
      let last = performance.now();
      const tick = (now: number) => {
        w.frames_.push(now - last);
        last = now;
        if (!w.stop_) w.requestAnimationFrame(tick);
      };
      w.requestAnimationFrame(tick);
    });
    const wheelStart = performance.now();
    while (performance.now() - wheelStart < 3000) await page.mouse.wheel(0, 600);
    const frames = await page.evaluate(() => {
      const w = globalThis as unknown as PageGlobals;
      w.stop_ = true;
      return w.frames_.slice(1);
    });
    figures.wheelScrollFrames = { frames: frames.length, p50: pct(frames, 50), p95: pct(frames, 95), max: Math.max(...frames), over50ms: frames.filter((f) => f > 50).length };

    // Keyboard: End goes to the last record.
    await page.locator('.vscroll').focus();
    t = performance.now();
    await page.keyboard.press('End');
    await page.getByText(`Record ${RECORDS - 1}`).waitFor({ timeout: 30_000 });
    figures.endKeyToLastRecordMs = performance.now() - t;

    // Search: an indexed field and a free-text phrase.
    for (const [field, query, key] of [['user', 'usr_100070', 'searchUserMs'], ['text', 'refund policy for annual plans', 'searchTextMs']] as const) {
      await page.getByLabel('Search in').selectOption(field);
      await page.getByLabel('Search query').fill(query);
      t = performance.now();
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.getByText(/matching record\(s\) across the case/).waitFor({ timeout: 60_000 });
      figures[key] = performance.now() - t;
      figures[`${key}Results`] = Number(await page.getByRole('grid', { name: 'Search results' }).getAttribute('aria-rowcount')) - 1;
      await page.getByRole('button', { name: 'Show whole log' }).click();
    }
  } finally {
    await browser.close();
    await h.close();
  }
  const dir = join(repoRoot(), 'test-results', 'bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'ui.json'), JSON.stringify(figures, null, 2) + '\n');
  const f = figures as Record<string, number>;
  const jump = figures.jumpToRowsLoadedMs as { p50: number; p95: number; max: number };
  const wheel = figures.wheelScrollFrames as { frames: number; p50: number; p95: number; max: number; over50ms: number };
  const imp = figures.import as { seconds: number; recordsPerSecond: number; bridgeEventLoopDelayP99Ms: number; bridgeEventLoopDelayMaxMs: number };
  console.log(`UI benchmark, ${RECORDS.toLocaleString('en')} records; command: node ${process.argv.slice(1).join(' ')}`);
  console.log(`load average (1/5/15 min) at start ${loadAtStart.map((x) => x.toFixed(2)).join(' / ')}, at end ${loadavg().map((x) => x.toFixed(2)).join(' / ')}; ${cpus().length} CPUs`);
  console.log(`first usable screen        ${ms(f.firstUsableScreenMs)}`);
  console.log(`import                     ${imp.seconds.toFixed(1)} s (${Math.round(imp.recordsPerSecond)} records/s); bridge event loop p99 ${ms(imp.bridgeEventLoopDelayP99Ms)}, max ${ms(imp.bridgeEventLoopDelayMaxMs)}`);
  console.log(`log tab to first rows      ${ms(f.logFirstRowsMs)}`);
  console.log(`jump anywhere, rows shown  p50 ${ms(jump.p50)}, p95 ${ms(jump.p95)}, max ${ms(jump.max)}`);
  console.log(`wheel scrolling frames     ${wheel.frames} frames in 3 s: p50 ${ms(wheel.p50)}, p95 ${ms(wheel.p95)}, max ${ms(wheel.max)}, ${wheel.over50ms} over 50 ms`);
  console.log(`End key to last record     ${ms(f.endKeyToLastRecordMs)}`);
  console.log(`search user field          ${ms(f.searchUserMs)} (${f.searchUserMsResults} results)`);
  console.log(`search free-text phrase    ${ms(f.searchTextMs)} (${f.searchTextMsResults} results, capped at 5,000)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
