// SPDX-License-Identifier: UNLICENSED
// The fields every known log schema is mapped to, so search, rules and reports can work across
// inference-API logs, chat-completion logs, chatbot exports, cloud audit trails, syslog and access logs.

export interface CommonFields {
  /** RFC 3339 UTC with milliseconds, when the record has a parseable time. */
  timestamp?: string;
  tenant?: string;
  /** User or principal. */
  user?: string;
  /** Session, conversation or case id. */
  session?: string;
  requestId?: string;
  model?: string;
  /** Action or endpoint (e.g. "/v1/chat/completions", "ConsoleLogin", "GET /index.html"). */
  action?: string;
  /** What the model received: the prompt, or the user-authored messages joined. */
  prompt?: string;
  /** What the model answered. */
  response?: string;
  status?: string;
  sourceIp?: string;
}

/** A string value inside a record, addressed by an RFC 6901 JSON Pointer ("/prompt", "/request/messages/1/content"). */
export interface TextField {
  pointer: string;
  text: string;
}

/** Every string leaf of a parsed record, in document order, with its JSON Pointer (RFC 6901 §3 escaping). */
export function textFields(value: unknown, pointer = ''): TextField[] {
  const out: TextField[] = [];
  collect(value, pointer, out);
  return out;
}

// One output array and plain loops: this runs on every record of every imported log.
function collect(value: unknown, pointer: string, out: TextField[]): void {
  if (typeof value === 'string') out.push({ pointer, text: value });
  else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) collect(value[i], `${pointer}/${i}`, out);
  } else if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    for (const k of Object.keys(obj)) collect(obj[k], `${pointer}/${k.includes('~') || k.includes('/') ? k.replace(/~/g, '~0').replace(/\//g, '~1') : k}`, out);
  }
}
