// SPDX-License-Identifier: UNLICENSED
// Import with per-file progress (bytes, rate, ETA), cancel, and the duplicate warning. In the
// desktop app paths come from the native dialog (shown by main) or from files dropped on the
// Evidence panel (their paths read by the preload); in a browser session they are typed, since a
// web page cannot learn a file's path — a drop there only says so.
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/vault.js';
import type { ImportedItemView, ImportProgress } from '../../shared/api/types.js';
import { Badge } from '../components/Badge.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { Field } from '../components/Field.js';
import { formatBytes, formatCount, formatDuration, shortHex } from '../lib/format.js';

interface FileProgress {
  name: string;
  bytesDone: number;
  bytesTotal: number;
  startedAt: number;
}

function ProgressRow({ p, now }: { p: FileProgress; now: number }) {
  const seconds = Math.max(0.001, (now - p.startedAt) / 1000);
  const rate = p.bytesDone / seconds;
  const eta = rate > 0 ? (p.bytesTotal - p.bytesDone) / rate : NaN;
  const pct = p.bytesTotal ? Math.round((p.bytesDone / p.bytesTotal) * 100) : 100;
  return (
    <li className="progress-row">
      <div className="progress-label">
        <span className="strong">{p.name}</span>
        <span className="muted small">
          {formatBytes(p.bytesDone)} of {formatBytes(p.bytesTotal)} · {formatBytes(rate)}/s · {pct === 100 ? 'hashed' : `ETA ${formatDuration(eta)}`}
        </span>
      </div>
      <progress max={100} value={pct} aria-label={`${p.name}: ${pct}%`} />
    </li>
  );
}

/** Files dropped on the Evidence panel: their names, and their paths where the host knows them. */
export interface Dropped {
  at: number;
  names: string[];
  paths: string[];
}

export function ImportPanel({ caseId, nativeDialogs, dropped, onClose, onImported }: { caseId: string; nativeDialogs: boolean; dropped?: Dropped; onClose: () => void; onImported: () => void }) {
  const [paths, setPaths] = useState<string[]>([]);
  const [typed, setTyped] = useState('');
  const [files, setFiles] = useState<Map<number, FileProgress>>(new Map());
  const [running, setRunning] = useState<string>();
  const [phase, setPhase] = useState<ImportProgress['phase']>();
  const [result, setResult] = useState<ImportedItemView[]>();
  const [error, setError] = useState<unknown>();
  const [now, setNow] = useState(Date.now());
  const importId = useRef<string>(undefined);

  useEffect(() => {
    return api.on('importProgress', (p) => {
      if (p.importId !== importId.current) return;
      setPhase(p.phase);
      setNow(Date.now());
      if (p.phase !== 'hashing' && p.phase !== 'recording') return;
      setFiles((prev) => {
        const next = new Map(prev);
        const old = next.get(p.index);
        next.set(p.index, { name: p.name, bytesDone: p.bytesDone, bytesTotal: p.bytesTotal, startedAt: old?.startedAt ?? Date.now() });
        return next;
      });
    });
  }, []);

  useEffect(() => {
    if (dropped?.paths.length) setPaths((p) => [...p, ...dropped.paths.filter((x) => !p.includes(x))]);
  }, [dropped]);

  const chosen = nativeDialogs ? paths : typed.split('\n').map((s) => s.trim()).filter(Boolean);
  const unresolved = dropped ? dropped.names.length - dropped.paths.length : 0;

  const choose = async (folders: boolean) => {
    try {
      const picked = await api.pickImportPaths({ folders });
      if (picked.length) setPaths((p) => [...p, ...picked]);
    } catch (err) {
      setError(err);
    }
  };

  const start = async () => {
    const id = crypto.randomUUID();
    importId.current = id;
    setRunning(id);
    setFiles(new Map());
    setResult(undefined);
    setError(undefined);
    setPhase('hashing');
    try {
      setResult(await api.importEvidence({ importId: id, caseId, paths: chosen }));
      setPaths([]);
      setTyped('');
      onImported();
    } catch (err) {
      setError(err);
    } finally {
      setRunning(undefined);
    }
  };

  const duplicates = result?.filter((r) => r.duplicate) ?? [];
  return (
    <section className="panel import-panel" aria-label="Import evidence">
      <div className="section-head">
        <h3>Import evidence</h3>
        <button type="button" className="ghost small" onClick={onClose} disabled={!!running}>
          Close
        </button>
      </div>
      {dropped && unresolved > 0 && (
        <p className="notice small" role="status">
          {nativeDialogs
            ? `${unresolved} dropped item(s) have no path on this computer (dragged from another application?); save them to disk first, then drop or choose them.`
            : `Dropping files needs the desktop app: a browser page cannot learn where ${dropped.names.length === 1 ? `“${dropped.names[0]}” is` : 'these files are'} on this computer. Type or paste the path below instead.`}
        </p>
      )}
      {nativeDialogs ? (
        <div className="toolbar">
          <button type="button" onClick={() => choose(false)} disabled={!!running}>
            Choose files…
          </button>
          <button type="button" onClick={() => choose(true)} disabled={!!running}>
            Choose folders…
          </button>
          <span className="muted small">{paths.length ? paths.join(', ') : 'Nothing chosen yet'}</span>
        </div>
      ) : (
        <Field label="Paths on this computer (one per line)" hint="Files or folders; folders are imported recursively. This browser session cannot open a file dialog.">
          {(id) => <textarea id={id} rows={3} className="mono" value={typed} onChange={(e) => setTyped(e.target.value)} disabled={!!running} placeholder="/evidence/exports/inference_audit.jsonl" />}
        </Field>
      )}
      <div className="actions">
        {running ? (
          <button type="button" className="danger" onClick={() => api.cancelImport({ importId: running })}>
            Cancel import
          </button>
        ) : (
          <button type="button" className="primary" onClick={start} disabled={chosen.length === 0}>
            Fingerprint and import
          </button>
        )}
      </div>
      {files.size > 0 && (
        <ul className="progress-list" aria-live="polite">
          {[...files.entries()].map(([i, p]) => (
            <ProgressRow key={i} p={p} now={now} />
          ))}
        </ul>
      )}
      {running && phase === 'recording' && <p className="muted small">Parsing logs, indexing records and signing the acquisition events…</p>}
      <ErrorNote error={error} />
      {result && (
        <div className="import-result" role="status">
          <p className="ok-text">
            {result.length - duplicates.length} item(s) imported and recorded{duplicates.length ? `; ${duplicates.length} duplicate(s) not stored again` : ''}.
          </p>
          <ul className="plain">
            {result.map((r) => (
              <li key={`${r.id}-${r.name}`}>
                {r.duplicate ? <Badge tone="medium">Duplicate</Badge> : <Badge tone="ok">Imported</Badge>} <span className="strong">{r.name}</span>{' '}
                <code className="hash">{shortHex(r.sha256, 16)}</code>
                {r.duplicate && <span className="muted small"> already in this case as {shortHex(r.id, 8)} — same SHA-256</span>}
                {r.log && (
                  <span className="muted small">
                    {' '}
                    · {formatCount(r.log.records)} records · {formatCount(r.log.pii)} PII matches · {formatCount(r.log.findings)} findings
                  </span>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
