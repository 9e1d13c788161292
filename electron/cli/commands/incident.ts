// SPDX-License-Identifier: UNLICENSED
// evault incident CASE show|set|suggest, evault deadlines, evault notify: the incident record,
// its notification clocks and the filings made.
import { UsageError } from '../../../shared/errors.js';
import { fieldSpec } from '../../../shared/incident/fields.js';
import { parseRfc3339 } from '../../../shared/incident/time.js';
import { STATUS_TEXT, deadlineText, displayValue } from '../../../shared/incident/display.js';
import type { DeadlineReport } from '../../../shared/regimes/deadlines.js';
import { incidentDeadlines, recordNotification, setIncidentField, showIncident } from '../../services/incident/incident.js';
import { acceptSuggestions, suggestIncident } from '../../services/incident/suggest.js';
import { requireArgs, stringOpt } from '../args.js';
import type { Command } from '../command.js';

const USAGE = 'evault incident CASE show | history | set FIELD VALUE [--at TIME] [--status done|planned] [--clear] | suggest [--accept FIELDS|all]';

export function printDeadlines(out: (s: string) => void, r: DeadlineReport & { case: { number: string } }): void {
  out(`Deadlines for case ${r.case.number} at ${r.computedAt}${r.zone ? `, shown in ${r.zone}` : ' (set examiner.timeZone to see local times)'}`);
  if (r.assessed.length === 0) out('No regime marked as assessed: set regimes.assessed (e.g. gdpr-art33,eu-ai-act-art73).');
  for (const g of r.assessed) {
    out('');
    out(`${g.title} [${g.id} v${g.version}, rules ${g.sha256.slice(0, 16)}…] — ${STATUS_TEXT[g.status]}${g.exempt ? ` (${g.exempt})` : ''}`);
    out(`  recipient: ${g.recipient}${g.relevant ? '' : `; note: the record does not show ${g.relevantWhen}`}`);
    for (const d of g.deadlines) {
      out(`  ${d.id === g.binding ? '*' : '-'} ${d.label}: ${deadlineText(d)}`);
      out(`      ${d.cite}`);
    }
    for (const n of g.notifications) out(`  notified ${n.recipient} at ${n.atUtc}${n.atLocal ? ` = ${n.atLocal}` : ''}${n.channel ? ` via ${n.channel}` : ''}${n.ref ? `, ref ${n.ref}` : ''} (event ${n.seq})${n.onTime === null ? '' : n.onTime ? ' — on time' : ' — LATE'}${n.awarenessEditedAfter ? ' — awareness was changed after this notification' : ''}`);
    if (g.missing.length === 0) out('  required fields: all supplied');
    else for (const m of g.missing) out(`  MISSING ${m.field}: ${m.cite}`);
  }
  if (r.notAssessed.length > 0) out(`\nNot assessed: ${r.notAssessed.map((n) => `${n.id}${n.relevant ? ' (the record suggests it may be relevant)' : ''}`).join(', ')}`);
  out(`\n${r.disclaimer}`);
}

