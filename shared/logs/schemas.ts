// SPDX-License-Identifier: UNLICENSED
// Maps a parsed log record of a known schema to the common fields. Unknown JSON keeps every field
// searchable through textFields(); here it still gets whatever common keys it has.
import type { CommonFields } from './commonFields.js';
import { leadingTimestamp, normalizeTimestamp } from './timestamps.js';

export interface MappedRecord {
  /** Which schema matched: "inference_audit", "chat_completion", "chatbot_csv", "cloudtrail", … */
  schema: string;
  fields: CommonFields;
  /** JSON Pointers of the fields holding model responses (for data-leak rules). */
  responsePointers: string[];
  /** JSON Pointers of user-authored input (operator system messages excluded). */
  promptPointers: string[];
}

export interface MapContext {
  /** Year for syslog timestamps that have none (RFC 3164). */
  year?: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);
const at = (v: unknown, ...path: string[]): unknown => path.reduce<unknown>((o, k) => (isObj(o) ? o[k] : Array.isArray(o) ? o[Number(k)] : undefined), v);

/** The fields that have a value (a loop, not entries/filter/fromEntries: it runs on every record). */
function clean(f: CommonFields): CommonFields {
  const out: Record<string, string> = {};
  for (const k in f) {
    const v = f[k as keyof CommonFields];
    if (v !== undefined && v !== '') out[k] = v;
  }
  return out as CommonFields;
}

