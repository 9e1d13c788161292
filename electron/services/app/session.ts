// SPDX-License-Identifier: UNLICENSED
// The state behind the UI: where the vault and keystore are, the open vault, and the unlocked
// examiner. The Signer (and its private key) lives only here, in the main process (or the bridge's
// Node process); the UI sees fingerprints and names. The key is dropped on lock and after an idle
// timeout.
import { EvaultError } from '../../../shared/errors.js';
import type { EventName, VaultEvents } from '../../../shared/api/contract.js';
import type { IdentitySummary } from '../../../shared/api/types.js';
import { Keystore, type KeyInfo } from '../keys/keystore.js';
import type { Signer } from '../keys/signer.js';
import { Vault } from '../vault/vault.js';
import { readLegacyProfile } from './profiles.js';

export type Emit = <E extends EventName>(event: E, payload: VaultEvents[E]) => void;

export interface SessionOptions {
  vaultDir: string;
  keystoreDir: string;
  mode: 'electron' | 'browser';
  /** Minutes without a call after which the key is dropped (default 15). */
  idleLockMinutes?: number;
  emit?: Emit;
}

export class AppSession {
  readonly keystore: Keystore;
  readonly idleLockMinutes: number;
  private vault: Vault | undefined;
  private signer: Signer | undefined;
  private identity: IdentitySummary | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private writeQueue: Promise<unknown> = Promise.resolve();
  emit: Emit;

  constructor(readonly options: SessionOptions) {
    this.keystore = new Keystore(options.keystoreDir);
    this.idleLockMinutes = options.idleLockMinutes ?? 15;
    this.emit = options.emit ?? (() => undefined);
  }

  get vaultDir(): string {
    return this.options.vaultDir;
  }

  async identities(): Promise<IdentitySummary[]> {
    const keys = await this.keystore.list();
    return Promise.all(keys.map((k) => this.summary(k)));
  }

  async summary(k: KeyInfo): Promise<IdentitySummary> {
    // Identities made by the first desktop builds kept the organisation in a sidecar file.
    const organisation = k.organisation ?? (await readLegacyProfile(this.keystore.dir, k.fingerprint))?.organisation ?? null;
    return { fingerprint: k.fingerprint, name: k.name, role: k.role, organisation, createdAt: k.createdAt };
  }

  get unlocked(): IdentitySummary | null {
    return this.signer && this.identity ? this.identity : null;
  }

  /** Opens the vault (creating it on first run) and keeps the signer; called after a successful unlock. */
  async start(signer: Signer, identity: IdentitySummary): Promise<void> {
    if (!this.vault) this.vault = Vault.exists(this.vaultDir) ? await Vault.open(this.vaultDir) : await Vault.create(this.vaultDir);
    this.signer = signer;
    this.identity = identity;
    this.touch();
  }

  lock(reason: 'idle' | 'user'): void {
    const wasUnlocked = this.signer !== undefined;
    this.signer = undefined;
    this.identity = undefined;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (wasUnlocked) this.emit('locked', { reason });
  }

  /** Resets the idle timer; every call from the UI counts as activity. */
  touch(): void {
    if (!this.signer) return;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.lock('idle'), this.idleLockMinutes * 60_000);
    this.idleTimer.unref?.();
  }

  /** The open vault and the unlocked signer; everything but status, identity and proof checks needs both. */
  require(): { vault: Vault; signer: Signer } {
    if (!this.signer || !this.vault) throw new EvaultError('NO_KEY', 'the vault is locked; unlock it with your passphrase');
    this.touch();
    return { vault: this.vault, signer: this.signer };
  }

  /** The open vault, if any (for status). */
  get openVault(): Vault | undefined {
    return this.vault;
  }

  /**
   * Runs vault writes one after another. An import holds SQLite's write lock for its whole batch
   * (in a worker); queueing here keeps other writes from failing with SQLITE_BUSY or blocking the
   * event loop in SQLite's busy wait.
   */
  exclusive<T>(work: () => Promise<T> | T): Promise<T> {
    const run = this.writeQueue.then(work, work);
    this.writeQueue = run.catch(() => undefined);
    return run;
  }

  close(): void {
    this.lock('user');
    this.vault?.close();
    this.vault = undefined;
  }
}
