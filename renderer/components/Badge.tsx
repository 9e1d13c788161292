// SPDX-License-Identifier: UNLICENSED
import type { ReactNode } from 'react';

export type Tone = 'high' | 'medium' | 'low' | 'info' | 'ok' | 'fail' | 'neutral' | 'accent';

export function Badge({ tone = 'neutral', children, title }: { tone?: Tone; children: ReactNode; title?: string }) {
  return (
    <span className={`badge ${tone}`} title={title}>
      {children}
    </span>
  );
}
