// SPDX-License-Identifier: UNLICENSED
// What the vault can propose for the incident record from its own data, each proposal with its
// source: records implicated by AI-incident findings (count, tenants, first and last timestamps),
// distinct PII values and categories, model evidence digests, ATLAS ids. Nothing is recorded until
// the examiner accepts a proposal (setIncidentField with `source`).
import { createHash } from 'node:crypto';
import type { JsonValue } from '../../../shared/canonicalJson.js';
import { asJson, fieldSpec, type FieldValue } from '../../../shared/incident/fields.js';
import { valueHash } from '../../../shared/incident/record.js';
import { parseRfc3339 } from '../../../shared/incident/time.js';
import { EvaultError } from '../../../shared/errors.js';
import type { Signer } from '../keys/signer.js';
import { requireCase } from '../vault/cases.js';
import { caseEvidence } from '../vault/queries/evidence.js';
import { readRecordBytes, type RecordRange } from '../vault/recordBytes.js';
import type { Vault } from '../vault/vault.js';
import { readIncident, setIncidentField, type SetFieldResult } from './incident.js';

export interface Proposal {
  field: string;
  label: string;
  value: JsonValue;
  /** Where the value comes from, in words a report can quote. */
  source: string;
  /** The record's current value, and whether the proposal differs from it. */
  current: JsonValue;
  differs: boolean;
}

const plural = (n: number, w: string) => `${n.toLocaleString('en-US')} ${w}${n === 1 ? '' : 's'}`;

/** Most implicated records read back to look for system prompts; a bound on the work, stated in the source. */
const MAX_PROMPT_RECORDS = 20_000;

/**
 * SHA-256 of the system messages (UTF-8 of the message content) of the implicated records of
 * chat-completion logs — the system prompt in force when the incident happened, where the log
 * carries it.
 */
async function systemPromptDigests(vault: Vault, caseId: string, implicated: ReadonlyMap<string, ReadonlySet<number>>): Promise<{ digests: Map<string, number>; records: number; logs: number; capped: boolean }> {
  const digests = new Map<string, number>();
  let records = 0;
  let logs = 0;
  let capped = false;
  const rows = vault.db.prepare("SELECT idx, offset, length FROM log_records WHERE evidence_id = ? AND schema = 'chat_completion' AND malformed IS NULL ORDER BY idx");
  const evidenceById = new Map(caseEvidence(vault.db, caseId).map((e) => [e.id, e]));
  for (const [evidenceId, set] of implicated) {
    const all = (rows.all(evidenceId) as RecordRange[]).filter((r) => set.has(r.idx));
    const ranges = all.slice(0, Math.max(0, MAX_PROMPT_RECORDS - records));
    if (ranges.length < all.length) capped = true;
    const evidence = evidenceById.get(evidenceId);
    if (ranges.length === 0 || !evidence) continue;
    logs++;
    for (const bytes of (await readRecordBytes(vault, evidence, ranges)).values()) {
      records++;
      let value: unknown;
      try {
        value = JSON.parse(bytes.toString('utf8'));
      } catch {
        continue;
      }
      const v = value as { request?: { messages?: unknown }; messages?: unknown };
      const messages = v.request?.messages ?? v.messages;
      if (!Array.isArray(messages)) continue;
      for (const m of messages as { role?: unknown; content?: unknown }[]) {
        if (m?.role !== 'system' || typeof m.content !== 'string') continue;
        const h = createHash('sha256').update(m.content, 'utf8').digest('hex');
        digests.set(h, (digests.get(h) ?? 0) + 1);
      }
    }
  }
  return { digests, records, logs, capped };
}

