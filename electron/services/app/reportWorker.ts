// SPDX-License-Identifier: UNLICENSED
// Worker-thread entry for report generation: gathering the model from SQLite (its own connection
// to the vault file), rendering with pdfkit and writing the files all run here, off the main
// process's event loop. Every signature (custody events, the attachment manifest, the PAdES CMS,
// a first self-signed certificate) is asked of the owning thread, which holds the unlocked key
// (remoteSigner.ts); so is leave to commit, so that a cancel and a commit cannot both happen.
import { parentPort, workerData } from 'node:worker_threads';
import { EvaultError } from '../../../shared/errors.js';
import { CertificateStore } from '../report/certStore.js';
import { generateReport, type GeneratedReport, type ReportStep } from '../report/generate.js';
import type { ReportOptions } from '../report/model.js';
import { askOwner, remoteSigner, type SignerInfo } from './remoteSigner.js';
import { runWithVault, type WorkerError } from './vaultWorker.js';

export interface ReportWorkerData {
  vaultDir: string;
  keystoreDir: string;
  caseId: string;
  out: string;
  options: ReportOptions;
  tempToken: string;
  signer: SignerInfo;
  companionSpki: Uint8Array | null;
  signBuffer: SharedArrayBuffer;
}

export type ReportWorkerMessage =
  | { type: 'step'; step: ReportStep }
  | { type: 'sign'; message: Uint8Array; key: 'ed25519' | 'companion' }
  | { type: 'commit' }
  | { type: 'done'; report: GeneratedReport; phasesMs: { collect: number; render: number; write: number } }
  | WorkerError;

async function main(): Promise<void> {
  const port = parentPort!;
  const data = workerData as ReportWorkerData;
  const phasesMs = { collect: 0, render: 0, write: 0 };
  await runWithVault(port, data.vaultDir, async (vault) => {
    const report = await generateReport(vault, remoteSigner(data.signer, data.signBuffer, port, data.companionSpki), {
      caseRef: data.caseId,
      out: data.out,
      options: data.options,
      certificates: new CertificateStore(data.keystoreDir),
      tempToken: data.tempToken,
      onPhase: (phase, ms) => (phasesMs[phase] = Math.round(ms)),
      onStep: (step) => port.postMessage({ type: 'step', step } satisfies ReportWorkerMessage),
      beforeCommit: () => {
        if (!askOwner(data.signBuffer, port, { type: 'commit' } satisfies ReportWorkerMessage)) throw new EvaultError('CANCELLED', 'report cancelled; nothing was written');
      },
    });
    return { type: 'done', report, phasesMs } as const;
  });
}

void main();
