// SPDX-License-Identifier: UNLICENSED
// The shell's security settings, checked as data (Electron's checklist; docs/SECURITY.md).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CONTENT_SECURITY_POLICY, UI_RESPONSE_HEADERS } from '../../../../shared/api/csp.js';
import { appProtocolHandler } from '../../../../electron/main/protocol.js';
import { APP_ENTRY, APP_SCHEME_PRIVILEGES, isAllowedRequest, isAppUrl, isTrustedSender, windowOptions } from '../../../../electron/main/security.js';

test('BrowserWindow options: isolated, sandboxed, no Node, web security on', () => {
  const o = windowOptions('/app/preload.cjs', { devTools: false });
  assert.deepEqual(o.webPreferences, {
    preload: '/app/preload.cjs',
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: false,
  });
  assert.equal(o.show, false, 'shown on ready-to-show, never half-painted');
});

test('the UI is served from app://vault, a standard secure scheme', () => {
  assert.equal(APP_ENTRY, 'app://vault/index.html');
  assert.deepEqual(APP_SCHEME_PRIVILEGES, { standard: true, secure: true, supportFetchAPI: true, codeCache: true });
  assert.equal(isAppUrl('app://vault/assets/x.js'), true);
  for (const url of ['app://other/index.html', 'file:///etc/passwd', 'https://vault/', 'http://127.0.0.1/', 'not a url']) assert.equal(isAppUrl(url), false, url);
});

test('every request outside app:// is blocked (data:/blob: images excepted; devtools only when enabled)', () => {
  for (const url of ['app://vault/index.html', 'data:image/png;base64,AAAA', 'blob:app://vault/1234']) assert.equal(isAllowedRequest(url), true, url);
  for (const url of ['https://example.com/', 'http://127.0.0.1:8080/', 'wss://example.com/', 'file:///etc/passwd', 'ftp://x/', 'devtools://devtools/bundled/x.html', 'chrome-extension://abc/x.js']) {
    assert.equal(isAllowedRequest(url), false, url);
  }
  assert.equal(isAllowedRequest('devtools://devtools/bundled/x.html', true), true);
});

test('the CSP is exactly the one the issue asks for, sent with the hardening headers', () => {
  assert.equal(CONTENT_SECURITY_POLICY, "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'");
  assert.equal(UI_RESPONSE_HEADERS['Content-Security-Policy'], CONTENT_SECURITY_POLICY);
  assert.equal(UI_RESPONSE_HEADERS['X-Content-Type-Options'], 'nosniff');
});

test('IPC sender check: only our app:// page main frame', () => {
  const main = { url: 'app://vault/index.html', parent: null };
  assert.equal(isTrustedSender(main, main), true);
  assert.equal(isTrustedSender(null, main), false, 'a destroyed frame');
  const child = { url: 'app://vault/index.html', parent: main };
  assert.equal(isTrustedSender(child, main), false, 'a subframe, even of our origin');
  const foreign = { url: 'https://evil.example/', parent: null };
  assert.equal(isTrustedSender(foreign, foreign), false, 'a navigated main frame');
  const file = { url: 'file:///tmp/x.html', parent: null };
  assert.equal(isTrustedSender(file, file), false);
});

test('app:// handler: files under the renderer folder with the CSP header; nothing else', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'evault-renderer-'));
  try {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(dir, 'assets', 'a.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.key'), 'no');
    const handle = appProtocolHandler(dir);
    const index = await handle(new Request('app://vault/'));
    assert.equal(index.status, 200);
    assert.equal(index.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.equal(index.headers.get('content-type'), 'text/html; charset=utf-8');
    const js = await handle(new Request('app://vault/assets/a.js'));
    assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
    for (const url of ['app://vault/secret.key', 'app://vault/../../etc/passwd', 'app://vault/%2e%2e/%2e%2e/etc/hosts', 'app://other/index.html', 'app://vault/missing.js']) {
      const r = await handle(new Request(url));
      assert.equal(r.status, 404, url);
      assert.equal(r.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY, `${url} 404 carries the CSP too`);
    }
    assert.equal((await handle(new Request('app://vault/index.html', { method: 'POST', body: 'x' }))).status, 404);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
