// SPDX-License-Identifier: UNLICENSED
// Registers exactly the contract's handlers on ipcMain (VS Code's ValidatedIpcMain, Signal's
// wrapResult). Before any service runs: the channel must carry the vault: prefix and name a
// contract method, the sender must be our app:// page's main frame, and the arguments must parse
// with the shared schemas (in dispatch). Results travel in the {ok, value} | {ok:false, error}
// envelope, because ipcMain.handle would keep only an error's message.
import type { IpcMainInvokeEvent } from 'electron';
import { CHANNEL_PREFIX, METHOD_NAMES, channelOf, type CallContext, type Handlers, type Result } from '../../../shared/api/contract.js';
import { dispatch, errorResult } from '../../../shared/api/dispatch.js';
import { EvaultError } from '../../../shared/errors.js';
import { isTrustedSender, type FrameLike } from '../security.js';

/** The part of ipcMain used here (so tests can pass a fake). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
}

export type InvokeEventLike = { senderFrame: FrameLike | null; sender: { mainFrame: unknown } };

export async function handleInvoke(handlers: Handlers, channel: string, event: InvokeEventLike, args: unknown[], ctx: CallContext, onUnexpected?: (err: unknown) => void): Promise<Result<unknown>> {
  if (!channel.startsWith(CHANNEL_PREFIX)) return errorResult(new EvaultError('USAGE', `channel ${channel} is not a vault channel`));
  if (!isTrustedSender(event.senderFrame, event.sender.mainFrame)) {
    return errorResult(new EvaultError('USAGE', 'refused: the call did not come from the Evidence Vault page'));
  }
  return dispatch(handlers, channel.slice(CHANNEL_PREFIX.length), args, ctx, onUnexpected);
}

export function registerIpc(ipcMain: IpcMainLike, handlers: Handlers, hostOf: (event: IpcMainInvokeEvent) => unknown, onUnexpected?: (err: unknown) => void): string[] {
  const channels = METHOD_NAMES.map(channelOf);
  for (const channel of channels) {
    ipcMain.handle(channel, (event, ...args) => handleInvoke(handlers, channel, event as unknown as InvokeEventLike, args, { transport: 'ipc', host: hostOf(event) }, onUnexpected));
  }
  return channels;
}
