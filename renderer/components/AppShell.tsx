// SPDX-License-Identifier: UNLICENSED
import type { ReactNode } from 'react';
import type { SessionStatus } from '../../shared/api/types.js';

export function AppShell({ status, active, onCases, onVerify, onLock, children }: { status: SessionStatus; active: 'cases' | 'verify'; onCases: () => void; onVerify: () => void; onLock: () => void; children: ReactNode }) {
  const me = status.unlocked!;
  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span>Evidence Vault</span>
        </div>
        <nav aria-label="Main">
          <button type="button" className={`nav ${active === 'cases' ? 'active' : ''}`} aria-current={active === 'cases' ? 'page' : undefined} onClick={onCases}>
            Cases
          </button>
          <button type="button" className={`nav ${active === 'verify' ? 'active' : ''}`} aria-current={active === 'verify' ? 'page' : undefined} onClick={onVerify}>
            Verify
          </button>
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
