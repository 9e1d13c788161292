// SPDX-License-Identifier: UNLICENSED
// The incident record of a case: read (folded from the custody log), changed one field at a time
// (a signed incident.updated event each), filings logged (incident.notified), deadlines computed.
// Plain inputs, coded errors and JSON-able results, so the CLI and an app handler call these as they are.
import type { JsonValue } from '../../../shared/canonicalJson.js';
import { INCIDENT_FIELDS, INCIDENT_GROUPS, asJson, fieldSpec, parseFieldValue, type ValueInput } from '../../../shared/incident/fields.js';
import { INCIDENT_NOTIFIED, INCIDENT_UPDATED, foldIncident, valueHash, type IncidentRecord, type IncidentUpdateDetails, type NotificationDetails } from '../../../shared/incident/record.js';
import { checkTimeZone, parseRfc3339 } from '../../../shared/incident/time.js';
import { parseEvent } from '../../../shared/custody/verifyLog.js';
import { EvaultError } from '../../../shared/errors.js';
import { computeDeadlines, type DeadlineReport } from '../../../shared/regimes/deadlines.js';
import { findRegime } from '../../../shared/regimes/index.js';
import type { Signer } from '../keys/signer.js';
import { ensureExaminer, requireCase, requireOpenCase } from '../vault/cases.js';
import { appendEvent } from '../vault/custodyLog.js';
import type { Db } from '../vault/db.js';
import { stmt } from '../vault/queries/statements.js';
import type { Vault } from '../vault/vault.js';

/** The incident events of a case log, parsed, in seq order. */
export function incidentEvents(db: Db, caseId: string) {
  const rows = stmt(db, `SELECT bytes FROM events WHERE log = ? AND action IN ('${INCIDENT_UPDATED}', '${INCIDENT_NOTIFIED}') ORDER BY seq`).all(caseId) as { bytes: Buffer }[];
  return rows.map((r) => parseEvent(new Uint8Array(r.bytes)));
}

export function readIncident(db: Db, caseId: string): IncidentRecord {
  return foldIncident(incidentEvents(db, caseId));
}

export interface IncidentView {
  case: { id: string; number: string; title: string };
  groups: { id: string; section: number; title: string; fields: { id: string; label: string; kind: string; value: JsonValue; seq: number | null; source: string | null }[] }[];
  record: IncidentRecord;
}

/** The record with every field of the catalogue, unset ones as null, grouped as in the report. */
export function showIncident(vault: Vault, caseRef: string): IncidentView {
  const c = requireCase(vault, caseRef);
  const record = readIncident(vault.db, c.id);
  return {
    case: { id: c.id, number: c.number, title: c.title },
    groups: INCIDENT_GROUPS.map((g) => ({
      ...g,
      fields: INCIDENT_FIELDS.filter((f) => f.group === g.id).map((f) => {
        const e = record.fields[f.id];
        return { id: f.id, label: f.label, kind: f.kind, value: e?.value ?? null, seq: e?.seq ?? null, source: e?.source ?? null };
      }),
    })),
    record,
  };
}

export interface SetFieldInput extends ValueInput {
  field: string;
  /** Remove the value (recorded as an event whose new value is null). */
  clear?: boolean;
  /** Set when the examiner accepts a vault proposal: where it came from. */
  source?: string | null;
}

export interface SetFieldResult {
  field: string;
  changed: boolean;
  value: JsonValue;
  old: string | null;
  new: string | null;
  seq: number | null;
}

/**
 * Sets (or clears) one field with a signed incident.updated event carrying the field, the hashes
 * of the old and new values and the new value. An unchanged value records nothing.
 */
export function setIncidentField(vault: Vault, signer: Signer, caseRef: string, input: SetFieldInput): SetFieldResult {
  const spec = fieldSpec(input.field);
  if (input.clear && (input.value !== undefined || input.at !== undefined || input.status !== undefined)) throw new EvaultError('USAGE', 'give either a value or --clear, not both');
  const parsed: JsonValue = input.clear ? null : asJson(parseFieldValue(spec, input));
  const c = requireOpenCase(vault, caseRef);
  ensureExaminer(vault, signer);
  return vault.db.transaction((): SetFieldResult => {
    const rec = readIncident(vault.db, c.id);
    if (rec.problems.length > 0) throw new EvaultError('DB_CORRUPT', `the incident record of case ${c.number} does not chain at event ${rec.problems[0]!.seq} (${rec.problems[0]!.message}); run "evault verify-vault"`);
    const current = rec.fields[spec.id];
    const old = current ? valueHash(current.value) : null;
    const next = valueHash(parsed);
    if (old === next) return { field: spec.id, changed: false, value: parsed, old, new: next, seq: null };
    const details: IncidentUpdateDetails = { field: spec.id, old, new: next, value: parsed, source: input.source ?? null };
    const { event } = appendEvent(vault.db, signer, { caseId: c.id, action: INCIDENT_UPDATED, details: details as unknown as { [k: string]: JsonValue } });
    return { field: spec.id, changed: true, value: parsed, old, new: next, seq: event.seq };
  })();
}

export interface NotifyInput {
  regime: string;
  recipient: string;
  at: string;
  channel?: string | null;
  ref?: string | null;
  /** The clock to judge "in the future" by (tests fix it). */
  now?: Date;
}

/** Logs a filing made under a regime as a signed incident.notified event. */
export function recordNotification(vault: Vault, signer: Signer, caseRef: string, input: NotifyInput): { seq: number; notification: NotificationDetails } {
  const regime = findRegime(input.regime);
  const recipient = input.recipient.trim();
  if (!recipient) throw new EvaultError('BAD_INPUT', 'a notification needs --recipient (the authority or "data subjects")');
  const at = parseRfc3339(input.at);
  // A filing logged in the future is a typo (a wrong year or offset), not a plan.
  if (Date.parse(at.utc) > (input.now ?? new Date()).getTime() + 60_000) throw new EvaultError('BAD_INPUT', `--at ${input.at} is in the future; log a notification once it has been made`);
  const c = requireOpenCase(vault, caseRef);
  ensureExaminer(vault, signer);
  const notification: NotificationDetails = { regime: regime.id, recipient, at, channel: input.channel?.trim() || null, ref: input.ref?.trim() || null };
  const { event } = vault.db.transaction(() => appendEvent(vault.db, signer, { caseId: c.id, action: INCIDENT_NOTIFIED, details: notification as unknown as { [k: string]: JsonValue } }))();
  return { seq: event.seq, notification };
}

/** The deadline computation for a case now (or at `now`), in the examiner's zone or `zone`. */
export function incidentDeadlines(vault: Vault, caseRef: string, options: { now?: Date; zone?: string | null } = {}): DeadlineReport & { case: { id: string; number: string } } {
  const c = requireCase(vault, caseRef);
  const rec = readIncident(vault.db, c.id);
  if (options.zone) checkTimeZone(options.zone);
  return { case: { id: c.id, number: c.number }, ...computeDeadlines(rec, (options.now ?? new Date()).toISOString(), options.zone ?? null) };
}
