// SPDX-License-Identifier: UNLICENSED
// The Report screen's list of records the examiner chose to cite (picked in the Logs tab), in the
// order they will appear in section 12.
import type { Citations } from '../lib/citations.js';

export function CitedRecords({ citations, findingsIncluded }: { citations: Citations; findingsIncluded: boolean }) {
  const list = citations.list;
  return (
    <section className="cited-records" aria-label="Records to cite">
      <h4>Records to cite ({list.length})</h4>
      <p className="muted small">
        Besides up to two records per finding (chosen by the report service), the report cites the records you pick here, in this order, each with its inclusion proof, in section 12. Pick them in the Logs tab with “Cite in report”.
      </p>
      {list.length > 0 && !findingsIncluded && <p className="notice small">Cited records are shown in section 12 (Findings): include that section, or remove them.</p>}
      {list.length > 0 && (
        <ol className="cited-list">
          {list.map((c) => (
            <li key={`${c.evidenceId}:${c.record}`}>
              <span>
                Record {c.record} of <span className="mono">{c.evidenceName}</span> <span className="muted small">line {c.line}</span>
              </span>
              <button type="button" className="ghost small" onClick={() => citations.remove(c.evidenceId, c.record)} aria-label={`Remove record ${c.record} of ${c.evidenceName}`}>
                Remove
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