export async function suggestIncident(vault: Vault, caseRef: string): Promise<Proposal[]> {
  const c = requireCase(vault, caseRef);
  const db = vault.db;
  const out: { field: string; value: FieldValue; source: string }[] = [];

  // Records implicated by AI-incident findings, per evidence item.
  const implicated = new Map<string, Set<number>>();
  const atlas = new Set<string>();
  let findings = 0;
  for (const r of db.prepare('SELECT evidence_id, atlas, records FROM findings WHERE case_id = ?').iterate(c.id) as Iterable<{ evidence_id: string; atlas: string | null; records: string }>) {
    findings++;
    if (r.atlas) atlas.add(r.atlas);
    let set = implicated.get(r.evidence_id);
    if (!set) implicated.set(r.evidence_id, (set = new Set()));
    for (const i of JSON.parse(r.records) as number[]) set.add(i);
  }
  let records = 0;
  let first: string | null = null;
  let last: string | null = null;
  const tenants = new Set<string>();
  const recordsQuery = db.prepare('SELECT idx, ts, tenant FROM log_records WHERE evidence_id = ?');
  for (const [evidence, set] of implicated) {
    records += set.size;
    for (const r of recordsQuery.iterate(evidence) as Iterable<{ idx: number; ts: string | null; tenant: string | null }>) {
      if (!set.has(r.idx)) continue;
      if (r.tenant) tenants.add(r.tenant);
      if (r.ts) {
        if (first === null || r.ts < first) first = r.ts;
        if (last === null || r.ts > last) last = r.ts;
      }
    }
  }
  const fromFindings = `${plural(findings, 'AI-incident finding')} in ${plural(implicated.size, 'log')}`;
  if (records > 0) out.push({ field: 'impact.records', value: records, source: `distinct log records cited by ${fromFindings}` });
  if (tenants.size > 0) out.push({ field: 'impact.tenants', value: tenants.size, source: `distinct tenant values of the records cited by ${fromFindings}` });
  const time = (ts: string) => {
    try {
      // Normalised to the UTC form setIncidentField stores, so an accepted proposal no longer differs.
      return parseRfc3339(parseRfc3339(ts).utc);
    } catch {
      return null;
    }
  };
  const t0 = first ? time(first) : null;
  const t1 = last ? time(last) : null;
  if (t0) out.push({ field: 'times.occurrence', value: t0, source: `earliest timestamp of the records cited by ${fromFindings}` });
  if (t1) out.push({ field: 'times.end', value: t1, source: `latest timestamp of the records cited by ${fromFindings}` });
  if (atlas.size > 0) out.push({ field: 'classification.atlas', value: [...atlas].sort(), source: `MITRE ATLAS ids named by the rules of ${fromFindings}` });

  // Distinct PII values: the case's placeholders are numbered once per distinct value and type.
  const pii = db.prepare('SELECT type, count(*) AS n FROM pii_placeholders WHERE case_id = ? GROUP BY type ORDER BY type').all(c.id) as { type: string; n: number }[];
  const distinct = pii.reduce((s, r) => s + r.n, 0);
  if (distinct > 0) {
    out.push({ field: 'impact.distinctPiiValues', value: distinct, source: `PII detectors: ${pii.map((r) => `${r.n} ${r.type.slice(4)}`).join(', ')} (distinct values, counted by their salted hashes)` });
    out.push({ field: 'impact.dataCategories', value: pii.map((r) => r.type.slice(4).replace(/_/g, ' ')), source: 'types of personal data the PII detectors found in the case’s logs' });
  }

  const prompts = await systemPromptDigests(vault, c.id, implicated);
  if (prompts.digests.size > 0) {
    const ordered = [...prompts.digests].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    out.push({ field: 'system.systemPromptDigests', value: ordered.map(([h]) => h), source: `SHA-256 of the system messages in ${plural(prompts.records, 'implicated chat-completion record')} of ${plural(prompts.logs, 'log')} (${ordered.map(([h, n]) => `${h.slice(0, 12)}… in ${n}`).join(', ')})${prompts.capped ? `; only the first ${MAX_PROMPT_RECORDS.toLocaleString('en-US')} records were read` : ''}` });
  }

  // Model evidence digests.
  const models = db.prepare("SELECT e.name, e.sha256, m.weights_root FROM evidence e LEFT JOIN model_meta m ON m.evidence_id = e.id WHERE e.case_id = ? AND e.kind = 'model' ORDER BY e.acquired_at, e.name").all(c.id) as { name: string; sha256: string; weights_root: string | null }[];
  if (models.length > 0) out.push({ field: 'system.modelDigests', value: models.map((m) => m.sha256), source: `SHA-256 of model evidence ${models.map((m) => `${m.name}${m.weights_root ? ` (weights root ${m.weights_root.slice(0, 16)}…)` : ''}`).join(', ')}` });

  const rec = readIncident(db, c.id);
  return out.map((p) => {
    const value = asJson(p.value);
    const current = rec.fields[p.field]?.value ?? null;
    return { field: p.field, label: fieldSpec(p.field).label, value, source: p.source, current, differs: valueHash(current) !== valueHash(value) };
  });
}

/** Records the chosen proposals (all that differ when `fields` is 'all'), each naming its source. */
export async function acceptSuggestions(vault: Vault, signer: Signer, caseRef: string, fields: readonly string[] | 'all'): Promise<SetFieldResult[]> {
  const proposals = await suggestIncident(vault, caseRef);
  const chosen = fields === 'all' ? proposals.filter((p) => p.differs) : fields.map((f) => proposals.find((p) => p.field === f) ?? ((): never => {
    throw new EvaultError('NOT_FOUND', `the vault has no proposal for ${f}; "evault incident CASE suggest" lists them`);
  })());
  return chosen.map((p) => setIncidentField(vault, signer, caseRef, { field: p.field, value: undefined, source: `vault: ${p.source}`, ...rawValue(p.value) }));
}

/** Turns a proposal back into the typed input setIncidentField parses, so it is validated the same way. */
function rawValue(v: JsonValue): { value?: string; at?: string } {
  if (Array.isArray(v)) return { value: v.join(',') };
  if (v !== null && typeof v === 'object') return { at: (v as { utc: string }).utc };
  return { value: String(v) };
}
