// SPDX-License-Identifier: UNLICENSED
// Signed-report benchmark (issue 5): a case with 1,000 evidence items — 999 small files and one
// real AI-system log with its findings — and 10,000 custody events; then report generation time,
// file size, and verification time (with and without re-hashing the evidence folder).
// Targets: ≤ 10 s to generate, ≤ 5 s to verify, ≤ 20 MB.
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { renderInWorker } from '../../electron/services/app/reportRender.js';
import { ReportRunner } from '../../electron/services/app/reportRunner.js';
import { importEvidence } from '../../electron/services/ingest/importer.js';
import type { Signer } from '../../electron/services/keys/signer.js';
import { CertificateStore } from '../../electron/services/report/certStore.js';
import { generateReport } from '../../electron/services/report/generate.js';
import { SECTIONS } from '../../electron/services/report/model.js';
import { verifyReportFile } from '../../electron/services/report/verifyFile.js';
import { createCase } from '../../electron/services/vault/cases.js';
import { appendEvent } from '../../electron/services/vault/custodyLog.js';
import { verifyEvidence } from '../../electron/services/vault/evidenceActions.js';
import { logSize } from '../../electron/services/vault/queries/events.js';
import { Vault } from '../../electron/services/vault/vault.js';
import { timed } from './measure.js';

export interface ReportBenchOptions {
  dir: string;
  signer: Signer;
  keystoreDir: string;
  evidence: number;
  events: number;
  runs: number;
  /** A real log to include as one of the items (its findings then appear in the report). */
  logFile?: string;
  log: (line: string) => void;
}

export interface ReportBenchResult {
  evidence: number;
  events: number;
  findings: number;
  pages: number | null;
  generate: number[];
  /** CPU seconds (user + system) of this process during each generation: less sensitive to other load. */
  generateCpu: number[];
  bytes: number;
  verify: number[];
  verifyWithEvidence: number[];
  ok: boolean;
  /** One more report rendered on this thread, one in a render worker, one wholly in the report worker, with the longest stall. */
  mainThread: MainThreadRun[];
}

export interface MainThreadRun {
  mode: 'in-thread' | 'worker' | 'report worker';
  seconds: number;
  longestStallMs: number;
  collect: number;
  render: number;
  write: number;
}

export const REPORT_TARGETS = { generateSeconds: 10, verifySeconds: 5, bytes: 20 * 1000 * 1000 };

