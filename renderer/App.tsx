// SPDX-License-Identifier: UNLICENSED
// Top-level navigation: first run / unlock, the cases, one case, the keys, and the Verify screen
// (which needs no vault and no identity).
import { useCallback, useEffect, useState } from 'react';
import { api } from './api/vault.js';
import type { CaseSummary, IdentitySummary, SessionStatus } from '../shared/api/types.js';
import { AppShell } from './components/AppShell.js';
import { ErrorNote } from './components/ErrorNote.js';
import { CaseList } from './screens/CaseList.js';
import { CaseView } from './screens/CaseView.js';
import { FirstRun } from './screens/FirstRun.js';
import { Keys } from './screens/Keys.js';
import { Unlock } from './screens/Unlock.js';
import { Verify } from './screens/Verify.js';

type Route = { name: 'cases' | 'verify' | 'keys' } | { name: 'case'; caseId: string };

export function App() {
  const [status, setStatus] = useState<SessionStatus>();
  const [error, setError] = useState<unknown>();
  const [route, setRoute] = useState<Route>({ name: 'cases' });
  const [newIdentity, setNewIdentity] = useState(false);
  const [notice, setNotice] = useState<string>();
  // The case last opened: the Verify screen's Manifests panel offers to record a manifest in it.
  const [lastCaseId, setLastCaseId] = useState<string>();

  const refresh = useCallback(() => {
    api.status().then(setStatus, setError);
  }, []);

  useEffect(() => {
    refresh();
    return api.on('locked', ({ reason }) => {
      setNotice(reason === 'idle' ? 'The vault was locked after a period of inactivity.' : undefined);
      setRoute({ name: 'cases' });
      refresh();
    });
  }, [refresh]);

  const unlocked = (_i: IdentitySummary) => {
    setNewIdentity(false);
    setNotice(undefined);
    setRoute({ name: 'cases' });
    refresh();
  };

  if (error) return <main className="centered-page"><ErrorNote error={error} /></main>;
  if (!status) return <main className="centered-page" aria-busy="true"><p className="muted">Starting…</p></main>;

  if (route.name === 'verify' && !status.unlocked) {
    return (
      <main className="standalone">
        <header className="standalone-bar">
          <button type="button" className="ghost" onClick={() => setRoute({ name: 'cases' })}>
            ← Back
          </button>
        </header>
        <Verify nativeDialogs={status.nativeDialogs} />
      </main>
    );
  }
  if (!status.unlocked) {
    if (status.identities.length === 0 || newIdentity) return <FirstRun onDone={unlocked} onVerify={() => setRoute({ name: 'verify' })} />;
    return <Unlock identities={status.identities} onDone={unlocked} onVerify={() => setRoute({ name: 'verify' })} onNewIdentity={() => setNewIdentity(true)} notice={notice} />;
  }

  const lock = async () => {
    await api.lock();
    setRoute({ name: 'cases' });
    refresh();
  };
  const openCase = (c: CaseSummary) => {
    setLastCaseId(c.id);
    setRoute({ name: 'case', caseId: c.id });
  };

  return (
    <AppShell status={status} active={route.name === 'verify' ? 'verify' : route.name === 'keys' ? 'keys' : 'cases'} onNavigate={(name) => setRoute({ name })} onLock={lock}>
      {route.name === 'cases' && <CaseList onOpen={openCase} />}
      {route.name === 'case' && <CaseView caseId={route.caseId} onBack={() => setRoute({ name: 'cases' })} nativeDialogs={status.nativeDialogs} organisation={status.unlocked.organisation} />}
      {route.name === 'verify' && <Verify nativeDialogs={status.nativeDialogs} record={{ lastCaseId }} />}
      {route.name === 'keys' && <Keys nativeDialogs={status.nativeDialogs} />}
    </AppShell>
  );
}
