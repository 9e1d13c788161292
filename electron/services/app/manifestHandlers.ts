// SPDX-License-Identifier: UNLICENSED
// Interoperable manifests from the desktop app: write a hashdeep manifest of a path or an OpenSSF
// Model Signing bundle of a model folder (signed with the examiner's ECDSA P-256 companion, in main),
// and check either kind against a folder — the same services as `evault manifest`, `evault audit`
// and `evault verify-manifest`. With a case given, the written manifest is recorded in it as a
// signed manifest.issued event, as `evault manifest --case` does.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import type { JsonValue } from '../../../shared/canonicalJson.js';
import type { Handlers } from '../../../shared/api/contract.js';
import { EvaultError } from '../../../shared/errors.js';
import { auditHashdeep, formatHashdeep, parseHashdeep } from '../../../shared/manifests/hashdeep.js';
import { boundCompanionKeys, recordManifestIssued } from '../manifests/recordManifest.js';
import { requireOpenCase } from '../vault/cases.js';
import { createOmsBundle, verifyOmsFile } from '../manifests/omsManifest.js';
import { hashTree } from '../manifests/treeHashes.js';
import type { AppSession } from './session.js';

async function writeNew(out: string, bytes: Uint8Array): Promise<void> {
  await fs.writeFile(out, bytes, { flag: 'wx' }).catch((cause: NodeJS.ErrnoException) => {
    throw new EvaultError(cause.code === 'EEXIST' ? 'BAD_INPUT' : 'IO', cause.code === 'EEXIST' ? `${out} exists; manifests are never overwritten — choose another file name` : `cannot write ${out}: ${cause.message}`, { cause });
  });
}

export function manifestHandlers(session: AppSession): Pick<Handlers, 'writeManifest' | 'checkManifest'> {
  return {
    async writeManifest(_ctx, input) {
      // Recording needs the vault and an open case: both are checked before anything is hashed or
      // written, so a refusal leaves no file behind and no event is appended for unfinished work.
      const target = input.caseId !== undefined ? requireOpenCase(session.require().vault, input.caseId) : undefined;
      let bytes: Uint8Array;
      let files: number;
      let details: { [key: string]: JsonValue };
      if (input.format === 'hashdeep') {
        // Signs nothing and touches no vault: a list of sizes and digests, as hashdeep writes it.
        const rows = await hashTree([input.path], { relative: false });
        bytes = Buffer.from(formatHashdeep(rows, process.cwd(), `evault manifest ${input.path} --format hashdeep`));
        files = rows.length;
        details = { format: 'hashdeep', files };
      } else {
        const { signer } = session.require();
        const r = await createOmsBundle(input.path, signer, input.out);
        bytes = r.bytes;
        files = r.statement.predicate.resources.length;
        details = { format: 'oms', predicateType: r.statement.predicateType, model: r.statement.subject[0]!.name, rootDigest: r.statement.subject[0]!.digest.sha256, files };
      }
      await writeNew(input.out, bytes);
      const written = { format: input.format, out: input.out, files, sha256: createHash('sha256').update(bytes).digest('hex') };
      if (!target) return written;
      // The same event as `evault manifest --case`: what was listed, where it went, the bytes' SHA-256.
      return session.exclusive(() => {
        const { vault, signer } = session.require();
        const { event, hash } = recordManifestIssued(vault, signer, target.id, bytes, { ...details, path: resolve(input.path), out: resolve(input.out) });
        return { ...written, recorded: { caseId: target.id, caseNumber: target.number, seq: event.seq, hash } };
      });
    },
    async checkManifest(_ctx, input) {
      const bytes = await fs.readFile(input.manifest).catch((cause: Error) => {
        throw new EvaultError('NOT_FOUND', `cannot read ${input.manifest}: ${cause.message}`, { cause });
      });
      if (bytes.subarray(0, 17).toString('latin1') === '%%%% HASHDEEP-1.0') {
        if (!input.dir) throw new EvaultError('BAD_INPUT', 'a hashdeep manifest carries no signature: choose the folder whose files it lists');
        const known = parseHashdeep(bytes.toString('utf8'));
        if (known.rows.length === 0 && known.problems.length > 0) throw new EvaultError('BAD_INPUT', `${input.manifest}: ${known.problems[0]}`);
        const found = await hashTree([input.dir], { relative: !known.rows.every((r) => r.name.startsWith('/')) });
        const audit = auditHashdeep(known.rows, found);
        return { format: 'hashdeep', passed: audit.passed, audit, checks: [], files: [], problems: known.problems };
      }
      // OMS: the signer must be a companion key this machine knows (keystore or bound in the vault).
      const keys = (await session.keystore.list().catch(() => [])).map((k) => k.companionSpki).filter((k): k is Uint8Array => k !== null);
      if (session.openVault) keys.push(...boundCompanionKeys(session.openVault));
      const r = await verifyOmsFile(input.manifest, bytes, keys, input.dir);
      return { format: 'oms', passed: r.ok, audit: null, checks: r.checks, files: r.files ?? [], problems: [] };
    },
  };
}
