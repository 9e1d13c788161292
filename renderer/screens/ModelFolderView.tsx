// SPDX-License-Identifier: UNLICENSED
// A model folder in the model detail: its files (each an evidence item; model files open their own
// detail), the config, tokenizer and chat-template digests, the generation config, the model card's
// front matter, the shard index checked against the shards, and the one weights root over them all.
import type { ModelDetailView } from '../../shared/api/modelTypes.js';
import { Badge } from '../components/Badge.js';
import { CopyButton } from '../components/CopyButton.js';
import { formatBytes, formatCount, shortHex } from '../lib/format.js';

function Flat({ title, flat }: { title: string; flat: Record<string, string> }) {
  const rows = Object.entries(flat);
  return (
    <details className="model-meta">
      <summary>
        {title} ({rows.length} {rows.length === 1 ? 'key' : 'keys'})
      </summary>
      <table className="table compact-table">
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th scope="row" className="mono">{k}</th>
              <td className="mono">{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

const list = (xs: string[]) => (xs.length ? xs.join(', ') : '—');

export function ModelFolderView({ d, onOpenModel }: { d: ModelDetailView; onOpenModel: (evidenceId: string) => void }) {
  const f = d.inspection.folder;
  if (!f) return null;
  const link = new Map((d.members ?? []).map((m) => [m.name, m]));
  const t = f.tokenizer;
  const si = f.shardIndex;
  return (
    <div className="model-folder" aria-label={`Folder ${f.name}`}>
      {f.problems.length > 0 && (
        <ul className="warnings">
          {f.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <dl className="facts compact">
        <dt>Folder weights root</dt>
        <dd>
          {f.weights ? (
            <>
              <span className="mono">{f.weights.root}</span> <CopyButton text={f.weights.root} label="Copy the folder weights root" />
              <div className="small muted">
                {formatCount(f.weights.tensors)} tensor{f.weights.tensors === 1 ? '' : 's'}, {formatBytes(f.weights.tensorBytes)} over {list(f.weightFiles)}
              </div>
            </>
          ) : (
            '—'
          )}
        </dd>
        <dt>Shard index</dt>
        <dd data-testid="shard-index">
          {si ? (
            <>
              {si.problems.length ? <Badge tone="fail">INCONSISTENT</Badge> : <Badge tone="ok">CONSISTENT</Badge>} <span className="mono">{si.index}</span> · {formatCount(si.mappedTensors)} tensors mapped to {si.shards.length} shard(s)
              {si.totalSize !== null && <> · total_size {formatBytes(si.totalSize)}</>}
              {si.problems.map((p) => (
                <div key={p} className="small fail-text">
                  {p}
                </div>
              ))}
              {si.note && <div className="small muted">{si.note}</div>}
            </>
          ) : (
            'no shard index (single weights file or none)'
          )}
        </dd>
        {f.config && (
          <>
            <dt>Config</dt>
            <dd>
              {list(f.config.architectures)} · {f.config.modelType ?? 'model type not stated'}
              {f.config.torchDtype && <> · {f.config.torchDtype}</>}
              <div className="small muted">
                {Object.entries(f.config.dims)
                  .map(([k, v]) => `${k} ${v}`)
                  .join(' · ')}{' '}
                · SHA-256 <span className="mono">{shortHex(f.config.sha256, 16)}</span>
              </div>
            </dd>
          </>
        )}
        <dt>Tokenizer</dt>
        <dd>
          {t?.tokenizerJson ? (
            <>
              {t.tokenizerJson.model ?? 'unknown model'} · vocabulary {t.tokenizerJson.vocabSize ?? '?'} · SHA-256 <span className="mono">{shortHex(t.tokenizerJson.sha256, 16)}</span>
            </>
          ) : (
            'no tokenizer.json'
          )}
          {t?.config && (
            <div className="small muted">
              {t.config.tokenizerClass ?? 'tokenizer class not stated'} · bos {t.config.bosToken ?? '—'} · eos {t.config.eosToken ?? '—'} · max length {t.config.modelMaxLength ?? '—'}
            </div>
          )}
        </dd>
        <dt>Chat template</dt>
        <dd>
          {t?.chatTemplates && Object.keys(t.chatTemplates).length ? (
            Object.entries(t.chatTemplates).map(([name, sha]) => (
              <div key={name}>
                {name} · SHA-256 <span className="mono">{sha}</span> {t.chatTemplateSource && <span className="small muted">from {t.chatTemplateSource}</span>}
              </div>
            ))
          ) : (
            'none'
          )}
        </dd>
        {f.card && (
          <>
            <dt>Model card</dt>
            <dd>
              {f.card.hasFrontMatter ? (
                <>
                  license {f.card.license ?? '—'} · base model {list(f.card.baseModel)}
                  <div className="small muted">
                    datasets {list(f.card.datasets)} · tags {list(f.card.tags)} · language {list(f.card.language)}
                  </div>
                </>
              ) : (
                'README.md without front matter'
              )}
            </dd>
          </>
        )}
      </dl>
      {f.generationConfig && <Flat title="Generation config" flat={f.generationConfig.flat} />}
      {f.config && <Flat title="config.json" flat={f.config.flat} />}
      {f.card && Object.keys(f.card.values).length > 0 && <Flat title="Model card front matter" flat={Object.fromEntries(Object.entries(f.card.values).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]))} />}
      <h3>Files ({f.files.length})</h3>
      <table className="table compact-table" aria-label={`Files of ${f.name}`}>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Role</th>
            <th scope="col" className="num">Size</th>
            <th scope="col">SHA-256</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {f.files.map((x) => {
            const m = link.get(x.name);
            return (
              <tr key={x.name}>
                <td className="mono">{x.name}</td>
                <td>
                  {x.role}
                  {x.verdict && x.verdict !== 'safe' && <> <Badge tone="high">{x.verdict}</Badge></>}
                </td>
                <td className="num">{formatBytes(x.size)}</td>
                <td className="mono small digest-cell" title={x.sha256 ?? undefined}>{x.sha256 ? shortHex(x.sha256, 16) : '—'}</td>
                <td>
                  {m?.model && (
                    <button type="button" className="small" onClick={() => onOpenModel(m.evidenceId)}>
                      Open details
                      <span className="sr-only"> of {x.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
