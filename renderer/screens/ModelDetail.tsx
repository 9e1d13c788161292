// SPDX-License-Identifier: UNLICENSED
// A model artifact in the vault: the scanner's verdict with the imports (pickle globals) it found,
// the format's facts and metadata, and the tensors with their recorded digests — a virtualised
// table fetched in pages, since large checkpoints carry tens of thousands of tensors.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/vault.js';
import type { ModelDetailView, TensorRow } from '../../shared/api/modelTypes.js';
import { Badge, type Tone } from '../components/Badge.js';
import { CopyButton } from '../components/CopyButton.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { ModelCompare } from './ModelCompare.js';
import { ModelFolderView } from './ModelFolderView.js';
import { VirtualRows } from '../components/VirtualRows.js';
import { formatBytes, formatCount, shortHex } from '../lib/format.js';
import { useLoad } from '../lib/useLoad.js';

const PAGE = 200;
const ROW_HEIGHT = 30;

const VERDICT: Record<string, { tone: Tone; text: string }> = {
  safe: { tone: 'ok', text: 'Safe: no code is run when this file is loaded' },
  suspicious: { tone: 'medium', text: 'Suspicious: loading it imports modules outside the known-safe list' },
  dangerous: { tone: 'high', text: 'Dangerous: loading this file would run code (do not load it outside an isolated machine)' },
  invalid: { tone: 'fail', text: 'Invalid: the file’s structure is broken' },
};

function metadataRows(d: ModelDetailView): [string, string][] {
  const i = d.inspection;
  if (i.safetensors?.metadata) return Object.entries(i.safetensors.metadata);
  if (i.gguf) return Object.entries(i.gguf.metadata).map(([k, v]) => [k, typeof v === 'object' && v !== null ? (v.type === 'array' ? `[${v.count} × ${v.itemType}] SHA-256 ${v.sha256.slice(0, 16)}…` : `“${v.preview}…” (${v.length} bytes)`) : String(v)]);
  return [];
}

/** Tensor pages fetched on demand for one model and name filter. */
function useTensorPages(caseId: string, evidenceId: string, filter: string) {
  const pages = useRef(new Map<number, TensorRow[]>());
  const pending = useRef(new Set<number>());
  const [total, setTotal] = useState<number>();
  const [, setVersion] = useState(0);
  const [error, setError] = useState<unknown>();
  const load = useCallback(
    (p: number) => {
      if (pages.current.has(p) || pending.current.has(p)) return;
      pending.current.add(p);
      const key = pages.current;
      api.modelTensors({ caseId, evidenceId, start: p * PAGE, count: PAGE, ...(filter ? { filter } : {}) }).then(
        (page) => {
          pending.current.delete(p);
          if (pages.current !== key) return;
          key.set(p, page.rows);
          setTotal(page.total);
          setVersion((v) => v + 1);
        },
        (err: unknown) => {
          pending.current.delete(p);
          setError(err);
        },
      );
    },
    [caseId, evidenceId, filter],
  );
  useEffect(() => {
    pages.current = new Map();
    pending.current = new Set();
    setTotal(undefined);
    load(0);
  }, [load]);
  const ensure = useCallback(
    (first: number, last: number) => {
      for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) load(p);
    },
    [load],
  );
  return { total, error, ensure, get: (i: number) => pages.current.get(Math.floor(i / PAGE))?.[i % PAGE] };
}

function Tensors({ caseId, d }: { caseId: string; d: ModelDetailView }) {
  const [filter, setFilter] = useState('');
  const [applied, setApplied] = useState('');
  const [selected, setSelected] = useState<number | null>(null);
  const t = useTensorPages(caseId, d.evidenceId, applied);
  useEffect(() => {
    const timer = setTimeout(() => setApplied(filter.trim()), 250);
    return () => clearTimeout(timer);
  }, [filter]);
  const row = selected !== null ? t.get(selected) : undefined;
  return (
    <div className="tensors">
      <div className="section-head">
        <h3>Tensors {t.total !== undefined && <span className="muted">({formatCount(t.total)}{applied ? ` matching “${applied}”` : ''})</span>}</h3>
        <input type="search" aria-label="Filter tensors by name" placeholder="Filter by name" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </div>
      <ErrorNote error={t.error} />
      {t.total === 0 ? (
        <p className="muted">{applied ? 'No tensor name contains that text.' : 'This format records no tensors.'}</p>
      ) : (
        // Up to 10 rows without scrolling, then a fixed window the table scrolls in.
        <div className="tensor-table" style={{ height: 34 + Math.min(10, Math.max(1, t.total ?? 1)) * ROW_HEIGHT + 4 }}>
          <VirtualRows
            total={t.total ?? 0}
            rowHeight={ROW_HEIGHT}
            selected={selected}
            onSelect={setSelected}
            onRange={t.ensure}
            label={`Tensors of ${d.name}`}
            header={
              <div className="vrow vhead" role="row">
                <span className="t-idx" role="columnheader">#</span>
                <span className="t-name" role="columnheader">Name</span>
                <span className="t-dtype" role="columnheader">Dtype</span>
                <span className="t-shape" role="columnheader">Shape</span>
                <span className="t-size" role="columnheader">Bytes</span>
                <span className="t-digest" role="columnheader">SHA-256</span>
              </div>
            }
            renderRow={(i) => {
              const r = t.get(i);
              if (!r) return <span className="muted" role="gridcell">…</span>;
              return (
                <>
                  <span className="t-idx mono" role="gridcell">{r.ordinal}</span>
                  <span className="t-name mono" role="gridcell" title={r.name}>{r.name}</span>
                  <span className="t-dtype mono" role="gridcell">{r.dtype}</span>
                  <span className="t-shape mono" role="gridcell">[{r.shape.join(', ')}]</span>
                  <span className="t-size" role="gridcell">{formatBytes(r.length)}</span>
                  <span className="t-digest mono" role="gridcell" data-sha256={r.sha256}>{shortHex(r.sha256, 20)}</span>
                </>
              );
            }}
          />
        </div>
      )}
      {row && (
        <p className="small tensor-selected">
          <span className="mono">{row.name}</span> · SHA-256 <span className="mono">{row.sha256}</span> <CopyButton text={row.sha256} label={`Copy the SHA-256 of tensor ${row.name}`} />
        </p>
      )}
    </div>
  );
}

