// SPDX-License-Identifier: UNLICENSED
// Interoperable manifests from the desktop app: write a hashdeep manifest of a path or an OpenSSF
// Model Signing bundle of a model folder (signed with the examiner's ECDSA P-256 companion, in main),
// and check either kind against a folder — the same services as `evault manifest`, `evault audit`
// and `evault verify-manifest`.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { Handlers } from '../../../shared/api/contract.js';
import { EvaultError } from '../../../shared/errors.js';
import { auditHashdeep, formatHashdeep, parseHashdeep } from '../../../shared/manifests/hashdeep.js';
import { boundCompanionKeys } from '../manifests/recordManifest.js';
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
      let bytes: Uint8Array;
      let files: number;
      if (input.format === 'hashdeep') {
        // Signs nothing and touches no vault: a list of sizes and digests, as hashdeep writes it.
        const rows = await hashTree([input.path], { relative: false });
        bytes = Buffer.from(formatHashdeep(rows, process.cwd(), `evault manifest ${input.path} --format hashdeep`));
        files = rows.length;
      } else {
        const { signer } = session.require();
        const r = await createOmsBundle(input.path, signer, input.out);
        bytes = r.bytes;
        files = r.statement.predicate.resources.length;
      }
      await writeNew(input.out, bytes);
      return { format: input.format, out: input.out, files, sha256: createHash('sha256').update(bytes).digest('hex') };
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
