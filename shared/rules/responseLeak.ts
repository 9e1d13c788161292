// SPDX-License-Identifier: UNLICENSED
// PII or secrets in the model's response (MITRE ATLAS AML.T0057, LLM Data Leakage). The PII
// detectors find the values; this rule keeps the ones in response fields and says what leaked by
// type and count — never the values, which stay in the vault.
import type { Finding, PiiMatch } from '../findings.js';

export const RESPONSE_LEAK_ATLAS = 'AML.T0057';

export function responseLeakFinding(index: number, pii: ReadonlyArray<PiiMatch & { field: string }>, inResponse: (pointer: string) => boolean): Finding | null {
  if (pii.length === 0) return null;
  let first: (PiiMatch & { field: string }) | undefined;
  const counts = new Map<string, number>();
  for (const m of pii) {
    if (!inResponse(m.field)) continue;
    first ??= m;
    counts.set(m.type, (counts.get(m.type) ?? 0) + 1);
  }
  if (!first) return null;
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const what = [...counts].map(([t, n]) => `${t} ×${n}`).join(', ');
  const secret = counts.has('pii.secret');
  return {
    type: 'ai.response_leak',
    rule: secret ? 'ai.response_leak.secret' : 'ai.response_leak.pii',
    atlas: RESPONSE_LEAK_ATLAS,
    severity: secret ? 'high' : 'medium',
    records: [index],
    field: first.field,
    start: first.start,
    end: first.end,
    explanation: `The model response contains ${total === 1 ? 'a value' : `${total} values`} detected as ${secret ? 'secrets or PII' : 'PII'} (${what}).`,
  };
}
