// SPDX-License-Identifier: UNLICENSED
import { useId, type ReactNode } from 'react';

/** A labelled input: the label is always visible and tied to the control. */
export function Field({ label, hint, children }: { label: string; hint?: ReactNode; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint && <div className="hint">{hint}</div>}
    </div>
  );
}
