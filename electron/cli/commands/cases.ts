// SPDX-License-Identifier: UNLICENSED
import { EvaultError } from '../../../shared/errors.js';
import { createCase, isSealed, requireCase, sealCase, transferCustody } from '../../services/vault/cases.js';
import { listCases } from '../../services/vault/queries/cases.js';
import { caseEvidence } from '../../services/vault/queries/evidence.js';
import { logSize } from '../../services/vault/queries/events.js';
import { getExaminer } from '../../services/vault/queries/examiners.js';
import { Vault } from '../../services/vault/vault.js';
import { requireArgs, stringOpt } from '../args.js';
import type { Command } from '../command.js';
import { formatBytes } from '../progress.js';

export const caseCommands: Command[] = [
  {
    name: 'init',
    usage: 'evault init [--vault DIR]',
    summary: 'create a new, empty vault',
    async run(ctx) {
      const vault = await Vault.create(ctx.vaultDir);
      vault.close();
      ctx.out(ctx.options.json ? JSON.stringify({ vault: vault.dir, id: vault.id }) : `Created vault ${vault.id} at ${vault.dir}`);
    },
  },
  {
    name: 'case create',
    usage: 'evault case create --number NUM --title TITLE [--description D]',
    summary: 'open a new case; prints its id',
    options: { number: { type: 'string' }, title: { type: 'string' }, description: { type: 'string' } },
    async run(ctx, { values }) {
      const number = stringOpt(values, 'number');
      const title = stringOpt(values, 'title');
      if (!number || !title) throw new EvaultError('USAGE', 'usage: evault case create --number NUM --title TITLE [--description D]');
      const vault = await ctx.openVault();
      const row = createCase(vault, await ctx.unlock(), { number, title, description: stringOpt(values, 'description') ?? null });
      ctx.out(ctx.options.json ? JSON.stringify(row) : row.id);
    },
  },
  {
    name: 'case list',
    usage: 'evault case list [--json]',
    summary: 'list the cases in the vault',
    async run(ctx) {
      const vault = await ctx.openVault();
      const rows = listCases(vault.db).map((c) => ({ ...c, sealed: isSealed(vault, c.id), evidence: caseEvidence(vault.db, c.id).length, events: logSize(vault.db, c.id) }));
      if (ctx.options.json) {
        ctx.out(JSON.stringify(rows));
        return;
      }
      if (rows.length === 0) ctx.out('No cases yet; create one with "evault case create --number NUM --title TITLE"');
      for (const c of rows) ctx.out(`${c.number}\t${c.title}\t${c.evidence} evidence\t${c.events} events${c.sealed ? '\tSEALED' : ''}\t${c.id}`);
    },
  },
  {
    name: 'case show',
    usage: 'evault case show CASE [--json]',
    summary: 'show a case and its evidence',
    async run(ctx, { positionals }) {
      const [ref] = requireArgs(positionals, ['CASE'], 'evault case show CASE');
      const vault = await ctx.openVault();
      const c = requireCase(vault, ref!);
      const evidence = caseEvidence(vault.db, c.id);
      const sealed = isSealed(vault, c.id);
      if (ctx.options.json) {
        ctx.out(JSON.stringify({ ...c, sealed, events: logSize(vault.db, c.id), evidence: evidence.map((e) => ({ ...e, stored: e.stored === 1 })) }));
        return;
      }
      ctx.out(`Case ${c.number}: ${c.title}${sealed ? ' [SEALED]' : ''}`);
      ctx.out(`  id ${c.id}, created ${c.created_at} by ${getExaminer(vault.db, c.created_by)?.name ?? c.created_by}`);
      if (c.description) ctx.out(`  ${c.description}`);
      ctx.out(`  ${logSize(vault.db, c.id)} custody events, ${evidence.length} evidence items`);
      for (const e of evidence) ctx.out(`  ${e.id}  ${e.kind.padEnd(5)} ${formatBytes(e.size).padStart(10)}  ${e.sha256}  ${e.name}${e.stored ? '' : '  (in place)'}`);
    },
  },
  {
    name: 'case seal',
    usage: 'evault case seal CASE [--reason TEXT]',
    summary: 'seal a case: afterwards only verification and export',
    options: { reason: { type: 'string' } },
    async run(ctx, { values, positionals }) {
      const [ref] = requireArgs(positionals, ['CASE'], 'evault case seal CASE');
      const vault = await ctx.openVault();
      const { event } = sealCase(vault, await ctx.unlock(), ref!, stringOpt(values, 'reason') ?? null);
      ctx.out(ctx.options.json ? JSON.stringify(event) : `Sealed case ${ref} (event ${event.seq})`);
    },
  },
  {
    name: 'transfer',
    usage: 'evault transfer CASE --to FINGERPRINT [--reason TEXT]',
    summary: 'record a custody transfer to another registered examiner',
    options: { to: { type: 'string' }, reason: { type: 'string' } },
    async run(ctx, { values, positionals }) {
      const [ref] = requireArgs(positionals, ['CASE'], 'evault transfer CASE --to FINGERPRINT');
      const to = stringOpt(values, 'to');
      if (!to) throw new EvaultError('USAGE', 'usage: evault transfer CASE --to FINGERPRINT [--reason TEXT]');
      const vault = await ctx.openVault();
      const { event } = transferCustody(vault, await ctx.unlock(), ref!, to.toLowerCase(), stringOpt(values, 'reason') ?? null);
      ctx.out(ctx.options.json ? JSON.stringify(event) : `Custody of ${ref} transferred to ${to} (event ${event.seq})`);
    },
  },
];
