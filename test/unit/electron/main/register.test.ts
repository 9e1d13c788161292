// SPDX-License-Identifier: UNLICENSED
// Validated IPC: prefix, sender frame, argument schemas before any service runs, result envelope.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { METHOD_NAMES, channelOf, type Handlers } from '../../../../shared/api/contract.js';
import { EvaultError } from '../../../../shared/errors.js';
import { handleInvoke, registerIpc, type InvokeEventLike } from '../../../../electron/main/ipc/register.js';

const mainFrame = { url: 'app://vault/index.html', parent: null };
const ours: InvokeEventLike = { senderFrame: mainFrame, sender: { mainFrame } };

function fakeHandlers(calls: string[]): Handlers {
  return new Proxy({} as Handlers, {
    get: (_t, name: string) => async (_ctx: unknown, ...args: unknown[]) => {
      calls.push(`${name}:${JSON.stringify(args)}`);
      if (name === 'sealCase') throw new EvaultError('CASE_SEALED', 'case 1 is sealed');
      if (name === 'lock') throw new Error('secret internal path /home/x');
      return name === 'listCases' ? [] : undefined;
    },
  });
}

const ctx = { transport: 'ipc' as const };

test('a valid call from our main frame reaches the handler and comes back in the envelope', async () => {
  const calls: string[] = [];
  assert.deepEqual(await handleInvoke(fakeHandlers(calls), 'vault:listCases', ours, [], ctx), { ok: true, value: [] });
  assert.deepEqual(await handleInvoke(fakeHandlers(calls), 'vault:getCase', ours, [{ caseId: 'c1' }], ctx), { ok: true, value: null });
  assert.deepEqual(calls, ['listCases:[]', 'getCase:[{"caseId":"c1"}]']);
});

test('calls from a subframe, a foreign page or a destroyed frame are refused before any service runs', async () => {
  const calls: string[] = [];
  const sub = { url: 'app://vault/index.html', parent: mainFrame };
  const foreign = { url: 'https://evil.example/', parent: null };
  for (const event of [
    { senderFrame: sub, sender: { mainFrame } },
    { senderFrame: foreign, sender: { mainFrame: foreign } },
    { senderFrame: null, sender: { mainFrame } },
  ]) {
    const r = await handleInvoke(fakeHandlers(calls), 'vault:listCases', event, [], ctx);
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.error.code, 'USAGE');
  }
  assert.deepEqual(calls, []);
});

test('a channel without the vault: prefix or naming no contract method is refused', async () => {
  const calls: string[] = [];
  for (const channel of ['other:listCases', 'vault:constructor', 'vault:__proto__', 'vault:eval']) {
    const r = await handleInvoke(fakeHandlers(calls), channel, ours, [], ctx);
    assert.equal(r.ok, false, channel);
  }
  assert.deepEqual(calls, []);
});

test('arguments are parsed with the shared schemas before the handler runs', async () => {
  const calls: string[] = [];
  const bad: unknown[][] = [
    [{ caseId: 42 }],
    [{ caseId: 'c1', extra: true }],
    [{}],
    ['c1'],
    [{ caseId: 'c1' }, 'surplus'],
    [{ caseId: 'x'.repeat(201) }],
  ];
  for (const args of bad) {
    const r = await handleInvoke(fakeHandlers(calls), 'vault:getCase', ours, args, ctx);
    assert.equal(r.ok, false, JSON.stringify(args).slice(0, 60));
    assert.equal(!r.ok && r.error.code, 'BAD_INPUT');
  }
  const r = await handleInvoke(fakeHandlers(calls), 'vault:unlock', ours, [{ fingerprint: 'NOT-HEX!', passphrase: 'x' }], ctx);
  assert.equal(!r.ok && r.error.code, 'BAD_INPUT');
  assert.deepEqual(calls, []);
});

test('coded errors keep their code and message; anything else becomes INTERNAL without details', async () => {
  const calls: string[] = [];
  const sealed = await handleInvoke(fakeHandlers(calls), 'vault:sealCase', ours, [{ caseId: 'c1', reason: null }], ctx);
  assert.deepEqual(sealed, { ok: false, error: { code: 'CASE_SEALED', message: 'case 1 is sealed' } });
  const seen: unknown[] = [];
  const internal = await handleInvoke(fakeHandlers(calls), 'vault:lock', ours, [], ctx, (e) => seen.push(e));
  assert.equal(!internal.ok && internal.error.code, 'INTERNAL');
  assert.doesNotMatch(JSON.stringify(internal), /home/);
  assert.equal(seen.length, 1, 'the unexpected error is logged in main');
});

test('registerIpc registers exactly one channel per contract method', () => {
  const registered: string[] = [];
  const channels = registerIpc({ handle: (channel) => void registered.push(channel) }, fakeHandlers([]), () => undefined);
  assert.deepEqual(registered, METHOD_NAMES.map(channelOf));
  assert.deepEqual(channels, registered);
  assert.ok(registered.every((c) => c.startsWith('vault:')));
});