export function ModelDetail({ caseId, evidenceId, onClose, onOpenModel }: { caseId: string; evidenceId: string; onClose: () => void; onOpenModel: (evidenceId: string) => void }) {
  const detail = useLoad(() => api.modelDetail({ caseId, evidenceId }), [caseId, evidenceId]);
  const d = detail.data;
  const v = d?.verdict ? VERDICT[d.verdict] : undefined;
  const i = d?.inspection;
  const meta = d ? metadataRows(d) : [];
  return (
    <section className="panel model-detail" aria-label={d ? `Model ${d.name}` : 'Model'}>
      <div className="section-head">
        <h2>
          {d?.name ?? 'Model'} {d && <Badge tone="accent">{d.format}</Badge>}
        </h2>
        <button type="button" className="ghost small" onClick={onClose}>
          Close
        </button>
      </div>
      <ErrorNote error={detail.error} />
      {d && i && (
        <>
          <div className={`verdict ${d.verdict ?? 'none'}`} role="status" data-verdict={d.verdict ?? ''}>
            {v ? <Badge tone={v.tone}>{d.verdict!.toUpperCase()}</Badge> : <Badge tone="neutral">NO CODE</Badge>}
            <span>{v ? v.text : 'This format cannot carry code; no scan was needed.'}</span>
          </div>
          {i.reason && !i.dangerous?.length && !i.suspicious?.length && <p className="small">{i.reason}</p>}
          {(i.dangerous?.length || i.suspicious?.length || i.globals?.length) ? (
            <div className="globals">
              {i.dangerous?.length ? (
                <p>
                  <span className="strong fail-text">Would run:</span> {i.dangerous.map((g) => <code key={g} className="global dangerous">{g}</code>)}
                </p>
              ) : null}
              {i.suspicious?.length ? (
                <p>
                  <span className="strong">Suspicious imports:</span> {i.suspicious.map((g) => <code key={g} className="global suspicious">{g}</code>)}
                </p>
              ) : null}
              <p className="small muted">All imports found: {i.globals?.length ? i.globals.join(', ') : 'none'}</p>
            </div>
          ) : null}
          <dl className="facts compact">
            {i.scanner && (
              <>
                <dt>Scanner</dt>
                <dd>
                  {i.scanner.name} {i.scanner.version} · rules <span className="mono">{i.scanner.rulesHash.slice(0, 16)}…</span>
                </dd>
              </>
            )}
            <dt>Tensors</dt>
            <dd>
              {formatCount(d.tensorCount)} · {formatCount(d.parameters)} parameters
            </dd>
            <dt>Weights root</dt>
            <dd>
              {d.weightsRoot ? (
                <>
                  <span className="mono">{d.weightsRoot}</span> <CopyButton text={d.weightsRoot} label="Copy the weights root" />
                </>
              ) : (
                '—'
              )}
            </dd>
            {d.metadataSha256 && (
              <>
                <dt>Metadata SHA-256</dt>
                <dd className="mono">{d.metadataSha256}</dd>
              </>
            )}
            <dt>Inspector</dt>
            <dd>{i.inspector}</dd>
          </dl>
          <ModelFolderView d={d} onOpenModel={onOpenModel} />
          {meta.length > 0 && (
            <details className="model-meta" open={meta.length <= 12}>
              <summary>Metadata ({meta.length} {meta.length === 1 ? 'key' : 'keys'})</summary>
              <table className="table compact-table">
                <tbody>
                  {meta.map(([k, val]) => (
                    <tr key={k}>
                      <th scope="row" className="mono">{k}</th>
                      <td className="mono">{val}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          )}
          <details className="model-format">
            <summary>Format view (as “evault inspect” prints it)</summary>
            <pre className="record-text">{d.summary.join('\n')}</pre>
          </details>
          {i.notes.length > 0 && (
            <ul className="warnings">
              {i.notes.map((n, k) => (
                <li key={k}>{n}</li>
              ))}
            </ul>
          )}
          <Tensors caseId={caseId} d={d} />
          <ModelCompare caseId={caseId} evidenceId={d.evidenceId} name={d.name} />
        </>
      )}
    </section>
  );
}
