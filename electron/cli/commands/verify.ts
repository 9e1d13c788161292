// SPDX-License-Identifier: UNLICENSED
import { promises as fs } from 'node:fs';
import { EvaultError } from '../../../shared/errors.js';
import type { VerifyIssue } from '../../../shared/custody/verifyLog.js';
import { verifyVault } from '../../services/vault/verifyVault.js';
import { Vault } from '../../services/vault/vault.js';
import type { Command } from '../command.js';

export function describeIssue(i: VerifyIssue): string {
  const where = [i.log && `log ${i.log}`, i.seq !== undefined && `seq ${i.seq}`, i.evidence && `evidence ${i.evidence}`, i.object && `object ${i.object}`].filter(Boolean).join(', ');
  const diff = i.expected !== undefined || i.found !== undefined ? ` (expected ${i.expected ?? '—'}, found ${i.found ?? '—'})` : '';
  return `[${i.code}]${where ? ` ${where}:` : ''} ${i.message}${diff}`;
}

export const verifyCommands: Command[] = [
  {
    name: 'verify-vault',
    usage: 'evault verify-vault [--checkpoint FILE]... [--json]',
    options: { checkpoint: { type: 'string', multiple: true } },
    summary: 'check every signature, link, sequence number, checkpoint (also ones kept outside) and stored object; exit 1 on any failure',
    async run(ctx, { values }) {
      const files = Array.isArray(values.checkpoint) ? values.checkpoint : [];
      const externalCheckpoints = await Promise.all(
        files.map(async (source) => ({
          source,
          note: await fs.readFile(source, 'utf8').catch((cause: Error) => {
            throw new EvaultError('SOURCE_MISSING', `cannot read checkpoint file ${source}: ${cause.message}`, { cause });
          }),
        })),
      );
      if (!Vault.exists(ctx.vaultDir)) throw new EvaultError('VAULT_MISSING', `no vault at ${ctx.vaultDir}; pass --vault DIR or set EVAULT_VAULT`);
      const report = await verifyVault(ctx.vaultDir, { externalCheckpoints });
      if (ctx.options.json) {
        ctx.out(JSON.stringify(report, null, 2));
      } else {
        for (const i of report.issues) ctx.out(`FAIL ${describeIssue(i)}`);
        for (const w of report.warnings) ctx.out(`WARN ${describeIssue(w)}`);
        const c = report.counts;
        ctx.out(`${report.ok ? 'OK' : 'FAILED'}: ${c.logs} logs, ${c.events} events, ${c.evidence} evidence items, ${c.objects} objects re-hashed, ${c.checkpoints} checkpoints; ${report.issues.length} problems, ${report.warnings.length} warnings`);
      }
      return report.ok ? 0 : 1;
    },
  },
];
