// SPDX-License-Identifier: UNLICENSED
// "Compare with…" in the model detail: model-diff against another model item of the case or a
// file/folder on disk. Shows what changed in the tensors (with element statistics for changed float
// tensors) and in the named facts (metadata, config, tokenizer, chat template, model card), and can
// record the diff as a signed finding. The diff runs in a worker thread of the services; the page
// shows that it is working, stays usable meanwhile, and can cancel it (nothing is recorded).
import { useState } from 'react';
import { api } from '../api/vault.js';
import type { ModelDiffView } from '../../shared/api/modelTypes.js';
import type { ModelDiff } from '../../shared/models/diff/modelDiff.js';
import { Badge } from '../components/Badge.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { describeError } from '../lib/errors.js';
import { formatCount } from '../lib/format.js';
import { useLoad } from '../lib/useLoad.js';

const PATH = '__path__';
const num = (x: number) => (x === 0 ? '0' : x.toPrecision(4));

function TensorChanges({ d }: { d: ModelDiff }) {
  const t = d.tensors;
  const rows: { kind: string; name: string; detail: string }[] = [
    ...t.bytesChanged.map((c) => {
      const e = c.elements;
      return { kind: 'changed', name: c.name, detail: `${c.dtype} [${c.shape.join(', ')}]${e ? ` · ${formatCount(e.differing)} of ${formatCount(e.elements)} elements differ · max |a−b| ${num(e.maxAbsDiff)} · mean |a−b| ${num(e.meanAbsDiff)}${e.nonFinite ? ` · ${e.nonFinite} NaN/Inf` : ''}` : c.comparable ? '' : ' · not a float dtype: bytes differ'}` };
    }),
    ...t.renamed.map((r) => ({ kind: 'renamed', name: r.from, detail: `→ ${r.to}` })),
    ...t.added.map((n) => ({ kind: 'added', name: n, detail: 'only in B' })),
    ...t.removed.map((n) => ({ kind: 'removed', name: n, detail: 'only in A' })),
    ...t.dtypeChanged.map((x) => ({ kind: 'retyped', name: x.name, detail: `${x.from} → ${x.to}` })),
    ...t.shapeChanged.map((x) => ({ kind: 'reshaped', name: x.name, detail: `[${x.from.join(', ')}] → [${x.to.join(', ')}]` })),
  ];
  if (!rows.length) return <p className="muted small">No tensor differs.</p>;
  return (
    <table className="table compact-table diff-table" aria-label="Tensor changes">
      <thead>
        <tr>
          <th scope="col">Change</th>
          <th scope="col">Tensor</th>
          <th scope="col">Detail</th>
        </tr>
      </thead>
      <tbody>
        {rows.slice(0, 500).map((r) => (
          <tr key={`${r.kind}:${r.name}`} data-change={r.kind}>
            <td>
              <Badge tone={r.kind === 'changed' ? 'high' : r.kind === 'added' || r.kind === 'removed' ? 'medium' : 'neutral'}>{r.kind}</Badge>
            </td>
            <td className="mono">{r.name}</td>
            <td className="mono small">{r.detail}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function KeyChanges({ d }: { d: ModelDiff }) {
  const k = d.keys;
  const rows = [
    ...k.changed.map((x) => ({ kind: 'changed', key: x.key, a: x.from, b: x.to })),
    ...k.added.map((x) => ({ kind: 'added', key: x.key, a: '—', b: x.value })),
    ...k.removed.map((x) => ({ kind: 'removed', key: x.key, a: x.value, b: '—' })),
  ];
  if (!rows.length) return <p className="muted small">No metadata, config, tokenizer or chat-template key differs.</p>;
  return (
    <table className="table compact-table diff-table" aria-label="Metadata and configuration changes">
      <thead>
        <tr>
          <th scope="col">Key</th>
          <th scope="col">A</th>
          <th scope="col">B</th>
        </tr>
      </thead>
      <tbody>
        {rows.slice(0, 500).map((r) => (
          <tr key={r.key} data-change={r.kind}>
            <th scope="row" className="mono">{r.key}</th>
            <td className="mono small">{r.a}</td>
            <td className="mono small">{r.b}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ModelCompare({ caseId, evidenceId, name }: { caseId: string; evidenceId: string; name: string }) {
  const items = useLoad(() => api.listEvidence({ caseId }), [caseId]);
  const others = (items.data ?? []).filter((e) => e.kind === 'model' && e.id !== evidenceId);
  const [choice, setChoice] = useState('');
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState<'compare' | 'record'>();
  const [result, setResult] = useState<ModelDiffView>();
  const [error, setError] = useState<unknown>();
  const [cancelled, setCancelled] = useState(false);
  const selected = choice || (others[0]?.id ?? PATH);
  const other = selected === PATH ? { otherPath: path.trim() } : { otherEvidenceId: selected };
  const ready = selected !== PATH || path.trim() !== '';

  const run = async (record: boolean) => {
    setBusy(record ? 'record' : 'compare');
    setError(undefined);
    setCancelled(false);
    try {
      const r = await api.modelDiff({ caseId, evidenceId, ...other, ...(record ? { record: true } : {}) });
      setResult(r);
    } catch (e) {
      if (describeError(e).code === 'CANCELLED') setCancelled(true);
      else setError(e);
    } finally {
      setBusy(undefined);
    }
  };
  const d = result?.diff;
  return (
    <section className="model-compare" aria-label="Compare with another model">
      <h3>Compare with…</h3>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (ready && !busy) void run(false);
        }}
      >
        <label className="sr-only" htmlFor="diff-other">
          Model to compare {name} with
        </label>
        <select id="diff-other" value={selected} onChange={(e) => setChoice(e.target.value)}>
          {others.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
          <option value={PATH}>A file or folder on disk…</option>
        </select>
        {selected === PATH && <input className="grow" aria-label="Path of the model file or folder to compare with" placeholder="/media/usb/model.safetensors" value={path} onChange={(e) => setPath(e.target.value)} />}
        <button type="submit" disabled={!ready || busy !== undefined}>
          {busy === 'compare' ? 'Comparing…' : 'Compare'}
        </button>
      </form>
      <ErrorNote error={items.error ?? error} onDismiss={error ? () => setError(undefined) : undefined} />
      {busy && (
        <p className="muted small" role="status">
          Reading and comparing both models; changed tensors are compared element by element.{' '}
          <button type="button" className="danger small" onClick={() => void api.cancelModelDiff({ caseId }).catch((e: unknown) => setError(e))}>
            Cancel comparison
          </button>
        </p>
      )}
      {cancelled && !busy && (
        <p className="notice small model-diff-cancelled" role="status">
          Comparison cancelled; nothing was recorded.
        </p>
      )}
      {d && result && (
        <div className="diff-result" data-testid="model-diff">
          <p className="small">
            <span className="strong">A</span> <span className="mono">{d.a.label}</span> · <span className="strong">B</span> <span className="mono">{d.b.label}</span> <span className="muted">({formatCount(result.ms)} ms)</span>
          </p>
          <ul className="diff-headlines">
            {d.headlines.map((h) => (
              <li key={h}>{h}</li>
            ))}
          </ul>
          <p className="small muted">
            Tensors: {d.tensors.identical} identical, {d.tensors.bytesChanged.length} changed, {d.tensors.added.length} added, {d.tensors.removed.length} removed, {d.tensors.renamed.length} renamed, {d.tensors.dtypeChanged.length} retyped, {d.tensors.shapeChanged.length} reshaped
          </p>
          <TensorChanges d={d} />
          <h4>Metadata, config, tokenizer and chat template</h4>
          <KeyChanges d={d} />
          <details>
            <summary>Summary (as “evault model-diff” prints it)</summary>
            <pre className="record-text">{result.lines.join('\n')}</pre>
          </details>
          <div className="toolbar">
            {result.recorded ? (
              <p className="small" role="status">
                <Badge tone="ok">Recorded</Badge> Signed as finding.recorded, custody event #{result.recorded.seq}.
              </p>
            ) : (
              <button type="button" disabled={busy !== undefined} onClick={() => void run(true)}>
                {busy === 'record' ? 'Recording…' : 'Record as finding'}
              </button>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
