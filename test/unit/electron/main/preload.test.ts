// SPDX-License-Identifier: UNLICENSED
// The built preload bundle (dist/preload/preload.cjs) run against a fake `electron`: it exposes
// exactly one object, window.vault, with one function per contract method plus `on`; listeners get
// the payload only; ipcRenderer is never handed out; a dropped File's path comes from webUtils
// (drag-and-drop import) without exposing webUtils itself.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import vm from 'node:vm';
import { LOCAL_NAMES, METHOD_NAMES, channelOf } from '../../../../shared/api/contract.js';
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
  // Electron's webUtils.getPathForFile: a path for disk-backed Files, '' for others; it throws on
  // anything that is not a File.
  const diskFile = { name: 'audit.jsonl', backing: '/evidence/audit.jsonl' };
  const memoryFile = { name: 'pasted.txt', backing: '' };
  const webUtils = {
    getPathForFile: (f: unknown) => {
      if (f !== diskFile && f !== memoryFile) throw new TypeError('Error processing argument at index 0, conversion failure from');
      return (f as typeof diskFile).backing;
    },
  };
  const electron = { contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) }, ipcRenderer, webUtils };
  const requireFake = (name: string) => {
    if (name !== 'electron') throw new Error(`the sandboxed preload may require only electron, not ${name}`);
    return electron;
  };
  const module = { exports: {} };
  vm.runInNewContext(readFileSync(bundle, 'utf8'), { require: requireFake, module, exports: module.exports });

  assert.deepEqual([...exposed.keys()], ['vault']);
  const vault = exposed.get('vault') as Record<string, (...a: unknown[]) => unknown>;
  assert.deepEqual(Object.keys(vault).sort(), [...METHOD_NAMES, ...LOCAL_NAMES, 'on'].sort());
  assert.ok(Object.isFrozen(vault));
  assert.ok(!Object.values(vault).includes(ipcRenderer as never));
  assert.ok(!Object.values(vault).includes(webUtils as never) && !Object.values(vault).includes(webUtils.getPathForFile as never), 'webUtils is not handed out');

  assert.equal(vault.pathForFile!(diskFile), '/evidence/audit.jsonl');
  assert.equal(vault.pathForFile!(memoryFile), null, 'a File not backed by disk has no path');
  assert.equal(vault.pathForFile!({ name: 'forged', path: '/etc/shadow' }), null, 'a non-File gets null, not an exception');
  assert.equal(invoked.length, 0, 'pathForFile is answered in the preload, without IPC');

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
