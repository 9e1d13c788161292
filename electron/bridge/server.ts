// SPDX-License-Identifier: UNLICENSED
// The loopback browser bridge: the same contract as the Electron IPC, over HTTP on 127.0.0.1, so
// the UI runs in a plain browser against the real services (for testing, and where Electron is not
// installed). Off unless started explicitly (`evault ui --browser`). Every request needs this run's
// random token (cookie after the first visit, or a Bearer header); UI responses carry the same CSP
// as the desktop app. Calls go through the shared dispatcher: schemas first, then the handler,
// then the result envelope.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dispatch } from '../../shared/api/dispatch.js';
import { UI_RESPONSE_HEADERS } from '../../shared/api/csp.js';
import type { EventName, Handlers, VaultEvents } from '../../shared/api/contract.js';
import { hostAllowed, newToken, originAllowed, presentedToken, sessionCookie, tokenValid, type Gate } from './auth.js';
import { readAsset } from './staticFiles.js';

const MAX_BODY = 80 * 1024 * 1024;

export interface BridgeOptions {
  handlers: Handlers;
  rendererDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  onUnexpected?: (err: unknown) => void;
}

export interface Bridge {
  /** The address to open once: it carries the token, which the page trades for a cookie. */
  url: string;
  origin: string;
  token: string;
  emit<E extends EventName>(event: E, payload: VaultEvents[E]): void;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8', extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...UI_RESPONSE_HEADERS, 'Content-Type': type, ...extra });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = newToken();
  const streams = new Set<ServerResponse>();
  // The origin is known once the server listens; until then no request can arrive.
  const gate: Gate = { origin: '', token };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      options.onUnexpected?.(err);
      if (!res.headersSent) send(res, 500, 'internal error');
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const g = gate;
    const url = new URL(req.url ?? '/', g.origin);
    if (!hostAllowed(req, g)) return send(res, 421, 'wrong host');
    const offered = url.searchParams.get('token');
    if (offered !== null && req.method === 'GET') {
      if (!tokenValid(offered, g)) return send(res, 403, 'wrong token: open the address printed by "evault ui --browser"');
      return send(res, 303, '', 'text/plain', { 'Set-Cookie': sessionCookie(token), Location: '/' });
    }
    if (!tokenValid(presentedToken(req), g)) return send(res, 403, 'open the address printed by "evault ui --browser" (it carries this run\'s token)');
    if (url.pathname.startsWith('/api/')) {
      if (!originAllowed(req, g)) return send(res, 403, 'cross-origin request refused');
      if (url.pathname === '/api/events' && req.method === 'GET') return openStream(res);
      if (req.method !== 'POST' || !(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 405, 'POST application/json only');
      const name = url.pathname.slice('/api/'.length);
      let args: unknown;
      try {
        args = JSON.parse(await readBody(req));
      } catch {
        return send(res, 400, JSON.stringify({ ok: false, error: { code: 'BAD_INPUT', message: 'the request body is not a JSON argument list' } }), 'application/json');
      }
      const result = await dispatch(options.handlers, name, args, { transport: 'bridge' }, options.onUnexpected);
      return send(res, 200, JSON.stringify(result), 'application/json');
    }
    if (req.method !== 'GET') return send(res, 405, 'method not allowed');
    const asset = await readAsset(options.rendererDir, url.pathname);
    if (!asset) return send(res, 404, 'not found');
    return send(res, 200, asset.body, asset.type);
  }

  function openStream(res: ServerResponse): void {
    res.writeHead(200, { ...UI_RESPONSE_HEADERS, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    res.on('close', () => {
      clearInterval(ping);
      streams.delete(res);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  gate.origin = origin;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    emit(event, payload) {
      const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const s of streams) s.write(frame);
    },
    async close() {
      for (const s of streams) s.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
