// SPDX-License-Identifier: UNLICENSED
import type { ReactNode } from 'react';

export function StatCard({ label, value, children, tone }: { label: string; value: ReactNode; children?: ReactNode; tone?: 'ok' | 'fail' | 'warn' }) {
  return (
    <section className={`stat-card ${tone ?? ''}`} aria-label={label}>
      <h3>{label}</h3>
      <div className="stat-value">{value}</div>
      {children && <div className="stat-extra">{children}</div>}
    </section>
  );
}
