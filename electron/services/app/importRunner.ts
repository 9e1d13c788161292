// SPDX-License-Identifier: UNLICENSED
// Runs one import for the UI: in a worker thread (importWorker.ts) when possible, reporting
// progress events and honouring cancel; imports run one at a time, queued behind other writes.
import { Worker } from 'node:worker_threads';
import { EvaultError, ImportError, type ErrorCode } from '../../../shared/errors.js';
import type { ImportInput } from '../../../shared/api/contract.js';
import type { ImportedItemView } from '../../../shared/api/types.js';
import { importEvidence, type ImportedItem } from '../ingest/importer.js';
import { requireOpenCase } from '../vault/cases.js';
import type { AppSession } from './session.js';
import { answerSignRequest, createSignBuffer } from './remoteSigner.js';
import type { ImportWorkerData } from './importWorker.js';

type WorkerMessage =
  | { type: 'progress'; name: string; index: number; count: number; bytesDone: number; bytesTotal: number }
  | { type: 'sign'; message: Uint8Array }
  | { type: 'done'; items: ImportedItem[] }
  | { type: 'error'; code: ErrorCode; message: string };

export class ImportRunner {
  private readonly cancels = new Map<string, () => void>();
  /** False runs imports in-process (e.g. where worker threads cannot load the app's files). */
  useWorker = true;

  constructor(private readonly session: AppSession) {}

  cancel(importId: string): boolean {
    const cancel = this.cancels.get(importId);
    cancel?.();
    return cancel !== undefined;
  }

  async run(input: ImportInput): Promise<ImportedItemView[]> {
    const { vault } = this.session.require();
    const theCase = requireOpenCase(vault, input.caseId);
    if (this.cancels.has(input.importId)) throw new EvaultError('ALREADY_EXISTS', `import ${input.importId} is already running`);
    let cancelled = false;
    let abort: (() => void) | undefined;
    this.cancels.set(input.importId, () => {
      cancelled = true;
      abort?.();
    });
    const progress = (p: { name: string; index: number; count: number; bytesDone: number; bytesTotal: number }, phase: 'hashing' | 'recording' | 'done' | 'failed' | 'cancelled') =>
      this.session.emit('importProgress', { importId: input.importId, ...p, phase });
    try {
      const items = await this.session.exclusive(async () => {
        if (cancelled) throw new ImportError('CANCELLED', 'import cancelled; nothing was recorded');
        const { vault: v, signer } = this.session.require();
        const options = { caseId: theCase.id, paths: input.paths, legacyHashes: input.legacyHashes === true };
        if (!this.useWorker) {
          const controller = new AbortController();
          abort = () => controller.abort();
          return importEvidence(v, signer, options.caseId, options.paths, {
            legacyHashes: options.legacyHashes,
            signal: controller.signal,
            onProgress: (p) => progress({ name: p.file.name, index: p.index, count: p.count, bytesDone: p.bytesDone, bytesTotal: p.bytesTotal }, 'hashing'),
          });
        }
        return this.inWorker({ vaultDir: v.dir, ...options, signer: { fingerprint: signer.fingerprint, publicKey: signer.publicKey, name: signer.name, role: signer.role, organisation: signer.organisation }, signBuffer: createSignBuffer() }, (a) => (abort = a), progress);
      });
      const views = items.map(itemView);
      progress({ name: '', index: items.length, count: items.length, bytesDone: 0, bytesTotal: 0 }, 'done');
      return views;
    } catch (err) {
      const phase = err instanceof EvaultError && err.code === 'CANCELLED' ? 'cancelled' : 'failed';
      progress({ name: '', index: 0, count: 0, bytesDone: 0, bytesTotal: 0 }, phase);
      throw err;
    } finally {
      this.cancels.delete(input.importId);
    }
  }

  private inWorker(data: ImportWorkerData, setAbort: (a: () => void) => void, progress: (p: Omit<Extract<WorkerMessage, { type: 'progress' }>, 'type'>, phase: 'hashing' | 'recording') => void): Promise<ImportedItem[]> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(new URL('./importWorker.js', import.meta.url), { workerData: data });
      setAbort(() => worker.postMessage({ type: 'cancel' }));
      let settled = false;
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'sign') {
          // The session may have been locked meanwhile: then the worker's signing fails and the
          // import rolls back, as the key must not be used after lock. Also refused if another
          // examiner unlocked meanwhile: the worker's events name the first one's key.
          const current = this.session.unlocked ? this.session.require().signer : undefined;
          answerSignRequest(data.signBuffer, current?.fingerprint === data.signer.fingerprint ? current : undefined, m.message);
        } else if (m.type === 'progress') {
          const p = { name: m.name, index: m.index, count: m.count, bytesDone: m.bytesDone, bytesTotal: m.bytesTotal };
          progress(p, p.bytesDone === p.bytesTotal && p.index === p.count - 1 ? 'recording' : 'hashing');
        } else if (m.type === 'done') {
          settled = true;
          resolve(m.items);
        } else if (m.type === 'error') {
          settled = true;
          reject(m.code === 'INTERNAL' ? new Error(m.message) : new ImportError(m.code, m.message));
        }
      });
      worker.on('error', (err) => {
        if (!settled) reject(err);
        settled = true;
      });
      worker.on('exit', (code) => {
        if (!settled) reject(new Error(`import worker exited with code ${code}`));
      });
    });
  }
}

function itemView(i: ImportedItem): ImportedItemView {
  return {
    id: i.id,
    name: i.name,
    sha256: i.sha256,
    size: i.size,
    kind: i.kind,
    duplicate: i.duplicate,
    log: i.log ? { format: i.log.format, records: i.log.records, malformed: i.log.malformed, pii: i.log.pii, findings: i.log.findings ?? 0 } : null,
  };
}
