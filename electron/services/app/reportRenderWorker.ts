// SPDX-License-Identifier: UNLICENSED
// Worker-thread entry for report rendering: pdfkit lays out and compresses every page here, off the
// main process's event loop (the bulk of a report's generation time). The model arrives by
// structured clone; no key is involved — the manifest is signed before and the PDF after, by the
// thread that holds the unlocked signer.
import { parentPort, workerData } from 'node:worker_threads';
import type { ReportAttachment } from '../report/attachments.js';
import type { ReportModel } from '../report/model.js';
import { renderReportPdf } from '../report/render/document.js';

export interface RenderWorkerData {
  model: ReportModel;
  attachments: ReportAttachment[];
}

async function main(): Promise<void> {
  const { model, attachments } = workerData as RenderWorkerData;
  try {
    const pdf = await renderReportPdf(model, attachments);
    parentPort!.postMessage({ type: 'done', pdf }, [pdf.buffer as ArrayBuffer]);
  } catch (err) {
    parentPort!.postMessage({ type: 'error', message: (err as Error).message });
  }
}

void main();
