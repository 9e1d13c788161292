// SPDX-License-Identifier: UNLICENSED
// The built preload bundle (dist/preload/preload.cjs) run against a fake `electron`: it exposes
// exactly one object, window.vault, with one function per contract method plus `on`; listeners get
// the payload only; ipcRenderer is never handed out.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import vm from 'node:vm';
import { METHOD_NAMES, channelOf } from '../../../../shared/api/contract.js';
import { repoRoot } from '../../../helpers/repoRoot.js';

const bundle = join(repoRoot(), 'dist', 'preload', 'preload.cjs');

test('preload exposes exactly window.vault from the contract', { skip: existsSync(bundle) ? false : 'dist/preload/preload.cjs is not built (npm run build)' }, async () => {
  const exposed = new Map<string, unknown>();
  const invoked: unknown[][] = [];
  const listeners = new Map<string, ((event: unknown, payload: unknown) => void)[]>();
  const ipcRenderer = {
    invoke: async (...args: unknown[]) => {
      invoked.push(args);
      return { ok: true, value: 'fine' };
    },
    on: (channel: string, l: (event: unknown, payload: unknown) => void) => listeners.set(channel, [...(listeners.get(channel) ?? []), l]),
    removeListener: (channel: string, l: unknown) => listeners.set(channel, (listeners.get(channel) ?? []).filter((x) => x !== l)),
  };
  const electron = { contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) }, ipcRenderer };
  const requireFake = (name: string) => {
    if (name !== 'electron') throw new Error(`the sandboxed preload may require only electron, not ${name}`);
    return electron;
  };
  const module = { exports: {} };
  vm.runInNewContext(readFileSync(bundle, 'utf8'), { require: requireFake, module, exports: module.exports });

  assert.deepEqual([...exposed.keys()], ['vault']);
  const vault = exposed.get('vault') as Record<string, (...a: unknown[]) => unknown>;
  assert.deepEqual(Object.keys(vault).sort(), [...METHOD_NAMES, 'on'].sort());
  assert.ok(Object.isFrozen(vault));
  assert.ok(!Object.values(vault).includes(ipcRenderer as never));

  assert.deepEqual(await vault.getCase!({ caseId: 'c1' }), { ok: true, value: 'fine' });
  assert.deepEqual(invoked, [[channelOf('getCase'), { caseId: 'c1' }]]);

  const got: unknown[] = [];
  const off = vault.on!('importProgress', (payload: unknown) => got.push(payload)) as () => void;
  listeners.get('vault-event:importProgress')![0]!({ sender: 'the IPC event must not leak' }, { importId: 'x' });
  assert.deepEqual(got, [{ importId: 'x' }], 'the listener sees the payload only');
  off();
  assert.equal(listeners.get('vault-event:importProgress')!.length, 0, 'unsubscribe removes the listener');
  assert.throws(() => vault.on!('not-an-event', () => undefined), /unknown event/);
});
