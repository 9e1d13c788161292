// SPDX-License-Identifier: UNLICENSED
import type { ReactNode } from 'react';
import type { SessionStatus } from '../../shared/api/types.js';

type Place = 'cases' | 'verify' | 'keys';
const PLACES: { id: Place; label: string }[] = [
  { id: 'cases', label: 'Cases' },
  { id: 'verify', label: 'Verify' },
  { id: 'keys', label: 'Keys' },
];

export function AppShell({ status, active, onNavigate, onLock, children }: { status: SessionStatus; active: Place; onNavigate: (place: Place) => void; onLock: () => void; children: ReactNode }) {
  const me = status.unlocked!;
  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span>Evidence Vault</span>
        </div>
        <nav aria-label="Main">
          {PLACES.map((p) => (
            <button key={p.id} type="button" className={`nav ${active === p.id ? 'active' : ''}`} aria-current={active === p.id ? 'page' : undefined} onClick={() => onNavigate(p.id)}>
              {p.label}
            </button>
          ))}
        </nav>
        <div className="whoami" title={`Key ${me.fingerprint}`}>
          <span className="who-name">{me.name}</span>
          <span className="who-meta">
            {[me.role, me.organisation].filter(Boolean).join(' · ')} · {me.fingerprint.slice(0, 8)}
          </span>
        </div>
        {status.mode === 'browser' && (
          <span className="badge accent" title="Served by evault ui --browser on 127.0.0.1">
            Browser session
          </span>
        )}
        <button type="button" className="ghost" onClick={onLock}>
          Lock
        </button>
      </header>
      <div className="content">{children}</div>
    </div>
  );
}
