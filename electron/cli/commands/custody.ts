// SPDX-License-Identifier: UNLICENSED
import { toBase64 } from '../../../shared/encoding.js';
import { UsageError } from '../../../shared/errors.js';
import { parseEvent } from '../../../shared/custody/verifyLog.js';
import { addNote, requireCase } from '../../services/vault/cases.js';
import { issueCheckpoint } from '../../services/vault/custodyLog.js';
import { exportEvents } from '../../services/vault/exportEvents.js';
import { proveConsistency, proveInclusion } from '../../services/vault/proofs.js';
import { logEvents } from '../../services/vault/queries/events.js';
import { intArg, requireArgs, stringOpt } from '../args.js';
import type { Command } from '../command.js';

export const custodyCommands: Command[] = [
  {
    name: 'note',
    usage: 'evault note CASE TEXT [--evidence ID]',
    summary: 'add a signed note to the case log',
    options: { evidence: { type: 'string' } },
    async run(ctx, { values, positionals }) {
      const [ref, ...words] = requireArgs(positionals, ['CASE', 'TEXT'], 'evault note CASE TEXT');
      const vault = await ctx.openVault();
      const { event, hash } = addNote(vault, await ctx.unlock(), ref!, words.join(' '), stringOpt(values, 'evidence'));
      ctx.out(ctx.options.json ? JSON.stringify({ seq: event.seq, hash }) : `Note recorded as event ${event.seq} (${hash.slice(0, 16)}…)`);
    },
  },
  {
    name: 'events',
    usage: 'evault events CASE [--json]',
    summary: 'list the custody events of a case',
    async run(ctx, { positionals }) {
      const [ref] = requireArgs(positionals, ['CASE'], 'evault events CASE');
      const vault = await ctx.openVault();
      const rows = logEvents(vault.db, requireCase(vault, ref!).id);
      if (ctx.options.json) {
        ctx.out(JSON.stringify(rows.map((r) => ({ seq: r.seq, hash: r.hash, signature: toBase64(new Uint8Array(r.signature)), event: parseEvent(new Uint8Array(r.bytes)) }))));
        return;
      }
      for (const r of rows) ctx.out(`${String(r.seq).padStart(5)}  ${r.at}  ${r.actor.slice(0, 12)}  ${r.action.padEnd(19)} ${r.hash.slice(0, 16)}${r.evidence_id ? `  evidence ${r.evidence_id}` : ''}`);
    },
  },
  {
    name: 'checkpoint',
    usage: 'evault checkpoint CASE',
    summary: 'sign a C2SP checkpoint of the case log (tree size and Merkle root)',
    async run(ctx, { positionals }) {
      const [ref] = requireArgs(positionals, ['CASE'], 'evault checkpoint CASE');
      const vault = await ctx.openVault();
      const c = requireCase(vault, ref!);
      const cp = issueCheckpoint(vault.db, await ctx.unlock(), vault.id, c.id);
      if (ctx.options.json) ctx.out(JSON.stringify(cp));
      else process.stdout.write(cp.note);
    },
  },
  {
    name: 'prove',
    usage: 'evault prove CASE SEQ [--size N]',
    summary: 'print an RFC 9162 inclusion proof of event SEQ (JSON)',
    options: { size: { type: 'string' } },
    async run(ctx, { values, positionals }) {
      const [ref, seq] = requireArgs(positionals, ['CASE', 'SEQ'], 'evault prove CASE SEQ');
      const vault = await ctx.openVault();
      const size = stringOpt(values, 'size');
      ctx.out(JSON.stringify(proveInclusion(vault, requireCase(vault, ref!).id, intArg(seq, 'SEQ'), size === undefined ? undefined : intArg(size, '--size')), null, 2));
    },
  },
  {
    name: 'consistency',
    usage: 'evault consistency CASE OLD_SIZE [NEW_SIZE]',
    summary: 'print an RFC 9162 consistency proof between two sizes of the case log (JSON)',
    async run(ctx, { positionals }) {
      const [ref, oldSize, newSize] = requireArgs(positionals, ['CASE', 'OLD_SIZE'], 'evault consistency CASE OLD_SIZE [NEW_SIZE]');
      const vault = await ctx.openVault();
      ctx.out(JSON.stringify(proveConsistency(vault, requireCase(vault, ref!).id, intArg(oldSize, 'OLD_SIZE'), newSize === undefined ? undefined : intArg(newSize, 'NEW_SIZE')), null, 2));
    },
  },
  {
    name: 'export-events',
    usage: 'evault export-events CASE --out DIR',
    summary: 'write each event as NNNNNN.json + NNNNNN.sig and the signers\' PEM keys, for openssl',
    options: { out: { type: 'string' } },
    async run(ctx, { values, positionals }) {
      const [ref] = requireArgs(positionals, ['CASE'], 'evault export-events CASE --out DIR');
      const out = stringOpt(values, 'out');
      if (!out) throw new UsageError('usage: evault export-events CASE --out DIR');
      const vault = await ctx.openVault();
      const r = await exportEvents(vault, requireCase(vault, ref!).id, out);
      ctx.out(ctx.options.json ? JSON.stringify(r) : `Wrote ${r.events} events and ${r.keys.length} public key(s) to ${r.dir}`);
    },
  },
];
