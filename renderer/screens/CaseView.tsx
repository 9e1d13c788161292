// SPDX-License-Identifier: UNLICENSED
// One case: a header with its state, and tabs for the overview, evidence, logs, findings, the
// custody log, the incident record and the report.
import { useState, type KeyboardEvent } from 'react';
import { api } from '../api/vault.js';
import { Badge } from '../components/Badge.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { useCitations } from '../lib/citations.js';
import { useLoad } from '../lib/useLoad.js';
import { CustodyPanel } from './CustodyPanel.js';
import { Dashboard } from './Dashboard.js';
import { EvidencePanel } from './EvidencePanel.js';
import { FindingsPanel } from './FindingsPanel.js';
import { IncidentPanel } from './IncidentPanel.js';
import { LogExplorer } from './LogExplorer.js';
import { ReportPanel } from './ReportPanel.js';

const TABS = [
  { id: 'overview', label: 'Overview' },
  { id: 'evidence', label: 'Evidence' },
  { id: 'logs', label: 'Logs' },
  { id: 'findings', label: 'Findings' },
  { id: 'custody', label: 'Custody' },
  { id: 'incident', label: 'Incident' },
  { id: 'report', label: 'Report' },
] as const;
type Tab = (typeof TABS)[number]['id'];

export interface RecordTarget {
  evidenceId: string;
  record: number;
}

export function CaseView({ caseId, onBack, nativeDialogs, organisation }: { caseId: string; onBack: () => void; nativeDialogs: boolean; organisation: string | null }) {
  const [tab, setTab] = useState<Tab>('overview');
  const [target, setTarget] = useState<RecordTarget>();
  const citations = useCitations();
  // A model item to show when the Evidence tab opens from a link elsewhere (the Findings list).
  const [modelTarget, setModelTarget] = useState<string>();
  const dash = useLoad(() => api.getCase({ caseId }), [caseId, tab]);
  const c = dash.data?.case;

  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = TABS.findIndex((t) => t.id === tab);
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : -99;
    if (next === -99) return;
    const t = TABS[(next + TABS.length) % TABS.length]!;
    setTab(t.id);
    document.getElementById(`tab-${t.id}`)?.focus();
  };

  const openModel = (evidenceId: string) => {
    setModelTarget(evidenceId);
    setTab('evidence');
  };

  const openRecord = (t: RecordTarget) => {
    setTarget(t);
    setTab('logs');
  };

  return (
    <div className="page case-page">
      <div className="case-head">
        <button type="button" className="ghost small" onClick={onBack}>
          ← All cases
        </button>
        {c && (
          <div className="case-title">
            <h1>
              <span className="mono case-number">{c.number}</span> {c.title}
            </h1>
            {c.sealed ? <Badge tone="info">Sealed — verification and export only</Badge> : <Badge tone="ok">Open</Badge>}
          </div>
        )}
        <ErrorNote error={dash.error} />
      </div>
      <div className="tabs" role="tablist" aria-label="Case sections" onKeyDown={onTabKey}>
        {TABS.map((t) => (
          <button key={t.id} id={`tab-${t.id}`} type="button" role="tab" aria-selected={tab === t.id} aria-controls={`panel-${t.id}`} tabIndex={tab === t.id ? 0 : -1} className={`tab ${tab === t.id ? 'active' : ''}`} onClick={() => (setModelTarget(undefined), setTab(t.id))}>
            {t.label}
          </button>
        ))}
      </div>
      <div id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`} className="tab-panel">
        {tab === 'overview' && dash.data && <Dashboard data={dash.data} />}
        {tab === 'evidence' && c && <EvidencePanel key={modelTarget ?? ''} caseId={caseId} sealed={c.sealed} nativeDialogs={nativeDialogs} onChanged={dash.reload} openModel={modelTarget} />}
        {tab === 'logs' && c && <LogExplorer caseId={caseId} sealed={c.sealed} target={target} nativeDialogs={nativeDialogs} citations={citations} />}
        {tab === 'findings' && <FindingsPanel caseId={caseId} onOpenRecord={openRecord} onOpenModel={openModel} />}
        {tab === 'custody' && c && <CustodyPanel caseId={caseId} sealed={c.sealed} onChanged={dash.reload} />}
        {tab === 'incident' && <IncidentPanel caseId={caseId} />}
        {tab === 'report' && c && <ReportPanel caseId={caseId} caseNumber={c.number} organisation={organisation} nativeDialogs={nativeDialogs} citations={citations} />}
      </div>
    </div>
  );
}
