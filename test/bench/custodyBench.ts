// SPDX-License-Identifier: UNLICENSED
// Section 2: how fast a custody log of many signed events verifies.
import { join } from 'node:path';
import { ed25519Verify, type Ed25519Verify } from '../../shared/crypto/ed25519.js';
import type { SignedEvent } from '../../shared/custody/event.js';
import { verifyLog } from '../../shared/custody/verifyLog.js';
import { createNodeVerify } from '../../electron/services/keys/nodeEd25519.js';
import type { Signer } from '../../electron/services/keys/signer.js';
import { createCase } from '../../electron/services/vault/cases.js';
import { appendEvent } from '../../electron/services/vault/custodyLog.js';
import { logEvents, toSignedEvent } from '../../electron/services/vault/queries/events.js';
import { verifyVault } from '../../electron/services/vault/verifyVault.js';
import { Vault } from '../../electron/services/vault/vault.js';
import { runRounds, timed, type Trial } from './measure.js';
import type { Row } from './report.js';

export interface CustodyContext {
  dir: string;
  signer: Signer;
  events: number;
  runs: number;
  log: (line: string) => void;
}

const TARGET = { on: 'rate', atLeast: 5000 } as const;
const NODE = 'verifyLog, node:crypto Ed25519';
const NOBLE = 'verifyLog, pure-JS Ed25519 (noble)';
const VAULT = 'verifyVault (whole vault)';

export async function benchCustody(ctx: CustodyContext): Promise<Row[]> {
  const { signer } = ctx;
  const vaultDir = join(ctx.dir, 'vault-custody');
  const vault = await Vault.create(vaultDir);
  let caseId: string;
  let append: { seconds: number };
  let read: { seconds: number; value: SignedEvent[] };
  try {
    caseId = createCase(vault, signer, { number: 'BENCH-LOG', title: 'custody verification benchmark' }).id;
    ctx.log(`appending ${ctx.events} signed note.added events in one transaction`);
    // One transaction: the same appendEvent addNote uses, without a commit (and fsync) per note.
    append = await timed(() =>
      vault.db.transaction(() => {
        for (let i = 1; i <= ctx.events; i++) {
          appendEvent(vault.db, signer, { caseId, action: 'note.added', details: { text: `benchmark note ${i} of ${ctx.events}` } });
        }
      })(),
    );
    read = await timed(() => logEvents(vault.db, caseId).map(toSignedEvent));
  } finally {
    vault.close();
  }
  const entries = read.value;
  const keys = new Map([[signer.fingerprint, signer.publicKey]]);
  const verifyWith =
    (name: string, makeVerify: () => Ed25519Verify) =>
    async (): Promise<number> => {
      const verify = makeVerify();
      const t = await timed(() => verifyLog(caseId, caseId, entries, keys, verify));
      if (t.value.events !== entries.length || t.value.issues.length > 0) {
        throw new Error(`${name} found ${t.value.issues.length} issues in a clean log: ${t.value.issues[0]?.message}`);
      }
      return t.seconds;
    };
  let vaultEvents = 0;
  const trials: Trial[] = [
    { name: NODE, run: verifyWith(NODE, createNodeVerify) },
    { name: NOBLE, run: verifyWith(NOBLE, () => ed25519Verify) },
    {
      name: VAULT,
      run: async () => {
        const t = await timed(() => verifyVault(vaultDir));
        if (!t.value.ok) throw new Error(`${VAULT} failed on a clean vault: ${t.value.issues[0]?.message}`);
        vaultEvents = t.value.counts.events;
        return t.seconds;
      },
    },
  ];
  const times = await runRounds(trials, ctx.runs, ctx.log);
  const work = { amount: entries.length, unit: 'events' as const };
  const nodeBaseline = { name: NODE, seconds: Math.min(...times.get(NODE)!), compare: 'speed' as const };
  return [
    { name: 'append events (signing + SQLite, info)', times: [append.seconds], work: { amount: ctx.events, unit: 'events' } },
    { name: 'read log (logEvents + toSignedEvent)', times: [read.seconds], work },
    { name: NODE, times: times.get(NODE)!, work, target: TARGET },
    { name: NOBLE, times: times.get(NOBLE)!, work, baseline: nodeBaseline, target: TARGET },
    { name: VAULT, times: times.get(VAULT)!, work: { amount: vaultEvents, unit: 'events' }, target: TARGET },
  ];
}
