// SPDX-License-Identifier: UNLICENSED
// Interoperable manifests: hashdeep files (write, audit) and OpenSSF Model Signing bundles.
import { promises as fs } from 'node:fs';
import { EvaultError, UsageError } from '../../../shared/errors.js';
import { auditHashdeep, describeAudit, formatHashdeep, parseHashdeep } from '../../../shared/manifests/hashdeep.js';
import { hashTree } from '../../services/manifests/treeHashes.js';
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
    usage: 'evault manifest PATH... --format hashdeep [--relative] [--out FILE]',
    summary: 'write a hashdeep manifest (size, MD5, SHA-256 of every file)',
    options: { format: { type: 'string' }, relative: { type: 'boolean', short: 'l' }, out: { type: 'string' } },
    async run(ctx, { values, positionals }) {
      const paths = requireArgs(positionals, ['PATH'], 'evault manifest PATH... --format hashdeep');
      const format = stringOpt(values, 'format');
      if (format !== 'hashdeep') throw new UsageError('--format must be hashdeep');
      const rows = await hashTree(paths, { relative: values.relative === true });
      await writeOut(stringOpt(values, 'out'), formatHashdeep(rows, process.cwd(), commandLine()), ctx.out);
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
];