export const incidentCommands: Command[] = [
  {
    name: 'incident',
    usage: USAGE,
    summary: 'the incident record of a case: show it, set a field (a signed incident.updated event), see the vault\u2019s proposals',
    options: { at: { type: 'string' }, status: { type: 'string' }, clear: { type: 'boolean' }, accept: { type: 'string' } },
    async run(ctx, { values, positionals }) {
      const [ref, verb, field, value, ...extra] = requireArgs(positionals, ['CASE', 'show|history|set|suggest'], USAGE);
      const vault = await ctx.openVault();
      if (verb === 'show') {
        const v = showIncident(vault, ref!);
        if (ctx.options.json) {
          ctx.out(JSON.stringify({ case: v.case, groups: v.groups, notifications: v.record.notifications, history: v.record.history }, null, 2));
          return;
        }
        ctx.out(`Incident record of case ${v.case.number}: ${v.case.title}`);
        for (const g of v.groups) {
          ctx.out(`\n§${g.section} ${g.title}`);
          for (const f of g.fields) ctx.out(`  ${f.id.padEnd(34)} ${displayValue(f.value)}${f.seq ? `  [event ${f.seq}${f.source ? `, ${f.source}` : ''}]` : ''}`);
        }
        ctx.out(`\nNotifications: ${v.record.notifications.length === 0 ? 'none logged' : ''}`);
        for (const n of v.record.notifications) ctx.out(`  ${n.regime} → ${n.recipient} at ${n.at.utc}${n.channel ? ` via ${n.channel}` : ''}${n.ref ? `, ref ${n.ref}` : ''} [event ${n.seq}]`);
        ctx.out(`History: ${v.record.history.length} change(s) (incident.updated events)`);
        return;
      }
      if (verb === 'history') {
        const v = showIncident(vault, ref!);
        const entries = [...v.record.history.map((h) => ({ ...h, kind: 'change' as const })), ...v.record.notifications.map((n) => ({ seq: n.seq, at: n.recordedAt, actor: n.actor, kind: 'notification' as const, text: `${n.regime} → ${n.recipient} at ${n.at.utc}` }))].sort((a, b) => a.seq - b.seq);
        if (ctx.options.json) {
          ctx.out(JSON.stringify(entries, null, 2));
          return;
        }
        if (entries.length === 0) ctx.out(`No incident events in case ${v.case.number} yet.`);
        for (const e of entries) {
          const what = e.kind === 'change' ? `${e.field}: ${e.old ? e.old.slice(0, 12) + '…' : '(unset)'} → ${e.new ? e.new.slice(0, 12) + '…' : '(cleared)'}` : `notified ${e.text}`;
          ctx.out(`event ${String(e.seq).padStart(4)}  ${e.at}  ${e.actor.slice(0, 12)}…  ${what}`);
        }
        return;
      }
      if (verb === 'set') {
        if (!field) throw new UsageError(`missing FIELD; usage: ${USAGE}`);
        if (extra.length > 0) throw new UsageError(`too many values for ${field}; quote a value with spaces, or separate list items with commas`);
        fieldSpec(field);
        const r = setIncidentField(vault, await ctx.unlock(), ref!, { field, value, at: stringOpt(values, 'at'), status: stringOpt(values, 'status'), clear: values.clear === true });
        if (ctx.options.json) ctx.out(JSON.stringify(r));
        else ctx.out(r.changed ? `${r.field} = ${displayValue(r.value)} (event ${r.seq})` : `${r.field} unchanged; nothing recorded`);
        return;
      }
      if (verb === 'suggest') {
        const accept = stringOpt(values, 'accept');
        if (accept !== undefined) {
          const list = accept === 'all' ? 'all' : accept.split(',').map((s) => s.trim()).filter(Boolean);
          const done = await acceptSuggestions(vault, await ctx.unlock(), ref!, list);
          if (ctx.options.json) ctx.out(JSON.stringify(done));
          else for (const r of done) ctx.out(r.changed ? `${r.field} = ${displayValue(r.value)} (event ${r.seq})` : `${r.field} unchanged`);
          return;
        }
        const proposals = await suggestIncident(vault, ref!);
        if (ctx.options.json) {
          ctx.out(JSON.stringify(proposals, null, 2));
          return;
        }
        if (proposals.length === 0) ctx.out('The vault has nothing to propose yet (no findings, PII or model evidence in this case).');
        for (const p of proposals) {
          ctx.out(`${p.field} = ${displayValue(p.value)}${p.differs ? '' : '  (already recorded)'}`);
          ctx.out(`    source: ${p.source}`);
        }
        if (proposals.some((p) => p.differs)) ctx.out('Accept with "evault incident CASE suggest --accept FIELD[,FIELD]" or --accept all; or set your own value.');
        return;
      }
      throw new UsageError(`unknown incident action "${verb}"; usage: ${USAGE}`);
    },
  },
  {
    name: 'deadlines',
    usage: 'evault deadlines CASE [--zone IANA] [--now TIME] [--json]',
    summary: 'notification clocks of the regimes marked as assessed: due times, time left, met or late, missing fields',
    options: { zone: { type: 'string' }, now: { type: 'string' } },
    async run(ctx, { values, positionals }) {
      const [ref] = requireArgs(positionals, ['CASE'], 'evault deadlines CASE');
      const nowText = stringOpt(values, 'now');
      const now = nowText === undefined ? new Date() : new Date(parseRfc3339(nowText).utc);
      const vault = await ctx.openVault();
      const r = incidentDeadlines(vault, ref!, { now, zone: stringOpt(values, 'zone') ?? null });
      if (ctx.options.json) ctx.out(JSON.stringify(r, null, 2));
      else printDeadlines(ctx.out, r);
    },
  },
  {
    name: 'notify',
    usage: 'evault notify CASE --regime R --recipient TEXT --at TIME [--channel TEXT] [--ref TEXT]',
    summary: 'log a notification made under a regime (a signed incident.notified event)',
    options: { regime: { type: 'string' }, recipient: { type: 'string' }, at: { type: 'string' }, channel: { type: 'string' }, ref: { type: 'string' } },
    async run(ctx, { values, positionals }) {
      const [ref] = requireArgs(positionals, ['CASE'], 'evault notify CASE --regime R --recipient TEXT --at TIME');
      const regime = stringOpt(values, 'regime');
      const recipient = stringOpt(values, 'recipient');
      const at = stringOpt(values, 'at');
      if (!regime || !recipient || !at) throw new UsageError('usage: evault notify CASE --regime R --recipient TEXT --at TIME [--channel TEXT] [--ref TEXT]');
      const vault = await ctx.openVault();
      const r = recordNotification(vault, await ctx.unlock(), ref!, { regime, recipient, at, channel: stringOpt(values, 'channel') ?? null, ref: stringOpt(values, 'ref') ?? null });
      ctx.out(ctx.options.json ? JSON.stringify(r) : `Logged notification under ${r.notification.regime} to ${r.notification.recipient} at ${r.notification.at.utc} (event ${r.seq})`);
      const assessed = (showIncident(vault, ref!).record.fields['regimes.assessed']?.value as string[] | undefined) ?? [];
      if (!ctx.options.json && !assessed.includes(r.notification.regime)) ctx.err(`note: ${r.notification.regime} is not in regimes.assessed, so "evault deadlines" does not show its clock; add it with "evault incident ${ref} set regimes.assessed …"`);
    },
  },
];
