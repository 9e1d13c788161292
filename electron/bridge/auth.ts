// SPDX-License-Identifier: UNLICENSED
// Who may talk to the loopback bridge: only a client that presents this run's random token, on a
// request addressed to 127.0.0.1:PORT (a DNS-rebinding page would send its own Host), and, for API
// calls, from our own origin (a cross-site page cannot forge Origin; SameSite=Strict keeps the
// cookie from being sent cross-site at all).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const COOKIE = 'evault_bridge';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === COOKIE) return rest.join('=');
  }
  return undefined;
}

export function presentedToken(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7);
  return cookieToken(req);
}

export interface Gate {
  origin: string;
  token: string;
}

export function hostAllowed(req: IncomingMessage, gate: Gate): boolean {
  return req.headers.host === new URL(gate.origin).host;
}

export function tokenValid(candidate: string | undefined, gate: Gate): boolean {
  return candidate !== undefined && same(candidate, gate.token);
}

/** Browsers send Origin on POST and on cross-origin requests; when present it must be ours. */
export function originAllowed(req: IncomingMessage, gate: Gate): boolean {
  const origin = req.headers.origin;
  return origin === undefined || origin === gate.origin;
}

export function sessionCookie(token: string): string {
  return `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}
