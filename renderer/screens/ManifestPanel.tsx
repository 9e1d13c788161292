// SPDX-License-Identifier: UNLICENSED
// Interoperable manifests on the Verify screen, beside the other checks of handed-over material:
// write a hashdeep manifest of a path (what forensic labs' hashdeep reads) or an OpenSSF Model Signing
// bundle of a model folder (signed in main with the examiner's P-256 companion key), and check either
// kind against a folder: hashdeep's matched / moved / new / missing / changed, or the signature checks
// and every file of the model. Reading and hashing happen in the services; nothing leaves the machine.
// With the vault unlocked, a written manifest can be recorded in an open case as a signed
// manifest.issued custody event (the case last opened is listed first); locked, nothing is recorded.
import { useState } from 'react';
import type { CaseSummary } from '../../shared/api/types.js';
import { api } from '../api/vault.js';
import type { ManifestCheck, ManifestWritten } from '../../shared/api/manifestTypes.js';
import { Badge, type Tone } from '../components/Badge.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { Field } from '../components/Field.js';
import { shortHex } from '../lib/format.js';
import { useLoad } from '../lib/useLoad.js';

const TONE: Record<string, Tone> = { matched: 'ok', match: 'ok', moved: 'medium', new: 'medium', partial: 'high', changed: 'fail', missing: 'fail', unsigned: 'medium' };

function useAction<T>() {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<T>();
  const [error, setError] = useState<unknown>();
  const run = async (f: () => Promise<T>) => {
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await f());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, result, error, run };
}

