// SPDX-License-Identifier: UNLICENSED
import type { RecordView } from '../../shared/api/types.js';
import { Badge } from '../components/Badge.js';
import { findingLabel } from '../lib/format.js';

export const ROW_HEIGHT = 30;

/** Fields already shown in their own columns are left out of the one-line summary. */
const SHOWN = /^(time|timestamp|ts|@timestamp|eventTime|user|user_id|userId|session|session_id|sessionId|tenant|tenant_id|tenantId)$/;
const FIRST = /prompt|message|content|text|input|query|action|event|operation|path|url/i;
const summaries = new WeakMap<RecordView, string>();

/** A JSON record as "key: value · key: value" (the rest of its fields); any other record as its text. */
export function summarise(view: RecordView): string {
  const cached = summaries.get(view);
  if (cached !== undefined) return cached;
  let out = view.text;
  if (view.text.startsWith('{')) {
    try {
      const value = JSON.parse(view.text) as Record<string, unknown>;
      out = Object.entries(value)
        .filter(([k, v]) => !SHOWN.test(k) && v !== null && v !== '')
        // What was said or done first: prompts, messages, actions; identifiers after.
        .sort(([a], [b]) => Number(FIRST.test(b)) - Number(FIRST.test(a)))
        .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
        .join(' · ')
        .slice(0, 400);
    } catch {
      // Malformed JSON records are shown as they are.
    }
  }
  summaries.set(view, out);
  return out;
}

export function RECORD_HEADER(showEvidence: boolean) {
  return (
    <div className="vrow vhead" role="row" aria-rowindex={1}>
      <span role="columnheader" className="c-idx">
        #
      </span>
      <span role="columnheader" className="c-time">
        Time (UTC)
      </span>
      <span role="columnheader" className="c-id">
        {showEvidence ? 'Log' : 'User'}
      </span>
      <span role="columnheader" className="c-id">
        Session
      </span>
      <span role="columnheader" className="c-text">
        Record
      </span>
      <span role="columnheader" className="c-flags">
        Flags
      </span>
    </div>
  );
}

export function RecordRow({ index, view, showEvidence }: { index: number; view: RecordView | undefined; showEvidence: boolean }) {
  if (!view) {
    return (
      <>
        <span role="gridcell" className="c-idx mono">
          {index}
        </span>
        <span role="gridcell" className="c-text muted">
          loading…
        </span>
      </>
    );
  }
  return (
    <>
      <span role="gridcell" className="c-idx mono">
        {view.record}
      </span>
      <span role="gridcell" className="c-time mono">
        {view.ts ? view.ts.slice(0, 19).replace('T', ' ') : '—'}
      </span>
      <span role="gridcell" className="c-id mono" title={showEvidence ? view.evidenceName : (view.user ?? '')}>
        {showEvidence ? view.evidenceName : (view.user ?? '—')}
      </span>
      <span role="gridcell" className="c-id mono" title={view.session ?? ''}>
        {view.session ?? '—'}
      </span>
      <span role="gridcell" className="c-text" title={view.redacted ? 'PII redacted' : undefined}>
        {summarise(view)}
      </span>
      <span role="gridcell" className="c-flags">
        {view.malformed && <Badge tone="fail">malformed</Badge>}
        {view.findings.map((f) => (
          <Badge key={f.type} tone={f.severity} title={findingLabel(f.type)}>
            {findingLabel(f.type)}
          </Badge>
        ))}
        {view.pii.length > 0 && (
          <Badge tone="medium" title={view.pii.map(findingLabel).join(', ')}>
            PII
          </Badge>
        )}
      </span>
    </>
  );
}
