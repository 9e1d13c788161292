// SPDX-License-Identifier: UNLICENSED
// Keys: the examiner identities of this keystore with their fingerprints, the PDF-signing
// certificate, public key export (PEM, for openssl and auditors) and, for the unlocked identity,
// a certificate request for an organisation CA and the import of the CA's answer.
import { useState } from 'react';
import { api } from '../api/vault.js';
import type { ExportedKey, KeyView } from '../../shared/api/keyTypes.js';
import { Badge } from '../components/Badge.js';
import { CopyButton } from '../components/CopyButton.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { Fingerprint } from '../components/Fingerprint.js';
import { PathAction } from '../components/PathAction.js';
import { formatTime } from '../lib/format.js';
import { useLoad } from '../lib/useLoad.js';

function PublicKeyExport({ k, companion, nativeDialogs }: { k: KeyView; companion: boolean; nativeDialogs: boolean }) {
  const [shown, setShown] = useState<ExportedKey>();
  const [error, setError] = useState<unknown>();
  const label = companion ? 'ECDSA P-256 key (PDF signatures)' : 'Ed25519 key (custody, manifests, .sig)';
  const file = `examiner-${k.fingerprint.slice(0, 16)}${companion ? '-p256' : ''}.pem`;
  const show = async () => {
    setError(undefined);
    try {
      setShown(shown ? undefined : await api.exportPublicKey({ fingerprint: k.fingerprint, companion }));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div className="key-export">
      <div className="toolbar">
        <button type="button" className="small" onClick={show} aria-expanded={shown !== undefined}>
          {shown ? 'Hide' : 'Show'} {label}
        </button>
        <PathAction
          label={`Save ${companion ? 'P-256' : 'Ed25519'} PEM`}
          nativeDialogs={nativeDialogs}
          suggestedName={file}
          purpose="public-key"
          placeholder={`/media/usb/${file}`}
          run={async (out) => {
            const r = await api.exportPublicKey({ fingerprint: k.fingerprint, companion, out });
            return `Public key written to ${r.path}`;
          }}
        />
      </div>
      {shown && (
        <div className="pem-block">
          <pre className="record-text" aria-label={`${label}, PEM`}>
            {shown.pem}
          </pre>
          <CopyButton text={shown.pem} label={`Copy the ${label} PEM`} />
        </div>
      )}
      <ErrorNote error={error} />
    </div>
  );
}

function CertificateActions({ nativeDialogs, onChanged }: { nativeDialogs: boolean; onChanged: () => void }) {
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string>();
  const importFile = async (f: File) => {
    setError(undefined);
    setDone(undefined);
    try {
      const c = await api.importCertificate({ pem: await f.text() });
      setDone(`Certificate for ${c.subject} issued by ${c.issuer} stored; the next report carries it.`);
      onChanged();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div className="cert-actions">
      <h4>Certificate from your organisation’s CA</h4>
      <p className="muted small">Viewers show a self-signed signer as “unknown”. Send a certificate request to your CA, then import the certificate it returns (PEM, leaf first).</p>
      <div className="toolbar">
        <PathAction
          label="Create certificate request (CSR)"
          nativeDialogs={nativeDialogs}
          suggestedName="examiner.csr"
          purpose="csr"
          placeholder="/media/usb/examiner.csr"
          run={async (out) => {
            const r = await api.createCsr({ out });
            return `Certificate request written to ${r.path}`;
          }}
        />
        <label className="button small">
          Import certificate…
          <input type="file" accept=".pem,.crt,.cer" className="sr-only" aria-label="Certificate file to import (PEM)" onChange={(e) => e.target.files?.[0] && void importFile(e.target.files[0])} />
        </label>
      </div>
      {done && (
        <p className="ok-text small" role="status">
          {done}
        </p>
      )}
      <ErrorNote error={error} />
    </div>
  );
}

export function Keys({ nativeDialogs }: { nativeDialogs: boolean }) {
  const keys = useLoad(() => api.listKeys(), []);
  return (
    <div className="page keys-page">
      <div className="page-head">
        <div>
          <h1>Keys</h1>
          <p className="muted">Examiner identities in this keystore. Private keys never leave it; only public keys are shown and exported.</p>
        </div>
      </div>
      <ErrorNote error={keys.error} />
      {keys.data?.map((k) => (
        <section key={k.fingerprint} className="panel key-card" aria-label={`Identity ${k.name}`} data-key={k.fingerprint}>
          <div className="section-head">
            <div>
              <h2>
                {k.name} {k.unlocked && <Badge tone="ok">Unlocked — you</Badge>}
              </h2>
              <p className="muted small">{[k.role, k.organisation, `created ${formatTime(k.createdAt)}`].filter(Boolean).join(' · ')}</p>
            </div>
          </div>
          <p className="small muted">Ed25519 key fingerprint — the one auditors compare:</p>
          <Fingerprint value={k.fingerprint} />
          <dl className="facts compact">
            <dt>PDF-signing key</dt>
            <dd>{k.companionSpkiSha256 ? <span className="mono">ECDSA P-256 · SPKI SHA-256 {k.companionSpkiSha256}</span> : 'none (run "evault key add-companion")'}</dd>
            <dt>Certificate</dt>
            <dd>
              {k.certificate ? (
                <>
                  {k.certificate.subject} — {k.certificate.selfSigned ? 'self-signed' : `issued by ${k.certificate.issuer}`}, valid until {formatTime(k.certificate.notAfter)}
                  {k.certificate.chainLength > 1 ? ` (chain of ${k.certificate.chainLength})` : ''}
                  <div className="mono small muted">SHA-256 {k.certificate.sha256}</div>
                </>
              ) : (
                'not made yet (a self-signed one is made with the first report)'
              )}
            </dd>
          </dl>
          <PublicKeyExport k={k} companion={false} nativeDialogs={nativeDialogs} />
          {k.companionSpkiSha256 && <PublicKeyExport k={k} companion nativeDialogs={nativeDialogs} />}
          {k.unlocked && k.companionSpkiSha256 && <CertificateActions nativeDialogs={nativeDialogs} onChanged={keys.reload} />}
        </section>
      ))}
    </div>
  );
}