export async function benchReport(o: ReportBenchOptions): Promise<ReportBenchResult> {
  const evidenceDir = join(o.dir, 'evidence');
  mkdirSync(evidenceDir, { recursive: true });
  const files: string[] = [];
  const withLog = o.logFile !== undefined && existsSync(o.logFile);
  for (let i = 0; i < o.evidence - (withLog ? 1 : 0); i++) {
    const path = join(evidenceDir, `item-${String(i + 1).padStart(4, '0')}.bin`);
    writeFileSync(path, randomBytes(512 + (i % 7) * 300));
    files.push(path);
  }
  if (withLog) {
    const path = join(evidenceDir, 'inference_audit.jsonl');
    copyFileSync(o.logFile!, path);
    files.push(path);
  }
  const vault = await Vault.create(join(o.dir, 'vault'));
  try {
    const theCase = createCase(vault, o.signer, { number: 'BENCH-REPORT', title: 'Report benchmark case' });
    o.log(`importing ${files.length} evidence items`);
    await importEvidence(vault, o.signer, theCase.id, [evidenceDir]);
    o.log('re-verifying them (one evidence.verified event each)');
    await verifyEvidence(vault, o.signer, theCase.id);
    const notes = o.events - logSize(vault.db, theCase.id) - 1;
    o.log(`appending ${notes} notes to reach ${o.events} events (the report adds its checkpoint.issued)`);
    vault.db.transaction(() => {
      for (let i = 1; i <= notes; i++) appendEvent(vault.db, o.signer, { caseId: theCase.id, action: 'note.added', details: { text: `benchmark note ${i}: custody observation recorded during the examination` } });
    })();
    const certificates = new CertificateStore(o.keystoreDir);
    const generate: number[] = [];
    const generateCpu: number[] = [];
    const verify: number[] = [];
    const verifyWithEvidence: number[] = [];
    let last: Awaited<ReturnType<typeof generateReport>> | undefined;
    let ok = true;
    for (let run = 1; run <= o.runs; run++) {
      const out = join(o.dir, `report-${run}.pdf`);
      const cpu = process.cpuUsage();
      const t = await timed(() => generateReport(vault, o.signer, { caseRef: theCase.id, out, options: { sections: [...SECTIONS], reveal: false, organisation: 'Benchmark', classification: null }, certificates }));
      last = t.value;
      generate.push(t.seconds);
      const used = process.cpuUsage(cpu);
      generateCpu.push((used.user + used.system) / 1e6);
      o.log(`run ${run}: generated ${out} in ${t.seconds.toFixed(2)} s (${statSync(out).size.toLocaleString('en-US')} bytes, ${t.value.events} events in the report)`);
      const v = await timed(() => verifyReportFile({ pdf: out, sig: `${out}.sig`, fingerprint: o.signer.fingerprint }));
      verify.push(v.seconds);
      const ve = await timed(() => verifyReportFile({ pdf: out, sig: `${out}.sig`, fingerprint: o.signer.fingerprint, evidenceDir }));
      verifyWithEvidence.push(ve.seconds);
      ok &&= v.value.ok && ve.value.ok;
      o.log(`run ${run}: verified in ${v.seconds.toFixed(2)} s, with ${files.length} evidence files re-hashed in ${ve.seconds.toFixed(2)} s: ${v.value.ok && ve.value.ok ? 'OK' : `FAILED at ${v.value.firstFailure ?? ve.value.firstFailure}`}`);
    }
    // The desktop app renders in a worker thread (electron/services/app/reportRender.ts): the
    // longest stall of this thread's event loop while a report is made, rendered here vs there.
    const mainThread: ReportBenchResult['mainThread'] = [];
    for (const mode of ['in-thread', 'worker'] as const) {
      const delay = monitorEventLoopDelay({ resolution: 10 });
      const phases: Record<string, number> = {};
      delay.enable();
      const t = await timed(() =>
        generateReport(vault, o.signer, { caseRef: theCase.id, out: join(o.dir, `report-${mode}.pdf`), options: { sections: [...SECTIONS], reveal: false, organisation: 'Benchmark', classification: null }, certificates, ...(mode === 'worker' ? { render: renderInWorker } : {}), onPhase: (p, ms) => (phases[p] = ms / 1000) }),
      );
      delay.disable();
      mainThread.push({ mode, seconds: t.seconds, longestStallMs: delay.max / 1e6, collect: phases.collect ?? 0, render: phases.render ?? 0, write: phases.write ?? 0 });
      o.log(`${mode}: ${t.seconds.toFixed(2)} s; longest event-loop stall ${(delay.max / 1e6).toFixed(0)} ms`);
    }
    {
      // The desktop app since issue 6: gathering, rendering and writing in the report worker
      // (electron/services/app/reportRunner.ts), which asks this thread for every signature.
      const runner = new ReportRunner({ require: () => ({ vault, signer: o.signer }), exclusive: (work) => Promise.resolve(work()), emit: () => undefined, unlocked: { fingerprint: o.signer.fingerprint, name: o.signer.name, role: o.signer.role, organisation: null, createdAt: '' }, keystore: { dir: o.keystoreDir } });
      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      const t = await timed(() => runner.run({ caseId: theCase.id, out: join(o.dir, 'report-report-worker.pdf'), options: { sections: [...SECTIONS], reveal: false, organisation: 'Benchmark', classification: null }, confirm: async () => undefined }));
      delay.disable();
      const p = t.value.phasesMs;
      mainThread.push({ mode: 'report worker', seconds: t.seconds, longestStallMs: delay.max / 1e6, collect: p.collect / 1000, render: p.render / 1000, write: p.write / 1000 });
      o.log(`report worker: ${t.seconds.toFixed(2)} s; longest event-loop stall ${(delay.max / 1e6).toFixed(0)} ms`);
    }
    return { evidence: last!.evidence, events: last!.events, findings: last!.findings, pages: null, generate, generateCpu, bytes: last!.bytes, verify, verifyWithEvidence, ok, mainThread };
  } finally {
    vault.close();
  }
}
