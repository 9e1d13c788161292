// SPDX-License-Identifier: UNLICENSED
// The loopback bridge's gate: 127.0.0.1 only, this run's token on every request, our Host and
// Origin only, the CSP on every UI response, and the same validated contract as IPC.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { test } from 'node:test';
import { CONTENT_SECURITY_POLICY } from '../../shared/api/csp.js';
import { startHarness } from './bridgeHarness.js';
import { rendererMissing } from './chromium.js';

function get(url: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('loopback bridge: token, host and origin checks; CSP on every response', { skip: rendererMissing(), timeout: 60_000 }, async () => {
  const h = await startHarness();
  try {
    const origin = new URL(h.origin);
    assert.equal(origin.hostname, '127.0.0.1');
    assert.notEqual(origin.port, '');
    assert.ok(h.token.length >= 43, '256-bit token');

    // No token: refused, for the page, its assets and the API alike.
    for (const path of ['/', '/index.html', '/api/status']) {
      const api = path.startsWith('/api');
      const r = await get(`${h.origin}${path}`, api ? { 'Content-Type': 'application/json' } : {}, api ? 'POST' : 'GET', api ? '[]' : undefined);
      assert.equal(r.status, 403, path);
      assert.equal(r.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
    }
    assert.equal((await get(`${h.origin}/?token=wrong`)).status, 403);

    // The tokened address sets an HttpOnly, SameSite=Strict cookie and drops the token from the URL.
    const first = await get(h.url);
    assert.equal(first.status, 303);
    assert.equal(first.headers.location, '/');
    const cookie = String(first.headers['set-cookie']).split(';')[0]!;
    assert.match(String(first.headers['set-cookie']), /HttpOnly; SameSite=Strict/);
    const page = await get(`${h.origin}/`, { Cookie: cookie });
    assert.equal(page.status, 200);
    assert.equal(page.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
    assert.match(page.body, /<div id="root">/);

    // DNS rebinding: the right cookie but another Host is refused.
    assert.equal((await get(`${h.origin}/`, { Cookie: cookie, Host: `evil.example:${origin.port}` })).status, 421);
    // Cross-origin API calls are refused even with the cookie.
    const json = { Cookie: cookie, 'Content-Type': 'application/json' };
    assert.equal((await get(`${h.origin}/api/status`, { ...json, Origin: 'https://evil.example' }, 'POST', '[]')).status, 403);
    // Only POST application/json reaches the dispatcher; a simple-form POST does not.
    assert.equal((await get(`${h.origin}/api/status`, { Cookie: cookie, 'Content-Type': 'text/plain' }, 'POST', '[]')).status, 405);
    // Path traversal to files outside the renderer folder: 404.
    assert.equal((await get(`${h.origin}/..%2f..%2fpackage.json`, { Cookie: cookie })).status, 404);

    // The contract: validated arguments, envelope results.
    const ok = await get(`${h.origin}/api/status`, { ...json, Origin: h.origin }, 'POST', '[]');
    const status = JSON.parse(ok.body) as { ok: boolean; value: { mode: string; unlocked: unknown } };
    assert.equal(status.ok, true);
    assert.equal(status.value.mode, 'browser');
    assert.equal(status.value.unlocked, null);
    const bad = JSON.parse((await get(`${h.origin}/api/getCase`, json, 'POST', '[{"caseId":7}]')).body) as { ok: boolean; error: { code: string } };
    assert.deepEqual(bad, { ok: false, error: { code: 'BAD_INPUT', message: 'caseId: must be text' } });
    const locked = JSON.parse((await get(`${h.origin}/api/listCases`, json, 'POST', '[]')).body) as { ok: boolean; error: { code: string } };
    assert.equal(locked.error.code, 'NO_KEY', 'nothing but status, identity and proof checks before unlocking');
  } finally {
    await h.close();
  }
});
