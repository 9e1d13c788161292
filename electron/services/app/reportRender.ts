// SPDX-License-Identifier: UNLICENSED
// Renders a report in a worker thread (reportRenderWorker.ts) and hands back the unsigned PDF; the
// signatures are made afterwards on this thread. The desktop app now runs the whole report in a
// worker (reportRunner.ts); this render-only path stays for the benchmark's comparison of the two.
import { Worker } from 'node:worker_threads';
import { EvaultError } from '../../../shared/errors.js';
import type { ReportAttachment } from '../report/attachments.js';
import type { ReportModel } from '../report/model.js';
import type { RenderWorkerData } from './reportRenderWorker.js';

export function renderInWorker(model: ReportModel, attachments: readonly ReportAttachment[]): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const data: RenderWorkerData = { model, attachments: [...attachments] };
    const worker = new Worker(new URL('./reportRenderWorker.js', import.meta.url), { workerData: data });
    let settled = false;
    worker.on('message', (m: { type: 'done'; pdf: Uint8Array } | { type: 'error'; message: string }) => {
      settled = true;
      if (m.type === 'done') resolve(m.pdf);
      else reject(new EvaultError('INTERNAL', `the report could not be rendered: ${m.message}`));
    });
    worker.on('error', (err) => {
      settled = true;
      reject(new EvaultError('INTERNAL', `the report renderer failed: ${err.message}`, { cause: err }));
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new EvaultError('INTERNAL', `the report renderer stopped (exit code ${code}) before finishing`));
    });
  });
}