export function mapRecord(value: unknown, format: string, ctx: MapContext = {}): MappedRecord {
  const none = { responsePointers: [], promptPointers: [] };
  if (!isObj(value)) return { schema: 'unknown', fields: {}, ...none };
  const v = value;

  if (format === 'syslog') {
    return { schema: 'syslog', fields: clean({ timestamp: normalizeTimestamp(v.time, ctx.year), user: str(v.host), action: str(v.app), status: v.severity === undefined ? undefined : String(v.severity) }), ...none };
  }
  if (format === 'access') {
    return { schema: 'access_log', fields: clean({ timestamp: normalizeTimestamp(v.time), sourceIp: str(v.client), user: str(v.user), action: str(v.request), status: str(v.status) }), ...none };
  }
  if (format === 'text') return mapTextLine(typeof v.message === 'string' ? v.message : '');
  // Generic inference-API audit log.
  if ('prompt' in v && ('response' in v || 'model_version' in v)) {
    return {
      schema: 'inference_audit',
      fields: clean({ timestamp: normalizeTimestamp(v.timestamp ?? v.time), tenant: str(v.tenant_id ?? v.tenant), user: str(v.user_id ?? v.user), session: str(v.session_id), requestId: str(v.request_id), model: str(v.model_version ?? v.model), action: str(v.endpoint), prompt: str(v.prompt), response: str(v.response), status: str(v.outcome_status ?? v.status), sourceIp: str(v.source_ip) }),
      responsePointers: ['/response'],
      promptPointers: ['/prompt'],
    };
  }
  // OpenAI-style chat completion: request.messages[], response.choices[].
  const messages = at(v, 'request', 'messages') ?? v.messages;
  if (Array.isArray(messages) && (isObj(v.response) || Array.isArray(v.choices))) {
    const base = isObj(v.request) ? '/request/messages' : '/messages';
    const userIdx = messages.map((m, i) => (isObj(m) && m.role === 'user' && typeof m.content === 'string' ? i : -1)).filter((i) => i >= 0);
    const choices = (at(v, 'response', 'choices') ?? v.choices) as unknown;
    const choiceBase = isObj(v.response) ? '/response/choices' : '/choices';
    const answered = Array.isArray(choices) ? choices.map((c, i) => (typeof at(c, 'message', 'content') === 'string' ? i : -1)).filter((i) => i >= 0) : [];
    return {
      schema: 'chat_completion',
      fields: clean({
        timestamp: normalizeTimestamp(v.created ?? v.timestamp),
        tenant: str(at(v, 'metadata', 'tenant') ?? at(v, 'metadata', 'tenant_id')),
        user: str(v.user),
        session: str(at(v, 'metadata', 'session') ?? at(v, 'metadata', 'session_id')),
        requestId: str(v.id ?? at(v, 'response', 'id')),
        model: str(v.model ?? at(v, 'request', 'model')),
        prompt: userIdx.map((i) => (messages[i] as Obj).content as string).join('\n') || undefined,
        response: answered.map((i) => at((choices as unknown[])[i], 'message', 'content') as string).join('\n') || undefined,
      }),
      responsePointers: answered.map((i) => `${choiceBase}/${i}/message/content`),
      promptPointers: userIdx.map((i) => `${base}/${i}/content`),
    };
  }
  // Chatbot export (CSV): conversation turns by speaker.
  if ('speaker' in v && 'text' in v && ('conversation_id' in v || 'session_id' in v)) {
    const bot = /^(bot|assistant|agent|ai)$/i.test(String(v.speaker));
    return {
      schema: 'chatbot_export',
      fields: clean({ timestamp: normalizeTimestamp(v.timestamp), session: str(v.conversation_id ?? v.session_id), user: str(v.customer_id ?? v.user_id), action: str(v.channel), prompt: bot ? undefined : str(v.text), response: bot ? str(v.text) : undefined }),
      responsePointers: bot ? ['/text'] : [],
      promptPointers: bot ? [] : ['/text'],
    };
  }
  // AWS CloudTrail (Records[] form and the JSON-lines form with a nested CloudTrailEvent).
  if ('eventName' in v && 'eventSource' in v) return { schema: 'cloudtrail', fields: cloudTrail(v), ...none };
  if ('EventName' in v && 'CloudTrailEvent' in v) {
    let inner: Obj = {};
    try {
      const parsed = JSON.parse(String(v.CloudTrailEvent)) as unknown;
      if (isObj(parsed)) inner = parsed;
    } catch {
      /* keep the outer fields */
    }
    const f = cloudTrail(inner);
    return { schema: 'cloudtrail', fields: clean({ ...f, timestamp: normalizeTimestamp(v.EventTime) ?? f.timestamp, user: str(v.Username) ?? f.user, action: str(v.EventName), requestId: str(v.EventId) ?? f.requestId }), ...none };
  }
  // Azure activity log (REST camelCase, and the snake_case form of exports).
  if (('operationName' in v || 'operation_name' in v) && ('caller' in v || 'resourceId' in v || 'resource_id' in v)) {
    return {
      schema: 'azure_activity',
      fields: clean({
        timestamp: normalizeTimestamp(v.eventTimestamp ?? v.event_timestamp ?? v.time),
        tenant: str(v.subscriptionId ?? v.subscription_id ?? v.tenantId ?? v.tenant_id),
        user: str(at(v, 'claims', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn') ?? at(v, 'claims', 'name') ?? v.caller),
        requestId: str(v.correlationId ?? v.correlation_id),
        action: str(at(v, 'operationName', 'value') ?? at(v, 'operation_name', 'value') ?? v.operationName ?? v.operation_name),
        status: str(at(v, 'status', 'value') ?? v.status),
        sourceIp: str(at(v, 'httpRequest', 'clientIpAddress') ?? at(v, 'http_request', 'clientIpAddress') ?? at(v, 'http_request', 'client_ip_address') ?? at(v, 'claims', 'ipaddr')),
      }),
      ...none,
    };
  }
  // GCP Cloud Logging entry.
  if ('logName' in v && ('protoPayload' in v || 'jsonPayload' in v || 'textPayload' in v)) {
    return {
      schema: 'gcp_logging',
      fields: clean({ timestamp: normalizeTimestamp(v.timestamp ?? v.receiveTimestamp), tenant: str(at(v, 'resource', 'labels', 'project_id')), user: str(at(v, 'protoPayload', 'authenticationInfo', 'principalEmail')), requestId: str(v.insertId), action: str(at(v, 'protoPayload', 'methodName')), status: str(v.severity), sourceIp: str(at(v, 'protoPayload', 'requestMetadata', 'callerIp')) }),
      ...none,
    };
  }
  // Microsoft 365 unified audit log.
  if ('Operation' in v && 'CreationTime' in v) {
    return { schema: 'microsoft_audit', fields: clean({ timestamp: normalizeTimestamp(v.CreationTime), tenant: str(v.OrganizationId), user: str(v.UserId ?? v.UserKey), requestId: str(v.Id), action: str(v.Operation), status: str(v.ResultStatus), sourceIp: str(v.ClientIP) }), ...none };
  }
  // Anything else: whatever common keys it has.
  return {
    schema: 'json',
    fields: clean({ timestamp: normalizeTimestamp(v.timestamp ?? v['@timestamp'] ?? v.time ?? v.ts ?? v.date), tenant: str(v.tenant_id ?? v.tenant), user: str(v.user_id ?? v.user ?? v.username), session: str(v.session_id ?? v.session), requestId: str(v.request_id ?? v.requestId), model: str(v.model), action: str(v.action ?? v.event ?? v.endpoint), status: str(v.status), sourceIp: str(v.source_ip ?? v.ip ?? v.client_ip) }),
    ...none,
  };
}

/** Plain text lines: AWS ELB access logs, Linux audit records, or a leading timestamp. */
function mapTextLine(line: string): MappedRecord {
  const none = { responsePointers: [], promptPointers: [] };
  // AWS ALB ("type time elb client:port target:port …") and Classic ELB (no type field).
  const elb = /^(?:(?:https?|h2|wss?|grpcs) )?(\S+Z) (\S+) ([0-9a-fA-F.:]+):\d+ \S+ \S+ \S+ \S+ (\d{3}|-) \S+ \S+ \S+ "([^"]*)"/.exec(line);
  if (elb) return { schema: 'aws_elb', fields: clean({ timestamp: normalizeTimestamp(elb[1]), sourceIp: elb[3], action: elb[5], status: elb[4] === '-' ? undefined : elb[4] }), ...none };
  // AWS NLB TLS listener: "tls 2.0 time elb listener client:port destination:port …" (UTC, no zone).
  const nlb = /^tls \d\.\d (\S+) (\S+) \S+ ([0-9a-fA-F.:]+):\d+ /.exec(line);
  if (nlb) return { schema: 'aws_elb', fields: clean({ timestamp: normalizeTimestamp(nlb[1]), sourceIp: nlb[3], action: 'tls' }), ...none };
  // Linux audit: type=X msg=audit(EPOCH.mmm:SERIAL): … acct="…" / UID="…"
  const audit = /^type=(\S+) msg=audit\((\d+)\.(\d{3}):(\d+)\)/.exec(line);
  if (audit) {
    const user = /\bacct="([^"]*)"/.exec(line)?.[1] ?? /\bAUID="([^"]*)"/.exec(line)?.[1] ?? /\bUID="([^"]*)"/.exec(line)?.[1];
    return { schema: 'linux_audit', fields: clean({ timestamp: normalizeTimestamp(Number(audit[2]) * 1000 + Number(audit[3])), action: audit[1], requestId: audit[4], user, status: /\bres=(\w+)/.exec(line)?.[1] }), ...none };
  }
  return { schema: 'text', fields: clean({ timestamp: leadingTimestamp(line) }), ...none };
}

function cloudTrail(v: Obj): CommonFields {
  return clean({
    timestamp: normalizeTimestamp(v.eventTime),
    tenant: str(v.recipientAccountId ?? at(v, 'userIdentity', 'accountId')),
    user: str(at(v, 'userIdentity', 'arn') ?? at(v, 'userIdentity', 'userName') ?? at(v, 'userIdentity', 'principalId')),
    requestId: str(v.requestID ?? v.eventID),
    action: str(v.eventName),
    status: str(v.errorCode) ?? 'ok',
    sourceIp: str(v.sourceIPAddress),
  });
}
