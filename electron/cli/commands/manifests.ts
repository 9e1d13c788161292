// SPDX-License-Identifier: UNLICENSED
// Interoperable manifests: hashdeep files (write, audit) and OpenSSF Model Signing bundles.
import { promises as fs } from 'node:fs';
import { EvaultError, UsageError } from '../../../shared/errors.js';
import { auditHashdeep, describeAudit, formatHashdeep, parseHashdeep } from '../../../shared/manifests/hashdeep.js';
import { hashTree } from '../../services/manifests/treeHashes.js';
import { createOmsBundle, readPublicKeySpki, verifyOmsFile } from '../../services/manifests/omsManifest.js';
import { boundCompanionKeys, recordManifestIssued } from '../../services/manifests/recordManifest.js';
import { Vault } from '../../services/vault/vault.js';
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { requireArgs, stringOpt } from '../args.js';
import type { Command } from '../command.js';

/** The command line as hashdeep records its own: argv joined by spaces. */
const commandLine = (): string => ['evault', ...process.argv.slice(2)].join(' ');

async function writeOut(out: string | undefined, text: string, print: (t: string) => void): Promise<void> {
  if (!out) return print(text.replace(/\n$/, ''));
  await fs.writeFile(out, text, { flag: 'wx' }).catch((cause: NodeJS.ErrnoException) => {
    throw new EvaultError(cause.code === 'EEXIST' ? 'BAD_INPUT' : 'IO', cause.code === 'EEXIST' ? `${out} exists; manifests are never overwritten — choose another --out` : `cannot write ${out}: ${cause.message}`, { cause });
  });
}

