// SPDX-License-Identifier: UNLICENSED
import { promises as fs } from 'node:fs';
import { EvaultError, UsageError } from '../../../shared/errors.js';
import { ed25519PublicKeyFromPem } from '../../../shared/crypto/keyFingerprint.js';
import { parsePackage, verifyRecordProof } from '../../../shared/proofs/recordProof.js';
import { createNodeVerify } from '../../services/keys/nodeEd25519.js';
import { buildRecordProof, disclose, parseSelection } from '../../services/vault/recordProofs.js';
import { requireAnyEvidence } from '../../services/vault/evidenceActions.js';
import { getLogMeta } from '../../services/vault/queries/logRecords.js';
import { intArg, requireArgs, stringOpt } from '../args.js';
import type { Command } from '../command.js';

async function writeNew(path: string, text: string): Promise<void> {
  try {
    await fs.writeFile(path, text, { flag: 'wx' });
  } catch (cause) {
    const exists = (cause as NodeJS.ErrnoException).code === 'EEXIST';
    throw new EvaultError(exists ? 'ALREADY_EXISTS' : 'IO', exists ? `${path} exists; choose another name (nothing is overwritten)` : `cannot write ${path}: ${(cause as Error).message}`, { cause });
  }
}

export const proofCommands: Command[] = [
  {
    name: 'prove-record',
    usage: 'evault prove-record EVIDENCE INDEX... --out FILE',
    summary: 'write log records with their inclusion proofs and the signed acquisition event (JSON)',
    options: { out: { type: 'string' } },
    async run(ctx, { values, positionals }) {
      const [ref, ...indices] = requireArgs(positionals, ['EVIDENCE', 'INDEX'], 'evault prove-record EVIDENCE INDEX... --out FILE');
      const out = stringOpt(values, 'out');
      if (!out) throw new UsageError('usage: evault prove-record EVIDENCE INDEX... --out FILE');
      const vault = await ctx.openVault();
      const pkg = await buildRecordProof(vault, requireAnyEvidence(vault, ref!), indices.map((i) => intArg(i, 'INDEX')));
      await writeNew(out, JSON.stringify(pkg, null, 2) + '\n');
      ctx.out(ctx.options.json ? JSON.stringify({ out, records: pkg.records.length }) : `Wrote ${pkg.records.length} record proof(s) to ${out}`);
    },
  },
  {
    name: 'disclose',
    usage: 'evault disclose EVIDENCE --records SELECTION [--redact] [--note TEXT] --out DIR',
    summary: 'a signed disclosure package of chosen records (e.g. --records 3,7,10-12), optionally redacted',
    options: { records: { type: 'string' }, redact: { type: 'boolean' }, note: { type: 'string' }, out: { type: 'string' } },
    async run(ctx, { values, positionals }) {
      const [ref] = requireArgs(positionals, ['EVIDENCE'], 'evault disclose EVIDENCE --records SELECTION --out DIR');
      const selection = stringOpt(values, 'records');
      const out = stringOpt(values, 'out');
      if (!selection || !out) throw new UsageError('usage: evault disclose EVIDENCE --records SELECTION [--redact] --out DIR');
      const vault = await ctx.openVault();
      const evidence = requireAnyEvidence(vault, ref!);
      const size = getLogMeta(vault.db, evidence.id)?.records ?? 0;
      const r = await disclose(vault, await ctx.unlock(), evidence, parseSelection(selection, size), { redact: values.redact === true, out, note: stringOpt(values, 'note') });
      ctx.out(ctx.options.json ? JSON.stringify(r) : `Disclosed ${r.records} record(s) (${r.redacted} redacted) in ${r.dir}; recorded as event ${r.seq}`);
    },
  },
  {
    name: 'verify-proof',
    usage: 'evault verify-proof FILE [--key PEM] [--json]',
    summary: 'check a record proof or disclosure package offline; exit 1 if any check fails',
    async run(ctx, { positionals }) {
      const [file] = requireArgs(positionals, ['FILE'], 'evault verify-proof FILE [--key PEM]');
      const bytes = await fs.readFile(file!).catch((cause: Error) => {
        throw new EvaultError('SOURCE_MISSING', `cannot read ${file}: ${cause.message}`, { cause });
      });
      // --key is the global option name; here it names a PEM file rather than a keystore key.
      const pemPath = ctx.options.key;
      let trusted: Uint8Array | undefined;
      if (pemPath) {
        const pem = await fs.readFile(pemPath, 'utf8').catch((cause: Error) => {
          throw new EvaultError('SOURCE_MISSING', `cannot read key ${pemPath}: ${cause.message}`, { cause });
        });
        try {
          trusted = ed25519PublicKeyFromPem(pem);
        } catch (cause) {
          throw new EvaultError('BAD_INPUT', `${pemPath}: ${(cause as Error).message}`, { cause });
        }
      }
      const report = verifyRecordProof(parsePackage(new Uint8Array(bytes)), createNodeVerify(), trusted);
      if (ctx.options.json) ctx.out(JSON.stringify(report, null, 2));
      else {
        for (const c of report.checks) ctx.out(`${c.ok ? 'PASS' : 'FAIL'} ${c.name}${c.record !== undefined ? ` #${c.record}` : ''}: ${c.detail}${!c.ok && c.expected !== undefined ? ` (expected ${c.expected}, found ${c.found})` : ''}`);
        ctx.out(`${report.ok ? 'VERIFIED' : 'FAILED'}: ${report.verifiedRecords.length} record(s) verified byte for byte, ${report.redactedRecords.length} redacted (existence proven only)`);
      }
      return report.ok ? 0 : 1;
    },
  },
];
