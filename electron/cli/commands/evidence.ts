// SPDX-License-Identifier: UNLICENSED
import { EvaultError } from '../../../shared/errors.js';
import { importEvidence } from '../../services/ingest/importer.js';
import { exportEvidence, verifyEvidence } from '../../services/vault/evidenceActions.js';
import { intArg, requireArgs, stringOpt } from '../args.js';
import { LOG_FORMATS, type LogFormat } from '../../services/ingest/logs/format.js';
import { UsageError } from '../../../shared/errors.js';

function logFormatOpt(value: string | undefined): LogFormat | undefined {
  if (value === undefined) return undefined;
  if (!(LOG_FORMATS as readonly string[]).includes(value)) throw new UsageError(`--format must be one of ${LOG_FORMATS.join(', ')}`);
  return value as LogFormat;
}
import type { Command } from '../command.js';
import { createProgress, formatBytes } from '../progress.js';

export const evidenceCommands: Command[] = [
  {
    name: 'import',
    usage: 'evault import CASE PATH... [--in-place] [--legacy-hashes] [--format F] [--year N] [--strict] [--json]',
    summary: 'fingerprint files and folders into a case (copied unless --in-place); logs are parsed into records',
    options: { 'in-place': { type: 'boolean' }, 'legacy-hashes': { type: 'boolean' }, format: { type: 'string' }, year: { type: 'string' }, strict: { type: 'boolean' } },
    async run(ctx, { values, positionals }) {
      const [ref, ...paths] = requireArgs(positionals, ['CASE', 'PATH'], 'evault import CASE PATH...');
      const vault = await ctx.openVault();
      const signer = await ctx.unlock();
      const controller = new AbortController();
      const onSigint = () => {
        ctx.err('\nCancelling: nothing from this import will be recorded…');
        controller.abort();
      };
      process.on('SIGINT', onSigint);
      const progress = createProgress();
      try {
        const items = await importEvidence(vault, signer, ref!, paths, {
          inPlace: values['in-place'] === true,
          legacyHashes: values['legacy-hashes'] === true,
          format: logFormatOpt(stringOpt(values, 'format')),
          strict: values.strict === true,
          year: values.year === undefined ? undefined : intArg(stringOpt(values, 'year'), '--year'),
          signal: controller.signal,
          onProgress: (p) => progress.update(p),
        });
        progress.done();
        for (const item of items) {
          if (ctx.options.json) ctx.out(JSON.stringify(item));
          else {
            const log = item.log
              ? `  (${item.log.records} records, ${item.log.malformed} malformed, ${item.log.pii} PII matches, ${item.log.findings ?? 0} findings)`
              : item.model
                ? `  (${item.model.format}${item.model.verdict ? `, ${item.model.verdict.toUpperCase()}` : ''}${item.model.tensors ? `, ${item.model.tensors} tensors` : ''})`
                : '';
            ctx.out(`${item.duplicate ? 'duplicate' : 'imported '} ${item.sha256}  ${formatBytes(item.size).padStart(10)}  ${item.kind.padEnd(5)} ${item.name}${item.duplicate ? `  (already in case as ${item.id})` : log}`);
          }
        }
      } finally {
        progress.done();
        process.off('SIGINT', onSigint);
      }
    },
  },
  {
    name: 'verify-evidence',
    usage: 'evault verify-evidence CASE [EVIDENCE...] [--json]',
    summary: 're-hash evidence against its recorded SHA-256 and record the outcome',
    async run(ctx, { positionals }) {
      const [ref, ...items] = requireArgs(positionals, ['CASE'], 'evault verify-evidence CASE [EVIDENCE...]');
      const vault = await ctx.openVault();
      const results = await verifyEvidence(vault, await ctx.unlock(), ref!, items);
      if (ctx.options.json) ctx.out(JSON.stringify(results));
      else for (const r of results) ctx.out(`${r.outcome.toUpperCase().padEnd(8)} ${r.name}${r.outcome === 'match' ? '' : `  expected ${r.expected}, found ${r.found ?? 'nothing'}`}`);
      return results.every((r) => r.outcome === 'match') ? 0 : 1;
    },
  },
  {
    name: 'export',
    usage: 'evault export CASE EVIDENCE --out FILE',
    summary: 'copy an evidence item out of the vault (recorded as evidence.exported)',
    options: { out: { type: 'string' } },
    async run(ctx, { values, positionals }) {
      const [ref, item] = requireArgs(positionals, ['CASE', 'EVIDENCE'], 'evault export CASE EVIDENCE --out FILE');
      const out = stringOpt(values, 'out');
      if (!out) throw new EvaultError('USAGE', 'usage: evault export CASE EVIDENCE --out FILE');
      const vault = await ctx.openVault();
      const r = await exportEvidence(vault, await ctx.unlock(), ref!, item!, out);
      ctx.out(ctx.options.json ? JSON.stringify(r) : `Exported to ${r.path} (SHA-256 ${r.sha256} checked)`);
    },
  },
];
