// SPDX-License-Identifier: UNLICENSED
// Log records of a case: the whole log in a virtualised table (pages fetched as they scroll into
// view), or the results of a search; PII redacted with per-case placeholders, a reveal action that
// is itself recorded as a custody event, and finding badges per record.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../api/vault.js';
import { SEARCH_FIELDS } from '../../shared/api/contract.js';
import type { EvidenceItem, RecordView } from '../../shared/api/types.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { VirtualRows } from '../components/VirtualRows.js';
import { formatCount } from '../lib/format.js';
import { useLoad } from '../lib/useLoad.js';
import type { RecordTarget } from './CaseView.js';
import type { Citations } from '../lib/citations.js';
import { RecordDetail } from './RecordDetail.js';
import { RecordRow, RECORD_HEADER, ROW_HEIGHT } from './RecordRow.js';

const PAGE = 200;
type Field = (typeof SEARCH_FIELDS)[number];
const FIELD_LABELS: Record<Field, string> = { text: 'All text', session: 'Session', user: 'User', tenant: 'Tenant', request: 'Request id', model: 'Model', action: 'Action', ip: 'Source IP' };

/** Pages of one log, fetched on demand and kept while the log is open. */
function usePages(caseId: string, evidence: EvidenceItem | undefined) {
  const pages = useRef(new Map<number, RecordView[]>());
  const pending = useRef(new Set<number>());
  const [, setVersion] = useState(0);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    pages.current = new Map();
    pending.current = new Set();
    setVersion((v) => v + 1);
  }, [evidence?.id]);
  const ensure = useCallback(
    (first: number, last: number) => {
      if (!evidence) return;
      for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) {
        if (pages.current.has(p) || pending.current.has(p)) continue;
        pending.current.add(p);
        const evidenceId = evidence.id;
        api.logRecords({ caseId, evidenceId, start: p * PAGE, count: PAGE }).then(
          (page) => {
            pending.current.delete(p);
            if (page.evidence !== evidenceId) return;
            pages.current.set(p, page.records);
            setVersion((v) => v + 1);
          },
          (err: unknown) => {
            pending.current.delete(p);
            setError(err);
          },
        );
      }
    },
    [caseId, evidence],
  );
  const get = (i: number): RecordView | undefined => pages.current.get(Math.floor(i / PAGE))?.[i % PAGE];
  const replace = (view: RecordView) => {
    const page = pages.current.get(Math.floor(view.record / PAGE));
    if (page) page[view.record % PAGE] = view;
    setVersion((v) => v + 1);
  };
  return { ensure, get, replace, error };
}

