// SPDX-License-Identifier: UNLICENSED
// A signed disclosure package of chosen records of this log (optionally with PII redacted), written
// into an empty folder and recorded as evidence.exported; it verifies offline on the Verify screen.
import { useState } from 'react';
import { api } from '../api/vault.js';
import type { RecordView } from '../../shared/api/types.js';
import { PathAction } from '../components/PathAction.js';

export function DiscloseForm({ caseId, view, nativeDialogs }: { caseId: string; view: RecordView; nativeDialogs: boolean }) {
  const [records, setRecords] = useState(String(view.record));
  const [redact, setRedact] = useState(true);
  return (
    <details className="disclose">
      <summary>Disclose records…</summary>
      <div className="form-row">
        <label className="field">
          <span>Records of {view.evidenceName} (e.g. 3,7,10-12)</span>
          <input className="mono" value={records} onChange={(e) => setRecords(e.target.value)} />
        </label>
        <label className="check">
          <input type="checkbox" checked={redact} onChange={(e) => setRedact(e.target.checked)} /> Redact PII
        </label>
      </div>
      <PathAction
        label="Write package"
        folder
        nativeDialogs={nativeDialogs}
        suggestedName="disclosure"
        purpose="disclosure"
        placeholder="/media/usb/disclosure-2026-014 (new or empty folder)"
        run={async (out) => {
          const r = await api.disclose({ caseId, evidenceId: view.evidence, records: records.trim(), redact, out });
          return `${r.records} record(s) (${r.redacted} redacted) signed into ${r.packagePath}; recorded as event ${r.seq}`;
        }}
      />
    </details>
  );
}
