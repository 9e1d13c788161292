// SPDX-License-Identifier: UNLICENSED
// Identity and session: first-run key creation, unlock (in this process: the passphrase is used
// here and dropped), lock, status.
import type { Handlers } from '../../../shared/api/contract.js';
import { ensureExaminer } from '../vault/cases.js';
import { Vault } from '../vault/vault.js';
import type { AppSession } from './session.js';

export function sessionHandlers(session: AppSession, nativeDialogs: boolean): Pick<Handlers, 'status' | 'createIdentity' | 'unlock' | 'lock'> {
  return {
    async status() {
      const vault = session.openVault;
      return {
        mode: session.options.mode,
        nativeDialogs,
        identities: await session.identities(),
        unlocked: session.unlocked,
        vault: { dir: session.vaultDir, exists: vault !== undefined || Vault.exists(session.vaultDir), id: vault?.id ?? null },
        keystoreDir: session.keystore.dir,
        idleLockMinutes: session.idleLockMinutes,
      };
    },
    async createIdentity(_ctx, input) {
      const info = await session.keystore.create({ name: input.name, role: input.role, organisation: input.organisation, passphrase: input.passphrase });
      const signer = await session.keystore.unlock(info.fingerprint, input.passphrase);
      const identity = await session.summary(info);
      await session.start(signer, identity);
      await session.exclusive(() => ensureExaminer(session.require().vault, signer));
      return identity;
    },
    async unlock(_ctx, input) {
      const info = await session.keystore.find(input.fingerprint);
      const signer = await session.keystore.unlock(info.fingerprint, input.passphrase);
      const identity = await session.summary(info);
      await session.start(signer, identity);
      return identity;
    },
    async lock() {
      session.lock('user');
    },
  };
}