export function LogExplorer({ caseId, sealed, target, nativeDialogs, citations }: { caseId: string; sealed: boolean; target?: RecordTarget; nativeDialogs: boolean; citations: Citations }) {
  const evidence = useLoad(() => api.listEvidence({ caseId }), [caseId]);
  const logs = (evidence.data ?? []).filter((e) => e.log);
  const [evidenceId, setEvidenceId] = useState<string>();
  const current = logs.find((e) => e.id === evidenceId) ?? logs[0];
  const pages = usePages(caseId, current);
  const [selected, setSelected] = useState<number | null>(null);
  const [jump, setJump] = useState<number | null>(null);
  const [field, setField] = useState<Field>('text');
  const [query, setQuery] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [results, setResults] = useState<RecordView[]>();
  const [searchError, setSearchError] = useState<unknown>();
  const [searching, setSearching] = useState(false);
  const [revealed, setRevealed] = useState<RecordView>();

  useEffect(() => {
    if (!target) return;
    setEvidenceId(target.evidenceId);
    setResults(undefined);
    setSelected(target.record);
    setJump(target.record);
  }, [target]);

  useEffect(() => setRevealed(undefined), [selected, results, current?.id]);

  const search = async (e: FormEvent) => {
    e.preventDefault();
    if (!query.trim()) return setResults(undefined);
    setSearching(true);
    setSearchError(undefined);
    try {
      // datetime-local has no zone; the inputs are labelled UTC and sent as RFC 3339 UTC.
      const utc = (v: string) => (v ? `${v.length === 16 ? `${v}:00` : v}Z` : undefined);
      const found = await api.searchLogs({ caseId, query: query.trim(), field, limit: 5000, from: utc(from), to: utc(to) });
      setResults(found);
      setSelected(found.length ? 0 : null);
    } catch (err) {
      setSearchError(err);
    } finally {
      setSearching(false);
    }
  };

  if (evidence.data && logs.length === 0) {
    return (
      <div className="empty">
        <h2>No logs in this case</h2>
        <p>Import a log export (JSON Lines, CSV, syslog, CloudTrail, …) on the Evidence tab; its records appear here.</p>
      </div>
    );
  }

  const inResults = results !== undefined;
  const total = inResults ? results.length : (current?.log?.records ?? 0);
  const rowAt = (i: number) => (inResults ? results[i] : pages.get(i));
  const chosen = selected === null ? undefined : rowAt(selected);
  const shown = revealed && chosen && revealed.record === chosen.record && revealed.evidence === chosen.evidence ? revealed : chosen;

  return (
    <div className="log-explorer">
      <form className="log-toolbar" onSubmit={search} role="search" aria-label="Search log records">
        <label className="sr-only" htmlFor="log-evidence">
          Log
        </label>
        <select id="log-evidence" value={current?.id ?? ''} onChange={(e) => { setEvidenceId(e.target.value); setResults(undefined); setSelected(null); }}>
          {logs.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name} ({formatCount(l.log!.records)} records)
            </option>
          ))}
        </select>
        <label className="sr-only" htmlFor="log-field">
          Search in
        </label>
        <select id="log-field" value={field} onChange={(e) => setField(e.target.value as Field)}>
          {SEARCH_FIELDS.map((f) => (
            <option key={f} value={f}>
              {FIELD_LABELS[f]}
            </option>
          ))}
        </select>
        <input type="search" className="grow" aria-label="Search query" placeholder={field === 'text' ? 'Words or phrase in any record of the case' : `Exact ${FIELD_LABELS[field].toLowerCase()}`} value={query} onChange={(e) => setQuery(e.target.value)} />
        <label className="time-filter">
          From (UTC)
          <input type="datetime-local" step={1} value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="time-filter">
          To (UTC)
          <input type="datetime-local" step={1} value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <button type="submit" className="primary" disabled={searching}>
          {searching ? 'Searching…' : 'Search'}
        </button>
        {inResults && (
          <button type="button" className="ghost" onClick={() => { setResults(undefined); setSelected(null); }}>
            Show whole log
          </button>
        )}
      </form>
      <ErrorNote error={evidence.error ?? searchError ?? pages.error} />
      <p className="muted small" role="status">
        {inResults ? `${formatCount(results.length)} matching record(s) across the case${results.length >= 5000 ? ' (first 5,000)' : ''}` : current ? `${current.name}: ${formatCount(total)} records · PII shown redacted` : ''}
      </p>
      <div className="log-split">
        <VirtualRows
          total={total}
          rowHeight={ROW_HEIGHT}
          selected={selected}
          onSelect={setSelected}
          onRange={inResults ? undefined : pages.ensure}
          jumpTo={inResults ? null : jump}
          label={inResults ? 'Search results' : `Records of ${current?.name ?? 'log'}`}
          header={RECORD_HEADER(inResults)}
          renderRow={(i) => <RecordRow index={i} view={rowAt(i)} showEvidence={inResults} />}
        />
        <RecordDetail
          caseId={caseId}
          view={shown}
          sealed={sealed}
          nativeDialogs={nativeDialogs}
          citations={citations}
          onRevealed={(v) => {
            setRevealed(v);
          }}
        />
      </div>
    </div>
  );
}
