// SPDX-License-Identifier: UNLICENSED
// evault report / verify / key csr / key import-cert: the signed PDF report and its offline check.
import { existsSync, promises as fs } from 'node:fs';
import { EvaultError, UsageError } from '../../../shared/errors.js';
import { REPORT_TYPES, type ReportType } from '../../../shared/report/manifest.js';
import type { ReportVerification, StepResult } from '../../../shared/report/verify/types.js';
import { CertificateStore } from '../../services/report/certStore.js';
import { generateReport } from '../../services/report/generate.js';
import { SECTIONS, type CiteRef, type Section } from '../../services/report/model.js';
import { verifyReportFile } from '../../services/report/verifyFile.js';
import { requireCase } from '../../services/vault/cases.js';
import { requireEvidence } from '../../services/vault/evidenceActions.js';
import { getLogMeta } from '../../services/vault/queries/logRecords.js';
import { parseSelection } from '../../services/vault/recordProofs.js';
import type { Vault } from '../../services/vault/vault.js';
import { requireArgs, stringOpt } from '../args.js';
import type { Command } from '../command.js';

function sectionsArg(text: string | undefined): Section[] {
  if (text === undefined) return [...SECTIONS];
  const wanted = text.split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of wanted) if (!(SECTIONS as readonly string[]).includes(s)) throw new UsageError(`--sections takes a comma-separated list of ${SECTIONS.join(', ')}; "${s}" is not one`);
  // Always in the report's own order, so the same set gives the same report.
  return SECTIONS.filter((s) => wanted.includes(s));
}

function printStep(out: (s: string) => void, s: StepResult, n: number, total: number): void {
  const mark = s.status === 'passed' ? 'PASS' : s.status === 'failed' ? 'FAIL' : 'SKIP';
  out(`[${String(n).padStart(2)}/${total}] ${mark}  ${s.title}`);
  out(`         ${s.detail}`);
  for (const c of s.checks) {
    if (c.ok && s.status === 'passed') continue;
    const diff = c.expected !== undefined || c.found !== undefined ? ` (expected ${c.expected ?? '—'}, found ${c.found ?? '—'})` : '';
    out(`         ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}${diff}${c.detail && !c.ok ? `: ${c.detail}` : ''}`);
  }
}

export function printVerification(out: (s: string) => void, r: ReportVerification): void {
  r.steps.forEach((s, i) => printStep(out, s, i + 1, r.steps.length));
  const who = r.signer ? `${r.signer.name} (${r.signer.fingerprint})` : 'unknown signer';
  if (r.ok) {
    out(`VERIFIED: report ${r.reportId}, case ${r.case?.number}, signed by ${who}`);
    if (!r.signer?.pinned) out('WARNING: the signer identity was not pinned; compare the fingerprint above with one obtained out of band, or pass --fingerprint / --key');
  } else out(`FAILED at ${r.firstFailure}: ${r.steps.filter((s) => s.status === 'failed').length} step(s) failed`);
  out(`PDF SHA-256 ${r.pdfSha256}`);
}

/** `--cite api.jsonl:3,7,10-12` (repeatable): EVIDENCE is an id, id prefix or name in the case. */
function citeArg(vault: Vault, caseRef: string, args: readonly string[]): CiteRef[] {
  const caseId = requireCase(vault, caseRef).id;
  return args.flatMap((arg) => {
    const at = arg.lastIndexOf(':');
    if (at <= 0 || at === arg.length - 1) throw new UsageError(`--cite ${arg}: expected EVIDENCE:RECORDS, e.g. --cite api.jsonl:3,7,10-12`);
    const evidence = requireEvidence(vault, caseId, arg.slice(0, at));
    const size = getLogMeta(vault.db, evidence.id)?.records;
    if (size === undefined) throw new EvaultError('BAD_INPUT', `--cite ${arg}: ${evidence.name} is not a log export; only log records can be cited`);
    return parseSelection(arg.slice(at + 1), size).map((index) => ({ evidence: evidence.id, index }));
  });
}

