// SPDX-License-Identifier: UNLICENSED
// The UI's view of the services: window.vault's envelopes unwrapped into values, errors rethrown as
// ApiError with the service's code (the UI switches on the code, never on message text).
import { METHOD_NAMES, type EventName, type LocalApi, type RendererApi, type VaultEvents, type WireApi } from '../../shared/api/contract.js';
import type { ErrorCode } from '../../shared/errors.js';

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Api = RendererApi & LocalApi & {
  on<E extends EventName>(event: E, listener: (payload: VaultEvents[E]) => void): () => void;
};

export function createClient(wire: WireApi): Api {
  const api: Record<string, unknown> = {};
  for (const name of METHOD_NAMES) {
    api[name] = async (...args: unknown[]) => {
      const call = wire[name] as (...a: unknown[]) => Promise<{ ok: boolean; value?: unknown; error?: { code: ErrorCode; message: string } }>;
      const result = await call(...args);
      if (result.ok) return result.value;
      throw new ApiError(result.error!.code, result.error!.message);
    };
  }
  api.on = wire.on;
  api.pathForFile = wire.pathForFile;
  return api as unknown as Api;
}
