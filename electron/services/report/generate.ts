// SPDX-License-Identifier: UNLICENSED
// `evault report`: checkpoint the case log, gather the model, render and sign the PDF, write
// report.pdf and report.pdf.sig (never overwriting), and record a signed report.issued event that
// names the report, the PDF's SHA-256 and the checkpoint it embeds. All of it is one unit: the
// custody events (checkpoint, report.issued) are committed in one transaction only after both files
// are in place, and the files are written under temporary names first, so a report that fails or
// is cancelled (its worker thread terminated, which rolls the transaction back) leaves nothing.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, linkSync, promises as fs, renameSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { EvaultError, KeyError } from '../../../shared/errors.js';
import type { JsonValue } from '../../../shared/canonicalJson.js';
import type { ReportIssuedDetails } from '../../../shared/report/names.js';
import type { Signer } from '../keys/signer.js';
import { ensureExaminer, requireCase } from '../vault/cases.js';
import type { CaseRow } from '../vault/queries/cases.js';
import { caseEvidence } from '../vault/queries/evidence.js';
import { getLogMeta } from '../vault/queries/logRecords.js';
import { appendEvent, issueCheckpoint } from '../vault/custodyLog.js';
import { hasAction } from '../vault/queries/events.js';
import type { Vault } from '../vault/vault.js';
import type { CertificateStore } from './certStore.js';
import { collectModel } from './collect.js';
import { MAX_CITED, type ReportModel, type ReportOptions } from './model.js';
import { buildSignedPdf, type RenderPdf } from './signReport.js';

export interface GenerateInput {
  caseRef: string;
  out: string;
  options: ReportOptions;
  certificates: CertificateStore;
  /** The generation time (tests fix it); whole seconds, as PDF dates have no more. */
  now?: Date;
  /** How to render the unsigned PDF (default: in this thread; the app renders in a worker). */
  render?: RenderPdf;
  /** Called with each phase's wall time in milliseconds (collect, render and sign, write). */
  onPhase?: (phase: 'collect' | 'render' | 'write', ms: number) => void;
  /** Called as each phase starts, with what is known by then (for progress displays). */
  onStep?: (step: ReportStep) => void;
  /** Names the temporary files (`tempPathsOf`); random by default. */
  tempToken?: string;
  /**
   * Called once both files are written under their temporary names and the report.issued event is
   * appended, just before they are published and committed; throwing here abandons the report
   * (the app's worker asks main here whether the run was cancelled meanwhile).
   */
  beforeCommit?: () => void;
}

export type ReportStep =
  | { phase: 'collecting' }
  | { phase: 'rendering'; evidence: number; findings: number; events: number }
  | { phase: 'writing'; bytes: number };

/** Where the PDF and signature are written before they get their final names. */
export function tempPathsOf(out: string, token: string): { pdf: string; sig: string } {
  const pdf = resolve(out);
  return { pdf: `${pdf}.${token}.partial`, sig: `${pdf}.sig.${token}.partial` };
}

export interface GeneratedReport {
  reportId: string;
  reportType: string;
  case: { id: string; number: string };
  pdf: string;
  sig: string;
  pdfSha256: string;
  bytes: number;
  signer: string;
  checkpoint: { size: number; root: string };
  previous: string | null;
  evidence: number;
  findings: number;
  events: number;
  issuedSeq: number;
}

async function writeNew(path: string, data: Uint8Array): Promise<void> {
  try {
    await fs.writeFile(path, data, { flag: 'wx' });
  } catch (cause) {
    const exists = (cause as NodeJS.ErrnoException).code === 'EEXIST';
    throw new EvaultError(exists ? 'ALREADY_EXISTS' : 'IO', exists ? `${path} exists; choose another name (nothing is overwritten)` : `cannot write ${path}: ${(cause as Error).message}`, { cause });
  }
}

/** Refuses records cited by hand that are not log records of this case, before anything is signed. */
function checkCited(vault: Vault, theCase: CaseRow, options: ReportOptions): void {
  const cite = options.cite;
  if (cite === undefined) return;
  const refuse = (message: string) => {
    throw new EvaultError('BAD_INPUT', `${message}; nothing was written`);
  };
  if (cite.length === 0) refuse('the list of cited records is empty (leave it out to cite none)');
  if (cite.length > MAX_CITED) refuse(`${cite.length} records cited; at most ${MAX_CITED} can be cited by hand`);
  if (!options.sections.includes('findings')) refuse('cited records are shown in section 12 (findings); include that section');
  const seen = new Set<string>();
  const items = new Map(caseEvidence(vault.db, theCase.id).map((r) => [r.id, r]));
  for (const c of cite) {
    const row = items.get(c.evidence);
    if (!row) refuse(`cited evidence ${c.evidence} is not an item of case ${theCase.number}`);
    const meta = getLogMeta(vault.db, c.evidence);
    if (!meta) refuse(`cited evidence ${row!.name} is not a log export: only log records can be cited`);
    if (!Number.isInteger(c.index) || c.index < 0 || c.index >= meta!.records) refuse(`${row!.name} has records 0 to ${meta!.records - 1}; record ${c.index} does not exist`);
    const key = `${c.evidence}:${c.index}`;
    if (seen.has(key)) refuse(`record ${c.index} of ${row!.name} is cited twice`);
    seen.add(key);
  }
}

