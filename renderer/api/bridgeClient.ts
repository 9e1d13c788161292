// SPDX-License-Identifier: UNLICENSED
// window.vault for a plain browser talking to the loopback bridge (electron/bridge/): each method
// is a POST of its argument list to /api/<name>; the session cookie (set when the tokened address
// was opened) authenticates it. Events arrive as server-sent events on /api/events, read with
// fetch so they are covered by the same cookie and CSP connect-src 'self'.
import { EVENT_NAMES, METHOD_NAMES, type EventName, type Result, type VaultEvents, type WireApi } from '../../shared/api/contract.js';

type Listener = (payload: unknown) => void;

export function createBridgeWire(base = ''): WireApi {
  const listeners = new Map<EventName, Set<Listener>>();
  let streaming = false;

  async function call(name: string, args: unknown[]): Promise<Result<unknown>> {
    let response: Response;
    try {
      response = await fetch(`${base}/api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(args), credentials: 'same-origin' });
    } catch {
      return { ok: false, error: { code: 'IO', message: 'the Evidence Vault service is not reachable; is "evault ui --browser" still running?' } };
    }
    if (response.status === 403) return { ok: false, error: { code: 'NO_KEY', message: 'this browser session is not authorised; open the address printed by "evault ui --browser" again' } };
    try {
      return (await response.json()) as Result<unknown>;
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: `unexpected answer from the service (HTTP ${response.status})` } };
    }
  }

  function dispatchFrame(frame: string): void {
    let event = '';
    let data = '';
    for (const line of frame.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data += line.slice(6);
    }
    if (!event || !data) return;
    const set = listeners.get(event as EventName);
    if (!set) return;
    const payload = JSON.parse(data) as unknown;
    for (const l of set) l(payload);
  }

  async function stream(): Promise<void> {
    if (streaming) return;
    streaming = true;
    try {
      const response = await fetch(`${base}/api/events`, { credentials: 'same-origin' });
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          dispatchFrame(buffer.slice(0, cut));
          buffer = buffer.slice(cut + 2);
        }
      }
    } catch {
      // The stream ends when the bridge stops; calls then report it.
    } finally {
      streaming = false;
    }
  }

  const wire: Record<string, unknown> = {};
  for (const name of METHOD_NAMES) wire[name] = (...args: unknown[]) => call(name, args);
  // A web page cannot learn where a dropped file is on disk.
  wire.pathForFile = () => null;
  wire.on = <E extends EventName>(event: E, listener: (payload: VaultEvents[E]) => void) => {
    if (!(EVENT_NAMES as readonly string[]).includes(event)) throw new TypeError(`unknown event ${event}`);
    const set = listeners.get(event) ?? new Set<Listener>();
    set.add(listener as Listener);
    listeners.set(event, set);
    void stream();
    return () => set.delete(listener as Listener);
  };
  return wire as unknown as WireApi;
}
