// SPDX-License-Identifier: UNLICENSED
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { ed25519PublicKeyToPem, groupFingerprint } from '../../../shared/crypto/keyFingerprint.js';
import { EvaultError } from '../../../shared/errors.js';
import { ensureExaminer } from '../../services/vault/cases.js';
import { Vault } from '../../services/vault/vault.js';
import { requireArgs, stringOpt } from '../args.js';
import type { Command } from '../command.js';
import { readPassphrase } from '../prompt.js';

export const keyCommands: Command[] = [
  {
    name: 'key create',
    usage: 'evault key create --name NAME [--role ROLE] [--org ORGANISATION]',
    summary: 'create an examiner key (encrypted at rest) and register it in the vault if there is one',
    options: { name: { type: 'string' }, role: { type: 'string' }, org: { type: 'string' } },
    async run(ctx, { values }) {
      const name = stringOpt(values, 'name');
      if (!name) throw new EvaultError('USAGE', 'usage: evault key create --name NAME [--role ROLE] [--org ORGANISATION]');
      const passphrase = await readPassphrase('New passphrase: ', { confirm: true });
      const info = await ctx.keystore.create({ name, role: stringOpt(values, 'role') ?? null, organisation: stringOpt(values, 'org') ?? null, passphrase });
      let registered = false;
      if (Vault.exists(ctx.vaultDir)) {
        const vault = await ctx.openVault();
        registered = ensureExaminer(vault, await ctx.keystore.unlock(info.fingerprint, passphrase));
      }
      if (ctx.options.json) {
        ctx.out(JSON.stringify({ fingerprint: info.fingerprint, name: info.name, role: info.role, organisation: info.organisation, keystore: ctx.keystore.dir, registered }));
      } else {
        ctx.out(`Created examiner key for ${info.name} in ${ctx.keystore.dir}`);
        ctx.out(`Fingerprint (write it down):\n${groupFingerprint(info.fingerprint)}`);
        if (registered) ctx.out(`Registered in the vault at ${ctx.vaultDir}`);
      }
    },
  },
  {
    name: 'key list',
    usage: 'evault key list [--json]',
    summary: 'list the examiner keys in the keystore',
    async run(ctx) {
      const keys = await ctx.keystore.list();
      if (ctx.options.json) {
        ctx.out(JSON.stringify(keys.map((k) => ({ fingerprint: k.fingerprint, name: k.name, role: k.role, organisation: k.organisation, createdAt: k.createdAt, companionSpkiSha256: k.companionSpki ? createHash('sha256').update(k.companionSpki).digest('hex') : null }))));
        return;
      }
      if (keys.length === 0) ctx.out(`No keys in ${ctx.keystore.dir}; create one with "evault key create --name NAME"`);
      for (const k of keys) ctx.out(`${k.fingerprint}  ${k.name}${k.role ? ` (${k.role})` : ''}${k.organisation ? `, ${k.organisation}` : ''}  created ${k.createdAt}`);
    },
  },
  {
    name: 'key export',
    usage: 'evault key export [FINGERPRINT] [--companion] --out FILE',
    summary: 'write a public key as PEM (SubjectPublicKeyInfo), as openssl reads it; --companion: the ECDSA P-256 key',
    options: { out: { type: 'string' }, companion: { type: 'boolean' } },
    async run(ctx, { values, positionals }) {
      const out = stringOpt(values, 'out');
      if (!out) throw new EvaultError('USAGE', 'usage: evault key export [FINGERPRINT] [--companion] --out FILE');
      const info = await ctx.keystore.find(positionals[0] ?? ctx.options.key ?? process.env.EVAULT_KEY);
      let pem = ed25519PublicKeyToPem(info.publicKey);
      if (values.companion === true) {
        if (!info.companionSpki) throw new EvaultError('NOT_FOUND', `key ${info.fingerprint.slice(0, 16)}… has no companion key; add one with "evault key add-companion"`);
        pem = `-----BEGIN PUBLIC KEY-----\n${(Buffer.from(info.companionSpki).toString('base64').match(/.{1,64}/g) ?? []).join('\n')}\n-----END PUBLIC KEY-----\n`;
      }
      try {
        await fs.writeFile(out, pem, { flag: 'wx' });
      } catch (cause) {
        throw new EvaultError((cause as NodeJS.ErrnoException).code === 'EEXIST' ? 'ALREADY_EXISTS' : 'IO', `cannot write ${out}: ${(cause as Error).message}`, { cause });
      }
      ctx.out(ctx.options.json ? JSON.stringify({ fingerprint: info.fingerprint, out }) : `Wrote public key ${info.fingerprint} to ${out}`);
    },
  },
  {
    name: 'key add-companion',
    usage: 'evault key add-companion [--key FINGERPRINT]',
    summary: 'give an older key its ECDSA P-256 companion (for PDF signatures and model signing)',
    async run(ctx) {
      const info = await ctx.keystore.find(ctx.options.key ?? process.env.EVAULT_KEY);
      const updated = await ctx.keystore.addCompanion(info.fingerprint, await readPassphrase(`Passphrase for ${info.name}: `));
      ctx.out(`Key ${info.fingerprint.slice(0, 16)}… has an ECDSA P-256 companion (SPKI SHA-256 ${createHash('sha256').update(updated.companionSpki!).digest('hex')}); it is bound in a vault at the next signing command there`);
    },
  },
  {
    name: 'key register',
    usage: 'evault key register [--key FINGERPRINT]',
    summary: 'register an examiner key in this vault (a signed examiner.registered event)',
    async run(ctx) {
      const vault = await ctx.openVault();
      const signer = await ctx.unlock();
      const added = ensureExaminer(vault, signer);
      ctx.out(added ? `Registered ${signer.name} (${signer.fingerprint}) in ${vault.dir}` : `${signer.name} is already registered in ${vault.dir}`);
    },
  },
];

export function requireFingerprintArg(positionals: string[]): string {
  return requireArgs(positionals, ['FINGERPRINT'], 'evault … FINGERPRINT')[0]!;
}