/**
 * Issues the checkpoint the report embeds and gathers the model. Exported for tests that assemble
 * a report by hand (tampered variants); `generateReport` is the way to make one.
 */
export async function prepareReport(vault: Vault, signer: Signer, input: Omit<GenerateInput, 'out'>): Promise<ReportModel> {
  const theCase = requireCase(vault, input.caseRef);
  if (!signer.companion) throw new KeyError('NO_KEY', `key ${signer.fingerprint.slice(0, 16)}… has no ECDSA P-256 companion for the PDF signature; run "evault key add-companion"`);
  // Refused before the checkpoint is signed, so a refused report leaves no event behind.
  if (input.options.reportType === 'amendment' && !hasAction(vault.db, theCase.id, 'report.issued')) {
    throw new EvaultError('BAD_INPUT', `an amendment amends an earlier report, and case ${theCase.number} has none; issue an initial report first`);
  }
  checkCited(vault, theCase, input.options);
  const generatedAt = new Date(Math.floor((input.now ?? new Date()).getTime() / 1000) * 1000);
  ensureExaminer(vault, signer);
  const certificates = await input.certificates.ensure(signer, generatedAt);
  const issued = issueCheckpoint(vault.db, signer, vault.id, theCase.id);
  return collectModel(vault, signer, theCase, issued, certificates, input.options, generatedAt);
}

/** Gives a temporary file its final name without overwriting (a hard link fails if the name is taken). */
function publish(temp: string, final: string): void {
  try {
    linkSync(temp, final);
    rmSync(temp, { force: true });
    return;
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new EvaultError('ALREADY_EXISTS', `${final} exists; choose another name (nothing is overwritten)`, { cause });
    // File systems without hard links (FAT, exFAT on removable media): check, then rename.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw new EvaultError('IO', `cannot write ${final}: ${(cause as Error).message}`, { cause });
  }
  if (existsSync(final)) throw new EvaultError('ALREADY_EXISTS', `${final} exists; choose another name (nothing is overwritten)`);
  renameSync(temp, final);
}

export async function generateReport(vault: Vault, signer: Signer, input: GenerateInput): Promise<GeneratedReport> {
  const theCase = requireCase(vault, input.caseRef);
  const pdfPath = resolve(input.out);
  const sigPath = `${pdfPath}.sig`;
  for (const p of [pdfPath, sigPath]) if (existsSync(p)) throw new EvaultError('ALREADY_EXISTS', `${p} exists; choose another name (nothing is overwritten)`);
  const temp = tempPathsOf(pdfPath, input.tempToken ?? randomBytes(6).toString('hex'));
  let t = performance.now();
  const lap = (phase: 'collect' | 'render' | 'write') => {
    const now = performance.now();
    input.onPhase?.(phase, now - t);
    t = now;
  };
  const db = vault.db;
  const published: string[] = [];
  // One transaction from the checkpoint to report.issued; it spans async rendering and writing, so
  // it is opened by hand (the services' own transactions nest in it as savepoints).
  db.exec('BEGIN IMMEDIATE');
  try {
    input.onStep?.({ phase: 'collecting' });
    const model = await prepareReport(vault, signer, input);
    lap('collect');
    input.onStep?.({ phase: 'rendering', evidence: model.evidence.length, findings: model.findings.length, events: model.checkpoint.size });
    const { pdf } = await buildSignedPdf(model, signer, input.render);
    lap('render');
    input.onStep?.({ phase: 'writing', bytes: pdf.length });
    const pdfSha256 = createHash('sha256').update(pdf).digest('hex');
    await writeNew(temp.pdf, pdf);
    await writeNew(temp.sig, signer.sign(pdf));
    const details: ReportIssuedDetails = {
      reportId: model.reportId,
      pdfSha256,
      checkpoint: { size: model.checkpoint.size, root: model.checkpoint.root, note: model.checkpoint.note },
      sections: [...input.options.sections],
      reveal: input.options.reveal,
      reportType: model.incident.reportType,
    };
    const { event } = db.transaction(() => appendEvent(db, signer, { caseId: theCase.id, action: 'report.issued', details: details as unknown as { [key: string]: JsonValue } }))();
    input.beforeCommit?.();
    // Synchronous from here to COMMIT: nothing else runs on this thread in between.
    publish(temp.pdf, pdfPath);
    published.push(pdfPath);
    publish(temp.sig, sigPath);
    published.push(sigPath);
    db.exec('COMMIT');
    lap('write');
    return {
      reportId: model.reportId,
      reportType: model.incident.reportType,
      case: { id: theCase.id, number: theCase.number },
      pdf: pdfPath,
      sig: sigPath,
      pdfSha256,
      bytes: pdf.length,
      signer: signer.fingerprint,
      checkpoint: { size: model.checkpoint.size, root: model.checkpoint.root },
      previous: model.previous?.reportId ?? null,
      evidence: model.evidence.length,
      findings: model.findings.length,
      events: model.checkpoint.size,
      issuedSeq: event.seq,
    };
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    // Only files this run created: publish() never replaces an existing one.
    for (const p of published) rmSync(p, { force: true });
    throw err;
  } finally {
    rmSync(temp.pdf, { force: true });
    rmSync(temp.sig, { force: true });
  }
}