export const manifestCommands: Command[] = [
  {
    name: 'manifest',
    usage: 'evault manifest PATH... --format hashdeep|oms [--relative] [--out FILE] [--case CASE]',
    summary: 'write a hashdeep manifest (size, MD5, SHA-256 of every file) or an OpenSSF Model Signing bundle of a model folder (signed with the ECDSA P-256 companion key); --case records it',
    options: { format: { type: 'string' }, relative: { type: 'boolean', short: 'l' }, out: { type: 'string' }, case: { type: 'string' } },
    async run(ctx, { values, positionals }) {
      const paths = requireArgs(positionals, ['PATH'], 'evault manifest PATH... --format hashdeep|oms');
      const format = stringOpt(values, 'format');
      const out = stringOpt(values, 'out');
      const caseRef = stringOpt(values, 'case');
      let bytes: Buffer;
      let details: Record<string, string | number>;
      let signer = caseRef ? await ctx.unlock() : undefined;
      if (format === 'hashdeep') {
        const rows = await hashTree(paths, { relative: values.relative === true });
        bytes = Buffer.from(formatHashdeep(rows, process.cwd(), commandLine()));
        details = { format: 'hashdeep', files: rows.length };
      } else if (format === 'oms') {
        if (paths.length !== 1) throw new UsageError('an OpenSSF model signature covers one model folder: evault manifest DIR --format oms');
        signer ??= await ctx.unlock();
        const r = await createOmsBundle(paths[0]!, signer, out);
        bytes = r.bytes;
        details = { format: 'oms', predicateType: r.statement.predicateType, model: r.statement.subject[0]!.name, rootDigest: r.statement.subject[0]!.digest.sha256, files: r.statement.predicate.resources.length };
      } else throw new UsageError('--format must be hashdeep or oms');
      await writeOut(out, bytes.toString('utf8'), ctx.out);
      if (caseRef) {
        const vault = await ctx.openVault();
        const { event } = recordManifestIssued(vault, signer!, caseRef, bytes, { ...details, path: paths.map((p) => resolve(p)).join(', '), ...(out ? { out: resolve(out) } : {}) });
        ctx.err(`recorded as manifest.issued #${event.seq}`);
      }
    },
  },
  {
    name: 'audit',
    usage: 'evault audit PATH... --against MANIFEST [--relative|--absolute] [--json]',
    summary: 'audit files against a hashdeep manifest: matched, moved, new, missing, changed (like hashdeep -a -vv); exit 1 if it fails',
    options: { against: { type: 'string' }, relative: { type: 'boolean', short: 'l' }, absolute: { type: 'boolean' } },
    async run(ctx, { values, positionals }) {
      const paths = requireArgs(positionals, ['PATH'], 'evault audit PATH... --against MANIFEST');
      const against = stringOpt(values, 'against');
      if (!against) throw new UsageError('usage: evault audit PATH... --against MANIFEST');
      const text = await fs.readFile(against, 'utf8').catch((cause: Error) => {
        throw new EvaultError('NOT_FOUND', `cannot read ${against}: ${cause.message}`, { cause });
      });
      const known = parseHashdeep(text);
      if (known.rows.length === 0 && known.problems.length > 0) throw new EvaultError('BAD_INPUT', `${against}: ${known.problems[0]}`);
      // Names are compared as written: audit in the manifest's own naming unless told otherwise.
      const relative = values.relative === true ? true : values.absolute === true ? false : !known.rows.every((r) => r.name.startsWith('/'));
      const found = await hashTree(paths, { relative });
      const result = auditHashdeep(known.rows, found);
      if (ctx.options.json) ctx.out(JSON.stringify({ ...result, ignoredColumns: known.ignoredColumns, problems: known.problems }, null, 2));
      else {
        for (const p of known.problems) ctx.err(`warning: ${against}: ${p}`);
        for (const line of describeAudit(result)) ctx.out(line);
      }
      return result.passed ? 0 : 1;
    },
  },
  {
    name: 'verify-manifest',
    usage: 'evault verify-manifest FILE [--path DIR] [--key PEM] [--json]',
    summary: 'check a hashdeep manifest (against --path) or an OpenSSF Model Signing bundle (signature, statement, root digest, and every file under --path); exit 1 on any failure',
    options: { path: { type: 'string' }, key: { type: 'string' } },
    async run(ctx, { values, positionals }) {
      const [file] = requireArgs(positionals, ['FILE'], 'evault verify-manifest FILE [--path DIR]');
      const bytes = await fs.readFile(file!).catch((cause: Error) => {
        throw new EvaultError('NOT_FOUND', `cannot read ${file}: ${cause.message}`, { cause });
      });
      const dir = stringOpt(values, 'path');
      if (bytes.subarray(0, 17).toString('latin1') === '%%%% HASHDEEP-1.0') {
        if (!dir) throw new UsageError('a hashdeep manifest carries no signature: give --path DIR (the files it lists) to check');
        const known = parseHashdeep(bytes.toString('utf8'));
        const found = await hashTree([dir], { relative: !known.rows.every((r) => r.name.startsWith('/')) });
        const result = auditHashdeep(known.rows, found);
        if (ctx.options.json) ctx.out(JSON.stringify({ format: 'hashdeep', ...result }, null, 2));
        else for (const line of describeAudit(result)) ctx.out(line);
        return result.passed ? 0 : 1;
      }
      const keyPath = stringOpt(values, 'key');
      const keys = keyPath ? [await readPublicKeySpki(keyPath)] : await knownCompanionKeys(ctx);
      const r = await verifyOmsFile(file!, bytes, keys, dir);
      if (ctx.options.json) ctx.out(JSON.stringify({ format: 'oms', ok: r.ok, checks: r.checks, files: r.files, subject: r.statement?.subject[0] }, null, 2));
      else {
        for (const c of r.checks) ctx.out(`${c.ok ? 'PASS' : 'FAIL'}  ${c.check.padEnd(11)} ${c.detail}`);
        if (r.ok && !dir) ctx.out('note: files not checked; give --path DIR to check every file of the model folder');
        ctx.out(r.ok ? 'OpenSSF model signature: valid' : 'OpenSSF model signature: INVALID');
      }
      return r.ok ? 0 : 1;
    },
  },
];

/** Companion keys of the keystore's keys and of the examiners bound in the vault. */
async function knownCompanionKeys(ctx: Context): Promise<Uint8Array[]> {
  const keys = (await ctx.keystore.list().catch(() => [])).map((k) => k.companionSpki).filter((k): k is Uint8Array => k !== null);
  if (Vault.exists(ctx.vaultDir)) keys.push(...boundCompanionKeys(await ctx.openVault()));
  return keys;
}
