// SPDX-License-Identifier: UNLICENSED
import { EvaultError } from '../../../shared/errors.js';
import { requireCase } from '../../services/vault/cases.js';
import { requireEvidence } from '../../services/vault/evidenceActions.js';
import { listFindings } from '../../services/vault/findingsList.js';
import { SEARCH_FIELDS, searchRecords, timeline, viewRecords, type SearchField, type TimelineKey } from '../../services/vault/logSearch.js';
import { getRecords } from '../../services/vault/queries/logRecords.js';
import { intArg, requireArgs, stringOpt } from '../args.js';
import type { Command } from '../command.js';

export const logCommands: Command[] = [
  {
    name: 'search',
    usage: 'evault search CASE QUERY [--field session|user|tenant|request|model|action|ip|text] [--from T] [--to T] [--limit N] [--reveal] [--json]',
    summary: 'find log records by id field or free text; PII is redacted unless --reveal',
    options: { field: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, limit: { type: 'string' }, reveal: { type: 'boolean' } },
    async run(ctx, { values, positionals }) {
      const [ref, ...words] = requireArgs(positionals, ['CASE', 'QUERY'], 'evault search CASE QUERY');
      const field = stringOpt(values, 'field') as SearchField | undefined;
      if (field !== undefined && field !== 'text' && !(field in SEARCH_FIELDS)) throw new EvaultError('USAGE', `--field must be one of ${[...Object.keys(SEARCH_FIELDS), 'text'].join(', ')}`);
      const vault = await ctx.openVault();
      const c = requireCase(vault, ref!);
      const found = searchRecords(vault, c.id, { query: words.join(' '), field, from: stringOpt(values, 'from'), to: stringOpt(values, 'to'), limit: values.limit === undefined ? 100 : intArg(stringOpt(values, 'limit'), '--limit') });
      const views = [];
      for (const evidenceId of [...new Set(found.map((r) => r.evidence_id))]) {
        const ev = requireEvidence(vault, c.id, evidenceId);
        views.push(...(await viewRecords(vault, ev, found.filter((r) => r.evidence_id === evidenceId), values.reveal === true)));
      }
      if (ctx.options.json) {
        ctx.out(JSON.stringify(views));
        return;
      }
      for (const v of views) ctx.out(`${v.evidence_name}#${v.record} (line ${v.line}) ${v.ts ?? '-'}\n  ${v.text.slice(0, 400)}${v.text.length > 400 ? '…' : ''}`);
      ctx.err(`${views.length} record(s)${views.some((v) => v.redacted) ? '; PII redacted (use --reveal to show it)' : ''}`);
    },
  },
  {
    name: 'records',
    usage: 'evault records CASE EVIDENCE INDEX... [--reveal] [--json]',
    summary: 'show log records by index (0-based, file order); PII redacted unless --reveal',
    options: { reveal: { type: 'boolean' } },
    async run(ctx, { values, positionals }) {
      const [ref, item, ...indices] = requireArgs(positionals, ['CASE', 'EVIDENCE', 'INDEX'], 'evault records CASE EVIDENCE INDEX...');
      const vault = await ctx.openVault();
      const c = requireCase(vault, ref!);
      const ev = requireEvidence(vault, c.id, item!);
      const rows = getRecords(vault.db, ev.id, indices.map((i) => intArg(i, 'INDEX')));
      if (rows.length !== indices.length) throw new EvaultError('NOT_FOUND', `${ev.name} has no record at some of those indices`);
      const views = await viewRecords(vault, ev, rows, values.reveal === true);
      if (ctx.options.json) ctx.out(JSON.stringify(views));
      else for (const v of views) ctx.out(`#${v.record} (line ${v.line}) ${v.ts ?? '-'}${v.malformed ? ` MALFORMED: ${v.malformed}` : ''}\n  ${v.text}`);
    },
  },
  {
    name: 'timeline',
    usage: 'evault timeline CASE [--by user|session|tenant] [--bucket minute|hour|day] [--json]',
    summary: 'log activity per time bucket',
    options: { by: { type: 'string' }, bucket: { type: 'string' } },
    async run(ctx, { values, positionals }) {
      const [ref] = requireArgs(positionals, ['CASE'], 'evault timeline CASE');
      const bucket = stringOpt(values, 'bucket') ?? 'hour';
      if (!['minute', 'hour', 'day'].includes(bucket)) throw new EvaultError('USAGE', '--bucket must be minute, hour or day');
      const by = stringOpt(values, 'by');
      if (by !== undefined && !['user', 'session', 'tenant'].includes(by)) throw new EvaultError('USAGE', '--by must be user, session or tenant');
      const vault = await ctx.openVault();
      const rows = timeline(vault, requireCase(vault, ref!).id, { by: by as TimelineKey | undefined, bucket: bucket as 'hour' });
      if (ctx.options.json) {
        ctx.out(JSON.stringify(rows));
        return;
      }
      const max = Math.max(1, ...rows.map((r) => r.count));
      for (const r of rows) ctx.out(`${r.bucket.padEnd(16)} ${by ? String(r.key ?? '-').padEnd(24) + ' ' : ''}${String(r.count).padStart(7)} ${'#'.repeat(Math.ceil((r.count / max) * 40))}`);
    },
  },
  {
    name: 'findings',
    usage: 'evault findings CASE [--type T] [--json]',
    summary: 'every finding of the case: PII, AI-incident, and findings recorded as events (model diffs, pickle scans)',
    options: { type: { type: 'string' } },
    async run(ctx, { values, positionals }) {
      const [ref] = requireArgs(positionals, ['CASE'], 'evault findings CASE');
      const vault = await ctx.openVault();
      const rows = listFindings(vault, requireCase(vault, ref!).id, stringOpt(values, 'type'));
      if (ctx.options.json) {
        ctx.out(JSON.stringify(rows));
        return;
      }
      for (const f of rows) {
        const where = f.record === null ? `${(f.items ?? []).map((i) => i.name).join(' vs ')}  (event #${f.seq})` : `${f.evidence_name}#${f.record}${f.field ? ` ${f.field}[${f.start}:${f.end}]` : ''}`;
        ctx.out(`${f.type.padEnd(30)} ${where}  ${f.atlas ?? ''}  ${f.explanation}`);
      }
      ctx.err(`${rows.length} finding(s)`);
    },
  },
];

