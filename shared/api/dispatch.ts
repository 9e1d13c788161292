// SPDX-License-Identifier: UNLICENSED
// The transport-independent half of every call: look the method up, parse its arguments with the
// contract's schema before any service runs, and wrap the outcome in the result envelope. IPC
// (electron/main/ipc/register.ts) and the loopback bridge (electron/bridge/) both end here.
import { EvaultError, type ErrorCode } from '../errors.js';
import { METHODS, isMethodName, type CallContext, type Handlers, type MethodName, type Result } from './contract.js';

export function errorResult(err: unknown): Result<never> {
  if (err instanceof EvaultError) return { ok: false, error: { code: err.code, message: err.message } };
  // Anything else is a bug or an unexpected failure; its text may hold paths or internals, so the
  // UI gets a generic message and the details stay in the main process's log.
  return { ok: false, error: { code: 'INTERNAL' satisfies ErrorCode, message: 'an unexpected error occurred; the details are in the application log' } };
}

export async function dispatch(handlers: Handlers, name: string, rawArgs: unknown, ctx: CallContext, onUnexpected?: (err: unknown) => void): Promise<Result<unknown>> {
  if (!isMethodName(name)) return errorResult(new EvaultError('USAGE', `unknown method "${name}"`));
  let parsed: unknown[];
  try {
    parsed = METHODS[name].parse(rawArgs) as unknown[];
  } catch (err) {
    return errorResult(err);
  }
  try {
    const handler = handlers[name as MethodName] as (c: CallContext, ...a: unknown[]) => Promise<unknown>;
    const value = await handler(ctx, ...parsed);
    return { ok: true, value: value === undefined ? null : value };
  } catch (err) {
    if (!(err instanceof EvaultError)) onUnexpected?.(err);
    return errorResult(err);
  }
}
