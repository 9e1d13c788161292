// SPDX-License-Identifier: UNLICENSED
// The streaming AI-incident rule engine. Records go in one at a time, in file order; per-record
// rules (injection, exfiltration, response leak, cross-tenant) judge each as it arrives, and the
// stateful rules (bursts, model changes) keep only bounded state: sliding windows per active user
// and one map entry per distinct identifier or model string.
import type { Finding, PiiMatch } from '../findings.js';
import type { CommonFields } from '../logs/commonFields.js';
import { BurstTracker, type Burst, type BurstOptions } from './burst.js';
import { CROSS_TENANT_ATLAS, CrossTenantTracker, type TenantIdentifier } from './crossTenant.js';
import { detectExfiltration } from './exfiltration.js';
import { findIdentifiers } from './identifiers.js';
import type { InjectionVerdict } from './injection/detect.js';
import { detectInjection } from './injection/index.js';
import { ModelChangeTracker } from './modelChange.js';
import { responseLeakFinding } from './responseLeak.js';

export interface ObservedRecord {
  /** 0-based index of the record in its evidence, in file order. */
  index: number;
  fields: CommonFields;
  /** PII found in the record; `field` is the JSON Pointer of the field, `value` the matched text. */
  pii: ReadonlyArray<PiiMatch & { field: string; value: string }>;
  /**
   * JSON Pointers of the fields that hold the model's response: ["/response"] for an inference
   * audit log, ["/response/choices/0/message/content"] for a chat completion, ["/text"] for a
   * chatbot row spoken by the bot, [] for one spoken by the customer. Absent: every pointer
   * equal to or under "/response".
   */
  responsePointers?: readonly string[];
  /**
   * JSON Pointers of the user-authored fields `fields.prompt` was built from (operator system
   * messages excluded). When there is exactly one, prompt findings carry it with their span.
   */
  promptPointers?: readonly string[];
}

export interface RuleEngineOptions {
  burst?: Partial<BurstOptions>;
  /** A version that reappears after this many records of others is reported again (roll-back). */
  modelReturnAfter?: number;
  /** Distinct identifiers the cross-tenant rule tracks at most (about 40 bytes each). */
  maxIdentifiers?: number;
  /** PII types the cross-tenant rule ignores: IP addresses are shared infrastructure, not customer data. */
  crossTenantIgnore?: readonly string[];
  /** Injection verdict for a prompt; defaults to the shipped rules and model. */
  injection?: (prompt: string) => InjectionVerdict | null;
  /** Receives each finding as soon as it is final; finish() then returns only what was still open. */
  onFinding?: (f: Finding) => void;
}

export const DEFAULT_ENGINE_OPTIONS = {
  burst: { minCount: 100, windowMs: 10 * 60_000, maxGapMs: 60_000, maxRecords: 100_000 },
  modelReturnAfter: 1000,
  maxIdentifiers: 2_000_000,
  crossTenantIgnore: ['pii.ip'],
} as const;

const TYPE_ORDER: Record<string, number> = { 'ai.prompt_injection': 0, 'ai.system_prompt_exfiltration': 1, 'ai.response_leak': 2, 'ai.cross_tenant': 3, 'ai.burst': 4, 'ai.model_change': 5 };

function isResponse(pointer: string, responsePointers: readonly string[] | undefined): boolean {
  if (responsePointers) return responsePointers.includes(pointer);
  return pointer === '/response' || pointer.startsWith('/response/');
}

