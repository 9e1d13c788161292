// SPDX-License-Identifier: UNLICENSED
// Findings that exist only as their signed finding.recorded event: a model diff recorded by an
// examiner (`evault model-diff --record`, "Record as finding" in the app) and the pickle scan of a
// model file at import. Log findings (ai.*) and PII matches have rows of their own (findingsList.ts);
// their events only bind those rows by digest, so they are not listed again here.
import type { JsonValue } from '../../../shared/canonicalJson.js';
import { parseEvent } from '../../../shared/custody/verifyLog.js';
import type { Severity } from '../../../shared/findings.js';
import type { Vault } from './vault.js';

/** The finding kinds recorded only as events; any other non-log kind is listed too, under its own type. */
export const RECORDED_FINDING_TYPES = ['model.diff', 'model.pickle-scan'] as const;

export interface RecordedFinding {
  type: string;
  /** The tool and version that produced it, e.g. "evault-model-diff/1.0.0". */
  rule: string;
  severity: Severity;
  summary: string;
  /** Every evidence item the finding concerns (both sides of a diff), and sides that were files on disk. */
  items: { evidence: string | null; name: string }[];
  seq: number;
  hash: string;
  at: string;
  actor: string;
}

type Details = { [key: string]: JsonValue };
const str = (v: JsonValue | undefined): string => (typeof v === 'string' ? v : '');

function side(d: Details | undefined, names: Map<string, string>): { evidence: string | null; name: string } | null {
  if (!d || typeof d !== 'object') return null;
  const id = str(d.evidence);
  if (id) return { evidence: id, name: names.get(id) ?? (str(d.name) || id) };
  const path = str(d.path);
  return path ? { evidence: null, name: path } : null;
}

function describe(d: Details, anchor: string | null, names: Map<string, string>): Omit<RecordedFinding, 'seq' | 'hash' | 'at' | 'actor'> {
  const type = str(d.type);
  const own = anchor ? [{ evidence: anchor, name: names.get(anchor) ?? anchor }] : [];
  if (type === 'model.diff') {
    const items = [side(d.a as Details, names), side(d.b as Details, names)].filter((x): x is { evidence: string | null; name: string } => x !== null);
    // A diff is an observation the examiner chose to record; differing weights are what usually matters.
    return { type, rule: str(d.tool), severity: d.weightsIdentical === false ? 'medium' : 'info', summary: str(d.summary) || 'no difference', items: items.length ? items : own };
  }
  if (type === 'model.pickle-scan') {
    const verdict = str(d.verdict);
    const globals = Array.isArray(d.dangerous) && d.dangerous.length ? d.dangerous : Array.isArray(d.suspicious) ? d.suspicious : [];
    const severity: Severity = verdict === 'dangerous' ? 'high' : verdict === 'suspicious' ? 'medium' : verdict === 'invalid' ? 'low' : 'info';
    const summary = `pickle verdict ${verdict || 'unknown'}${globals.length ? `: ${globals.slice(0, 5).map(String).join(', ')}${globals.length > 5 ? '…' : ''}` : ''}${d.reason ? ` — ${str(d.reason)}` : ''}`;
    return { type, rule: `${str(d.scanner)}/${str(d.scannerVersion)}`, severity, summary, items: own };
  }
  return { type, rule: str(d.tool) || str(d.scanner) || type, severity: 'info', summary: str(d.summary) || type, items: own };
}

/** The case's event-only findings, oldest first; `type` keeps one kind. */
export function recordedFindings(vault: Vault, caseId: string, type?: string): RecordedFinding[] {
  const names = new Map((vault.db.prepare('SELECT id, name FROM evidence WHERE case_id = ?').all(caseId) as { id: string; name: string }[]).map((r) => [r.id, r.name]));
  const rows = vault.db.prepare("SELECT seq, hash, bytes FROM events WHERE log = ? AND action = 'finding.recorded' ORDER BY seq").all(caseId) as { seq: number; hash: string; bytes: Buffer }[];
  const out: RecordedFinding[] = [];
  for (const r of rows) {
    const e = parseEvent(new Uint8Array(r.bytes));
    const t = str(e.details.type);
    if (!t || t.startsWith('ai.') || t.startsWith('pii.') || (type !== undefined && t !== type)) continue;
    out.push({ ...describe(e.details, e.evidence, names), seq: r.seq, hash: r.hash, at: e.at, actor: e.actor });
  }
  return out;
}