export const reportCommands: Command[] = [
  {
    name: 'report',
    usage: 'evault report CASE --out FILE.pdf [--type initial|follow-up|final|amendment] [--sections LIST] [--cite EVIDENCE:RECORDS]... [--reveal] [--org NAME] [--classification TEXT] [--json]',
    summary: `signed PDF/A-3 evidence report (sections: ${SECTIONS.join(',')}) plus FILE.pdf.sig`,
    options: { out: { type: 'string' }, type: { type: 'string' }, sections: { type: 'string' }, cite: { type: 'string', multiple: true }, reveal: { type: 'boolean' }, org: { type: 'string' }, classification: { type: 'string' } },
    async run(ctx, { values, positionals }) {
      const [ref] = requireArgs(positionals, ['CASE'], 'evault report CASE --out FILE.pdf');
      const out = stringOpt(values, 'out');
      if (!out) throw new UsageError('usage: evault report CASE --out FILE.pdf [--sections LIST] [--reveal]');
      const type = stringOpt(values, 'type');
      if (type !== undefined && !(REPORT_TYPES as readonly string[]).includes(type)) throw new UsageError(`--type must be one of ${REPORT_TYPES.join(', ')}`);
      const sections = sectionsArg(stringOpt(values, 'sections'));
      const vault = await ctx.openVault();
      const signer = await ctx.unlock();
      // --org overrides the organisation the examiner's key records.
      const cite = citeArg(vault, ref!, (values.cite as string[] | undefined) ?? []);
      const options = { sections, reveal: values.reveal === true, organisation: stringOpt(values, 'org')?.trim() || signer.organisation, classification: stringOpt(values, 'classification')?.trim() || null, ...(type ? { reportType: type as ReportType } : {}), ...(cite.length ? { cite } : {}) };
      const r = await generateReport(vault, signer, { caseRef: ref!, out, options, certificates: new CertificateStore(ctx.keystore.dir) });
      if (ctx.options.json) {
        ctx.out(JSON.stringify(r, null, 2));
        return;
      }
      ctx.out(`Report ${r.reportId} for case ${r.case.number}: ${r.evidence} evidence items, ${r.findings} findings, ${r.events} custody events (checkpoint root ${r.checkpoint.root.slice(0, 16)}…)${r.previous ? `; consistent with ${r.previous}` : ''}`);
      ctx.out(`  ${r.pdf}  (${r.bytes.toLocaleString('en-US')} bytes, SHA-256 ${r.pdfSha256})`);
      ctx.out(`  ${r.sig}  (Ed25519 over the PDF)`);
      ctx.out(`Recorded as custody event ${r.issuedSeq}. Check it with:`);
      ctx.out(`  evault verify ${out} --fingerprint ${r.signer} --sig ${out}.sig`);
      ctx.out(`  openssl pkeyutl -verify -pubin -inkey examiner.pem -rawin -in ${out} -sigfile ${out}.sig   (examiner.pem: "evault key export")`);
    },
  },
  {
    name: 'verify',
    usage: 'evault verify FILE.pdf [--key PEM | --fingerprint FP] [--sig FILE.sig] [--evidence DIR] [--json]',
    summary: 'check a signed report offline, step by step; exit 1 unless every step passes',
    options: { sig: { type: 'string' }, fingerprint: { type: 'string' }, evidence: { type: 'string' } },
    async run(ctx, { values, positionals }) {
      const [pdf] = requireArgs(positionals, ['FILE.pdf'], 'evault verify FILE.pdf [--key PEM | --fingerprint FP] [--sig FILE.sig] [--evidence DIR]');
      // --key is the global option; here it names an Ed25519 public key PEM, as for verify-proof.
      const keyPem = ctx.options.key;
      const fingerprint = stringOpt(values, 'fingerprint');
      if (keyPem && fingerprint) throw new UsageError('give --key PEM or --fingerprint FP, not both');
      let sig = stringOpt(values, 'sig');
      if (sig === undefined && existsSync(`${pdf}.sig`)) sig = `${pdf}.sig`;
      const evidenceDir = stringOpt(values, 'evidence');
      if (evidenceDir && !(await fs.stat(evidenceDir).then((s) => s.isDirectory(), () => false))) throw new EvaultError('SOURCE_MISSING', `--evidence ${evidenceDir} is not a folder`);
      const r = await verifyReportFile({ pdf: pdf!, ...(sig ? { sig } : {}), ...(keyPem ? { keyPem } : {}), ...(fingerprint ? { fingerprint } : {}), ...(evidenceDir ? { evidenceDir } : {}) });
      if (ctx.options.json) ctx.out(JSON.stringify(r, null, 2));
      else {
        if (sig && !stringOpt(values, 'sig')) ctx.out(`(using detached signature ${sig})`);
        printVerification(ctx.out, r);
      }
      return r.ok ? 0 : 1;
    },
  },
  {
    name: 'key csr',
    usage: 'evault key csr --out FILE.csr',
    summary: 'PKCS #10 request for the companion (PDF-signing) key, for an organisation CA',
    options: { out: { type: 'string' } },
    async run(ctx, { values }) {
      const out = stringOpt(values, 'out');
      if (!out) throw new UsageError('usage: evault key csr --out FILE.csr');
      const signer = await ctx.unlock();
      const pem = new CertificateStore(ctx.keystore.dir).csr(signer);
      await fs.writeFile(out, pem, { flag: 'wx' }).catch((cause: NodeJS.ErrnoException) => {
        throw new EvaultError(cause.code === 'EEXIST' ? 'ALREADY_EXISTS' : 'IO', `cannot write ${out}: ${cause.message}`, { cause });
      });
      ctx.out(ctx.options.json ? JSON.stringify({ out, fingerprint: signer.fingerprint }) : `Wrote a certificate request for ${signer.name}'s PDF-signing key to ${out}; import the CA's answer with "evault key import-cert FILE"`);
    },
  },
  {
    name: 'key import-cert',
    usage: 'evault key import-cert FILE.pem',
    summary: "store a CA-issued certificate (and chain) for the companion key; reports then carry it",
    async run(ctx, { positionals }) {
      const [file] = requireArgs(positionals, ['FILE.pem'], 'evault key import-cert FILE.pem');
      const info = await ctx.keystore.find(ctx.options.key ?? process.env.EVAULT_KEY);
      const pem = await fs.readFile(file!, 'utf8').catch((cause: Error) => {
        throw new EvaultError('SOURCE_MISSING', `cannot read ${file}: ${cause.message}`, { cause });
      });
      const store = new CertificateStore(ctx.keystore.dir);
      const chain = await store.import(info, pem);
      ctx.out(ctx.options.json ? JSON.stringify({ path: store.pathOf(info.fingerprint), certificates: chain.length }) : `Stored ${chain.length} certificate(s) for ${info.name} in ${store.pathOf(info.fingerprint)}`);
    },
  },
];