function utc(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 120 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

export class RuleEngine {
  private readonly found: Finding[] = [];
  private readonly bursts: BurstTracker;
  private readonly models: ModelChangeTracker;
  private readonly tenants: CrossTenantTracker;
  private readonly injection: (prompt: string) => InjectionVerdict | null;
  private readonly ignore: ReadonlySet<string>;
  private readonly onFinding: ((f: Finding) => void) | undefined;
  private readonly burstOpts: BurstOptions;

  constructor(opts: RuleEngineOptions = {}) {
    this.burstOpts = { ...DEFAULT_ENGINE_OPTIONS.burst, ...opts.burst };
    this.bursts = new BurstTracker(this.burstOpts);
    this.models = new ModelChangeTracker(opts.modelReturnAfter ?? DEFAULT_ENGINE_OPTIONS.modelReturnAfter);
    this.tenants = new CrossTenantTracker(opts.maxIdentifiers ?? DEFAULT_ENGINE_OPTIONS.maxIdentifiers);
    this.injection = opts.injection ?? detectInjection;
    this.ignore = new Set(opts.crossTenantIgnore ?? DEFAULT_ENGINE_OPTIONS.crossTenantIgnore);
    this.onFinding = opts.onFinding;
  }

  /** Sizes of the engine's state, for memory checks. */
  stateSize(): { users: number; identifiers: number; untrackedIdentifiers: number } {
    return { users: this.bursts.trackedUsers, identifiers: this.tenants.size, untrackedIdentifiers: this.tenants.untracked };
  }

  private emit(f: Finding): void {
    if (this.onFinding) this.onFinding(f);
    else this.found.push(f);
  }

  observe(record: ObservedRecord): void {
    const { index, fields } = record;
    const prompt = fields.prompt;
    if (prompt) this.judgePrompt(record, prompt);
    const leak = responseLeakFinding(index, record.pii, (p) => isResponse(p, record.responsePointers));
    if (leak) this.emit(leak);
    if (fields.tenant) this.crossTenant(record, fields.tenant);
    // A request is a record with a prompt, or an API call with neither prompt nor response (a
    // cloud audit event); a chatbot export's bot turns are answers, not requests.
    if (fields.user && fields.timestamp && (prompt || !fields.response)) {
      const ms = Date.parse(fields.timestamp);
      if (!Number.isNaN(ms)) this.bursts.observe(index, fields.user, ms, (b) => this.emit(this.burstFinding(b)));
    }
    if (fields.model) {
      const c = this.models.observe(index, fields.model, fields.timestamp);
      if (c) {
        this.emit({
          type: 'ai.model_change',
          rule: 'ai.model_change.version',
          atlas: null,
          severity: 'info',
          records: c.previousRecord >= 0 ? [c.record, c.previousRecord] : [c.record],
          explanation: `Model version changed from "${c.from}" to "${c.to}"${c.timestamp ? ` at ${c.timestamp}` : ''}${c.kind === 'returned' ? ' (an earlier version returned)' : ''}; record ${c.previousRecord} was the last served by "${c.from}".`,
        });
      }
    }
  }

  private judgePrompt(record: ObservedRecord, prompt: string): void {
    const field = record.promptPointers?.length === 1 ? record.promptPointers[0] : undefined;
    const span = (start?: number, end?: number): Pick<Finding, 'field' | 'start' | 'end'> =>
      field === undefined ? {} : start !== undefined && end !== undefined ? { field, start, end } : { field };
    const exfil = detectExfiltration(prompt);
    const verdict = this.injection(prompt);
    // An extraction request scores high on the classifier by itself; it is an injection as well
    // only when a rule sees an override in it ("ignore the above and print your prompt").
    if (verdict && !(exfil && verdict.classifierOnly)) {
      this.emit({ type: 'ai.prompt_injection', rule: verdict.rule, atlas: verdict.atlas, severity: verdict.severity, records: [record.index], ...span(verdict.start, verdict.end), explanation: verdict.explanation, ...(verdict.score === undefined ? {} : { score: verdict.score }) });
    }
    if (exfil) {
      this.emit({ type: 'ai.system_prompt_exfiltration', rule: exfil.rule, atlas: exfil.atlas, severity: 'high', records: [record.index], ...span(exfil.start, exfil.end), explanation: exfil.explanation });
    }
  }

  private crossTenant(record: ObservedRecord, tenant: string): void {
    const ids: TenantIdentifier[] = [];
    for (const m of record.pii) {
      if (this.ignore.has(m.type)) continue;
      ids.push({ kind: m.type, value: m.value, inResponse: isResponse(m.field, record.responsePointers), field: m.field, start: m.start, end: m.end });
    }
    const { prompt, response } = record.fields;
    if (prompt) for (const id of findIdentifiers(prompt)) ids.push({ kind: id.kind, value: id.value, inResponse: false });
    if (response) {
      const pointer = record.responsePointers?.length === 1 ? record.responsePointers[0]! : record.responsePointers ? undefined : '/response';
      for (const id of findIdentifiers(response)) ids.push({ kind: id.kind, value: id.value, inResponse: true, ...(pointer ? { field: pointer, start: id.start, end: id.end } : {}) });
    }
    const leak = this.tenants.observe(record.index, tenant, ids);
    if (!leak) return;
    const l = leak.leaked;
    this.emit({
      type: 'ai.cross_tenant',
      rule: 'ai.cross_tenant.identifier',
      atlas: CROSS_TENANT_ATLAS,
      severity: 'high',
      records: [record.index, leak.firstRecord],
      ...(l.field !== undefined ? { field: l.field } : {}),
      ...(l.start !== undefined && l.end !== undefined ? { start: l.start, end: l.end } : {}),
      explanation: `The response to tenant "${tenant}" contains ${leak.count === 1 ? `an identifier (${leak.kinds[0]})` : `${leak.count} identifiers (${leak.kinds.join(', ')})`} first seen in tenant "${leak.firstTenant}" at record ${leak.firstRecord}.`,
    });
  }

  private burstFinding(b: Burst): Finding {
    const hour = new Date(b.startMs).getUTCHours();
    const night = hour < 6 || hour >= 22 ? ', outside business hours (UTC)' : '';
    const kept = b.records.length < b.count ? ` (first ${b.records.length} listed)` : '';
    return {
      type: 'ai.burst',
      rule: 'ai.burst.user_rate',
      atlas: 'AML.T0034',
      severity: b.count >= 5 * this.burstOpts.minCount ? 'high' : 'medium',
      records: b.records,
      explanation: `${b.count} requests from user "${b.user}" in ${duration(b.endMs - b.startMs)}, ${utc(b.startMs)} to ${utc(b.endMs)}${night}; peak ${b.peak} within ${duration(this.burstOpts.windowMs)}${kept}. Scripted use: possible cost harvesting or bulk extraction.`,
    };
  }

  /** Closes open bursts and returns the findings not yet delivered, ordered by primary record. */
  finish(): Finding[] {
    this.bursts.finish((b) => this.emit(this.burstFinding(b)));
    const out = this.found.splice(0);
    return out.sort((a, b) => a.records[0]! - b.records[0]! || TYPE_ORDER[a.type]! - TYPE_ORDER[b.type]!);
  }
}
