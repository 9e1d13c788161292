// SPDX-License-Identifier: UNLICENSED
import { useState, type DragEvent } from 'react';
import { api } from '../api/vault.js';
import type { EvidenceItem, EvidenceVerificationView } from '../../shared/api/types.js';
import { Badge } from '../components/Badge.js';
import { CopyButton } from '../components/CopyButton.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { formatBytes, formatCount, formatTime, shortHex } from '../lib/format.js';
import { useLoad } from '../lib/useLoad.js';
import { ImportPanel, type Dropped } from './ImportPanel.js';
import { PathAction } from '../components/PathAction.js';
import { ModelDetail } from './ModelDetail.js';

function Status({ item }: { item: EvidenceItem }) {
  if (!item.lastVerified) return <Badge tone="neutral">Acquired</Badge>;
  const o = item.lastVerified.outcome;
  return (
    <Badge tone={o === 'match' ? 'ok' : 'fail'} title={`Re-hashed ${formatTime(item.lastVerified.at)}`}>
      {o === 'match' ? 'Verified' : o === 'mismatch' ? 'Hash mismatch' : 'Missing'}
    </Badge>
  );
}

export function EvidencePanel({ caseId, sealed, nativeDialogs, onChanged, openModel }: { caseId: string; sealed: boolean; nativeDialogs: boolean; onChanged: () => void; openModel?: string }) {
  const list = useLoad(() => api.listEvidence({ caseId }), [caseId]);
  const [importing, setImporting] = useState(false);
  const [verifying, setVerifying] = useState(false);
  const [verified, setVerified] = useState<EvidenceVerificationView[]>();
  const [error, setError] = useState<unknown>();
  const [model, setModel] = useState<string | undefined>(openModel);
  const [dropped, setDropped] = useState<Dropped>();
  const [over, setOver] = useState(false);

  // Files dropped anywhere on the panel go to the import: with their paths in the desktop app
  // (the preload's pathForFile), with only their names in a browser (which cannot learn paths).
  const onDragOver = (e: DragEvent) => {
    if (sealed || !e.dataTransfer.types.includes('Files')) return;
    e.preventDefault();
    setOver(true);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (sealed) return;
    const files = [...e.dataTransfer.files];
    if (files.length === 0) return;
    setDropped({ at: Date.now(), names: files.map((f) => f.name), paths: files.map((f) => api.pathForFile(f)).filter((p): p is string => p !== null) });
    setImporting(true);
  };

  const rehash = async () => {
    setVerifying(true);
    setError(undefined);
    try {
      setVerified(await api.verifyEvidence({ caseId }));
      list.reload();
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setVerifying(false);
    }
  };

  return (
    <div className={`stack evidence-drop ${over ? 'over' : ''}`} onDragOver={onDragOver} onDragLeave={() => setOver(false)} onDrop={onDrop} data-drop-target="evidence">
      <div className="section-head">
        <h2>Evidence</h2>
        <div className="toolbar">
          <button type="button" onClick={rehash} disabled={verifying || !list.data?.length}>
            {verifying ? 'Re-hashing…' : 'Re-hash all'}
          </button>
          {!sealed && (
            <button type="button" className="primary" onClick={() => setImporting(true)} disabled={importing}>
              Import evidence
            </button>
          )}
        </div>
      </div>
      {importing && (
        <ImportPanel
          caseId={caseId}
          nativeDialogs={nativeDialogs}
          dropped={dropped}
          onClose={() => {
            setImporting(false);
            setDropped(undefined);
          }}
          onImported={() => {
            list.reload();
            onChanged();
          }}
        />
      )}
      <ErrorNote error={list.error ?? error} />
      {verified && (
        <p className={verified.every((v) => v.outcome === 'match') ? 'ok-text' : 'fail-text'} role="status">
          Re-hashed {verified.length} item(s): {verified.filter((v) => v.outcome === 'match').length} match their recorded SHA-256; each outcome is
          recorded in the custody log.
        </p>
      )}
      {list.data && list.data.length === 0 && !importing && (
        <div className="empty">
          <h2>No evidence yet</h2>
          <p>Import log exports and model files: each is fingerprinted (SHA-256), copied into the vault read-only, and recorded as a signed event.</p>
          <p className="small">{nativeDialogs ? 'Drop files or folders here, or use Import evidence.' : 'Use Import evidence and type the paths (dropping files needs the desktop app).'}</p>
        </div>
      )}
      {list.data && list.data.length > 0 && (
        <table className="table evidence" aria-label="Evidence items">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col" className="num">
                Size
              </th>
              <th scope="col">SHA-256</th>
              <th scope="col">Acquired</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((e) => (
              <tr key={e.id} data-evidence={e.name}>
                <td>
                  <div className="strong">{e.name}</div>
                  {e.log && (
                    <div className="muted small">
                      {e.log.format} · {formatCount(e.log.records)} records{e.log.malformed ? ` · ${e.log.malformed} malformed` : ''}
                    </div>
                  )}
                </td>
                <td>
                  <Badge tone={e.kind === 'log' ? 'accent' : e.kind === 'model' ? 'medium' : 'neutral'}>{e.kind}</Badge>
                </td>
                <td className="num">{formatBytes(e.size)}</td>
                <td className="hash-cell">
                  <code className="hash" title={e.sha256} data-sha256={e.sha256}>
                    {shortHex(e.sha256, 24)}
                  </code>
                  <CopyButton text={e.sha256} label={`Copy SHA-256 of ${e.name}`} />
                </td>
                <td>
                  {formatTime(e.acquiredAt)}
                  <div className="muted small">by {e.acquiredByName ?? shortHex(e.acquiredBy)}</div>
                </td>
                <td>
                  <Status item={e} />
                </td>
                <td className="row-actions">
                  <div className="row-buttons">
                  {e.kind === 'model' && (
                    <button type="button" className="small" onClick={() => setModel(model === e.id ? undefined : e.id)} aria-expanded={model === e.id}>
                      Model details
                    </button>
                  )}
                  <PathAction
                    label="Export copy"
                    nativeDialogs={nativeDialogs}
                    suggestedName={e.name.split('/').pop() ?? e.name}
                    placeholder="/media/usb/export/file"
                    run={async (destination) => {
                      const r = await api.exportEvidence({ caseId, evidenceId: e.id, destination });
                      list.reload();
                      return `Exported to ${r.path}; copy re-hashed and recorded (event ${r.seq})`;
                    }}
                  />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {model && <ModelDetail key={model} caseId={caseId} evidenceId={model} onClose={() => setModel(undefined)} onOpenModel={setModel} />}
    </div>
  );
}
