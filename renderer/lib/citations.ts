// SPDX-License-Identifier: UNLICENSED
// The log records the examiner has chosen to cite in the case's next report: picked in the record
// detail, listed and sent from the Report screen. Kept for the case while it is open.
import { useCallback, useMemo, useState } from 'react';

export interface Citation {
  evidenceId: string;
  evidenceName: string;
  record: number;
  line: number;
}

export interface Citations {
  list: readonly Citation[];
  has(evidenceId: string, record: number): boolean;
  toggle(c: Citation): void;
  remove(evidenceId: string, record: number): void;
  clear(): void;
}

export function useCitations(): Citations {
  const [list, setList] = useState<readonly Citation[]>([]);
  const same = (c: Citation, evidenceId: string, record: number) => c.evidenceId === evidenceId && c.record === record;
  const remove = useCallback((evidenceId: string, record: number) => setList((cur) => cur.filter((c) => !same(c, evidenceId, record))), []);
  const toggle = useCallback((c: Citation) => setList((cur) => (cur.some((x) => same(x, c.evidenceId, c.record)) ? cur.filter((x) => !same(x, c.evidenceId, c.record)) : [...cur, c])), []);
  const clear = useCallback(() => setList([]), []);
  return useMemo(() => ({ list, has: (e: string, r: number) => list.some((c) => same(c, e, r)), toggle, remove, clear }), [list, toggle, remove, clear]);
}