function CheckResult({ r }: { r: ManifestCheck }) {
  const rows: { name: string; status: string; note?: string }[] = r.audit
    ? [...r.audit.files.map((f) => ({ name: f.name, status: f.status, ...(f.known && f.known !== f.name ? { note: `listed as ${f.known}` } : {}) })), ...r.audit.missing.map((m) => ({ name: m, status: 'missing' }))]
    : r.files.map((f) => ({ name: f.name, status: f.status }));
  const c = r.audit?.counts;
  return (
    <div className="manifest-result" data-testid="manifest-check" data-passed={String(r.passed)}>
      <p role="status">
        {r.passed ? <Badge tone="ok">PASSED</Badge> : <Badge tone="fail">FAILED</Badge>} {r.format === 'hashdeep' ? 'hashdeep audit' : 'OpenSSF model signature'}
        {c && <span className="muted small"> · {c.matched} matched, {c.moved} moved, {c.new} new, {c.missing} missing, {c.changed} changed</span>}
      </p>
      {r.checks.length > 0 && (
        <ul className="manifest-checks">
          {r.checks.map((k) => (
            <li key={k.check}>
              <Badge tone={k.ok ? 'ok' : 'fail'}>{k.ok ? 'PASS' : 'FAIL'}</Badge> <span className="strong">{k.check}</span> {k.detail}
            </li>
          ))}
        </ul>
      )}
      {r.problems.map((p) => (
        <p key={p} className="small muted">
          {p}
        </p>
      ))}
      {rows.length > 0 && (
        <table className="table compact-table" aria-label="Files checked against the manifest">
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">File</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, 2000).map((x) => (
              <tr key={`${x.status}:${x.name}`} data-status={x.status}>
                <td>
                  <Badge tone={TONE[x.status] ?? 'neutral'}>{x.status}</Badge>
                </td>
                <td className="mono small">
                  {x.name}
                  {x.note && <span className="muted"> ({x.note})</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

const NOT_RECORDED = '';

/** Open cases, the one last opened first: where a manifest may be recorded. */
function recordable(cases: CaseSummary[] | undefined, lastCaseId: string | undefined): CaseSummary[] {
  const open = (cases ?? []).filter((c) => !c.sealed);
  return [...open.filter((c) => c.id === lastCaseId), ...open.filter((c) => c.id !== lastCaseId)];
}

export function ManifestPanel({ nativeDialogs, record }: { nativeDialogs: boolean; record?: { lastCaseId?: string } }) {
  const cases = useLoad(() => (record ? api.listCases() : Promise.resolve([])), [record !== undefined]);
  const choices = recordable(cases.data, record?.lastCaseId);
  const [caseId, setCaseId] = useState(NOT_RECORDED);
  const [path, setPath] = useState('');
  const [format, setFormat] = useState<'hashdeep' | 'oms'>('hashdeep');
  const [out, setOut] = useState('');
  const [manifest, setManifest] = useState('');
  const [dir, setDir] = useState('');
  const write = useAction<ManifestWritten>();
  const check = useAction<ManifestCheck>();

  const chooseOut = async () => {
    const picked = await api.pickSavePath({ suggestedName: format === 'oms' ? 'model.sig' : 'manifest.hashdeep', purpose: 'manifest' });
    if (picked) setOut(picked);
  };
  const chooseFolder = async (set: (p: string) => void) => {
    const [picked] = await api.pickImportPaths({ folders: true, purpose: 'evidence-folder' });
    if (picked) set(picked);
  };
  return (
    <section className="panel manifests" aria-label="Manifests">
      <h2>Manifests</h2>
      <p className="muted small">hashdeep manifests are read by the tools forensic labs already use; an OpenSSF Model Signing bundle signs every file of a model folder with your P-256 key (unlock first).</p>
      <div className="manifest-grid">
        <form
          className="stack"
          aria-label="Write a manifest"
          onSubmit={(e) => {
            e.preventDefault();
            if (path.trim() && out.trim()) void write.run(() => api.writeManifest({ path: path.trim(), format, out: out.trim(), ...(caseId !== NOT_RECORDED ? { caseId } : {}) }));
          }}
        >
          <h3>Write a manifest</h3>
          <Field label="File or folder to list">{(id) => <input id={id} value={path} onChange={(e) => setPath(e.target.value)} placeholder="/cases/export" />}</Field>
          <Field label="Format">
            {(id) => (
              <select id={id} value={format} onChange={(e) => setFormat(e.target.value === 'oms' ? 'oms' : 'hashdeep')}>
                <option value="hashdeep">hashdeep (size, MD5, SHA-256 of every file)</option>
                <option value="oms">OpenSSF Model Signing (signed, model folder)</option>
              </select>
            )}
          </Field>
          <Field label="Save as">
            {(id) => (
              <div className="inline-form">
                <input id={id} className="grow" value={out} onChange={(e) => setOut(e.target.value)} placeholder="/media/usb/manifest.hashdeep" />
                {nativeDialogs && (
                  <button type="button" onClick={() => void chooseOut()}>
                    Choose…
                  </button>
                )}
              </div>
            )}
          </Field>
          {choices.length > 0 && (
            <Field label="Record in a case" hint="A recorded manifest becomes a signed manifest.issued event in the case’s custody log.">
              {(id) => (
                <select id={id} value={caseId} onChange={(e) => setCaseId(e.target.value)}>
                  <option value={NOT_RECORDED}>Do not record (no custody event)</option>
                  {choices.map((c) => (
                    <option key={c.id} value={c.id}>
                      Record in {c.id === record?.lastCaseId ? 'this case' : 'case'}: {c.number} — {c.title}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <div>
            <button type="submit" className="primary" disabled={write.busy || !path.trim() || !out.trim()}>
              {write.busy ? 'Hashing…' : 'Write manifest'}
            </button>
          </div>
          <ErrorNote error={write.error} />
          {write.result && (
            <p className="small" role="status">
              <Badge tone="ok">Written</Badge> {write.result.files} file(s) listed in <span className="mono">{write.result.out}</span> · SHA-256 <span className="mono">{shortHex(write.result.sha256, 16)}</span>
            </p>
          )}
          {write.result?.recorded && (
            <p className="small" role="status">
              <Badge tone="ok">Recorded</Badge> in case {write.result.recorded.caseNumber} as manifest.issued, custody event #{write.result.recorded.seq}
            </p>
          )}
        </form>
        <form
          className="stack"
          aria-label="Check a manifest"
          onSubmit={(e) => {
            e.preventDefault();
            if (manifest.trim()) void check.run(() => api.checkManifest({ manifest: manifest.trim(), ...(dir.trim() ? { dir: dir.trim() } : {}) }));
          }}
        >
          <h3>Check a manifest</h3>
          <Field label="Manifest (hashdeep or OpenSSF bundle)">{(id) => <input id={id} value={manifest} onChange={(e) => setManifest(e.target.value)} placeholder="/media/usb/manifest.hashdeep" />}</Field>
          <Field label="Folder it describes" hint="Optional for an OpenSSF bundle: without it only the signature is checked.">
            {(id) => (
              <div className="inline-form">
                <input id={id} className="grow" value={dir} onChange={(e) => setDir(e.target.value)} placeholder="/cases/export" />
                {nativeDialogs && (
                  <button type="button" onClick={() => void chooseFolder(setDir)}>
                    Choose…
                  </button>
                )}
              </div>
            )}
          </Field>
          <div>
            <button type="submit" className="primary" disabled={check.busy || !manifest.trim()}>
              {check.busy ? 'Checking…' : 'Check manifest'}
            </button>
          </div>
          <ErrorNote error={check.error} />
        </form>
      </div>
      {check.result && <CheckResult r={check.result} />}
    </section>
  );
}
