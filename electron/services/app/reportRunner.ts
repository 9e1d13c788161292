// SPDX-License-Identifier: UNLICENSED
// Runs one report for the UI in a worker thread (reportWorker.ts), reporting progress events and
// honouring cancel. Reports queue behind other vault writes (the worker holds SQLite's write lock
// from the checkpoint to report.issued). A cancel terminates the worker: its transaction rolls back
// with its connection, and the temporary files it may have begun are removed here. Once the worker
// has been given leave to commit, the report can no longer be cancelled.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { EvaultError, type ErrorCode } from '../../../shared/errors.js';
import type { ReportProgress } from '../../../shared/api/reportTypes.js';
import { tempPathsOf, type GeneratedReport } from '../report/generate.js';
import type { ReportOptions } from '../report/model.js';
import { requireCase } from '../vault/cases.js';
import { answerOwner, answerSignRequest, createSignBuffer } from './remoteSigner.js';
import type { ReportWorkerData, ReportWorkerMessage } from './reportWorker.js';
import type { AppSession } from './session.js';

export interface ReportRun {
  caseId: string;
  out: string;
  options: ReportOptions;
  /** Runs in main before the worker starts (the passphrase check); its refusal writes nothing. */
  confirm: () => Promise<void>;
}

export interface ReportOutcome {
  report: GeneratedReport;
  phasesMs: { collect: number; render: number; write: number };
  elapsedMs: number;
}

interface Running {
  cancelled: boolean;
  committing: boolean;
  stop?: () => void;
}

/** What the runner needs of the session (the app's AppSession; the benchmark passes its own). */
export type ReportHost = Pick<AppSession, 'require' | 'exclusive' | 'emit' | 'unlocked'> & { keystore: { dir: string } };

const cancelledError = () => new EvaultError('CANCELLED', 'report cancelled; nothing was written (no PDF, no signature, no custody event)');

export class ReportRunner {
  private readonly runs = new Map<string, Running>();

  constructor(private readonly session: ReportHost) {}

  /** True if a report of this case was running or queued and is now cancelled; false if none, or it is already being committed. */
  cancel(caseRef: string): boolean {
    const { vault } = this.session.require();
    const run = this.runs.get(requireCase(vault, caseRef).id);
    if (!run || run.committing || run.cancelled) return false;
    run.cancelled = true;
    run.stop?.();
    return true;
  }

  async run(input: ReportRun): Promise<ReportOutcome> {
    const { vault } = this.session.require();
    const caseId = requireCase(vault, input.caseId).id;
    if (this.runs.has(caseId)) throw new EvaultError('ALREADY_EXISTS', 'a report of this case is already being generated; wait for it or cancel it');
    const running: Running = { cancelled: false, committing: false };
    this.runs.set(caseId, running);
    const progress = (p: Omit<ReportProgress, 'caseId'>) => this.session.emit('reportProgress', { caseId, ...p });
    progress({ phase: 'queued' });
    try {
      const outcome = await this.session.exclusive(async () => {
        if (running.cancelled) throw cancelledError();
        await input.confirm();
        if (running.cancelled) throw cancelledError();
        const { vault: v, signer } = this.session.require();
        const started = performance.now();
        const data: ReportWorkerData = {
          vaultDir: v.dir,
          keystoreDir: this.session.keystore.dir,
          caseId,
          out: input.out,
          options: input.options,
          tempToken: randomBytes(6).toString('hex'),
          signer: { fingerprint: signer.fingerprint, publicKey: signer.publicKey, name: signer.name, role: signer.role, organisation: signer.organisation },
          companionSpki: signer.companion?.spki ?? null,
          signBuffer: createSignBuffer(),
        };
        const r = await this.inWorker(data, running, progress);
        return { ...r, elapsedMs: Math.round(performance.now() - started) };
      });
      progress({ phase: 'done', bytes: outcome.report.bytes });
      return outcome;
    } catch (err) {
      progress({ phase: err instanceof EvaultError && err.code === 'CANCELLED' ? 'cancelled' : 'failed' });
      throw err;
    } finally {
      this.runs.delete(caseId);
    }
  }

  private inWorker(data: ReportWorkerData, running: Running, progress: (p: Omit<ReportProgress, 'caseId'>) => void): Promise<Omit<ReportOutcome, 'elapsedMs'>> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(new URL('./reportWorker.js', import.meta.url), { workerData: data });
      let settled = false;
      const settle = (f: () => void) => {
        if (!settled) f();
        settled = true;
      };
      running.stop = () => {
        // Wakes the worker if it is waiting for a signature or for leave to commit, then ends it.
        answerOwner(data.signBuffer, false);
        void worker.terminate();
      };
      worker.on('message', (m: ReportWorkerMessage) => {
        if (m.type === 'sign') {
          // Refused once cancelled, or when the session was locked meanwhile (the key must not be
          // used after lock): the worker's signing fails and its transaction rolls back.
          // Also refused if another examiner unlocked meanwhile: the worker names the first one's key.
          const current = !running.cancelled && this.session.unlocked ? this.session.require().signer : undefined;
          const signer = current?.fingerprint === data.signer.fingerprint ? current : undefined;
          answerSignRequest(data.signBuffer, signer, m.message, m.key);
        } else if (m.type === 'commit') {
          // The point of no return: from here the cancel button no longer applies.
          running.committing = !running.cancelled;
          answerOwner(data.signBuffer, running.committing);
        } else if (m.type === 'step') {
          const s = m.step;
          progress(s.phase === 'rendering' ? { phase: s.phase, evidence: s.evidence, findings: s.findings, events: s.events } : s.phase === 'writing' ? { phase: s.phase, bytes: s.bytes } : { phase: s.phase });
        } else if (m.type === 'done') {
          settle(() => resolve({ report: m.report, phasesMs: m.phasesMs }));
        } else if (m.type === 'error') {
          // A cancelled run is settled on exit, after its temporary files are removed. Unexpected
          // errors stay plain Errors: the UI gets a generic message, the details go to main's log.
          if (running.cancelled) return;
          settle(() => reject(m.code === 'INTERNAL' ? new Error(`report worker: ${m.message}`) : new EvaultError(m.code as ErrorCode, m.message)));
        }
      });
      worker.on('error', (err) => settle(() => reject(new EvaultError('INTERNAL', `the report worker failed: ${err.message}`, { cause: err }))));
      worker.on('exit', (code) => {
        if (running.cancelled && !running.committing) {
          // The worker is gone (its connection closed, its transaction rolled back); remove any
          // temporary file it had begun. The final names were never created: that needs leave to commit.
          const temp = tempPathsOf(data.out, data.tempToken);
          rmSync(temp.pdf, { force: true });
          rmSync(temp.sig, { force: true });
          settle(() => reject(cancelledError()));
        }
        settle(() => reject(new EvaultError('INTERNAL', `the report worker stopped (exit code ${code}) before finishing`)));
      });
    });
  }
}
