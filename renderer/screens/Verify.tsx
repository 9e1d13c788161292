// SPDX-License-Identifier: UNLICENSED
// Verify, with no vault and no identity: drop a signed report PDF (with its .sig, an examiner's
// public key, an evidence folder) or a disclosure package. Reports and packages are checked here in
// the page by the shared pure verifiers on the dropped bytes (Ed25519 by @noble/ed25519, ECDSA by
// WebCrypto, SHA-256 by @noble/hashes), so nothing leaves the machine; only the evidence folder is
// hashed by the services, which can read a folder and hash large files quickly.
import { useEffect, useState, type DragEvent } from 'react';
import { api } from '../api/vault.js';
import { ed25519Verify } from '../../shared/crypto/ed25519.js';
import { ed25519PublicKeyFromPem, keyFingerprint } from '../../shared/crypto/keyFingerprint.js';
import { webCryptoEcdsaVerify } from '../../shared/report/ecdsa.js';
import { readPdfOutline } from '../../shared/report/pdfOutline.js';
import { readFirstPagesText } from '../../shared/report/pdfText.js';
import { verifyReport } from '../../shared/report/verifyReport.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { ReportResult, type ReportOutcome } from './ReportResult.js';
import { ManifestPanel } from './ManifestPanel.js';
import { checkPackage, PackageResult, type PackageOutcome } from './VerifyProof.js';

interface Named {
  name: string;
  bytes: Uint8Array;
}

type Kind = 'pdf' | 'sig' | 'pem' | 'package';

function kindOf(f: Named): Kind {
  const n = f.name.toLowerCase();
  if (n.endsWith('.pdf') || (f.bytes[0] === 0x25 && f.bytes[1] === 0x50 && f.bytes[2] === 0x44 && f.bytes[3] === 0x46)) return 'pdf';
  if (n.endsWith('.sig')) return 'sig';
  if (n.endsWith('.pem') || n.endsWith('.pub')) return 'pem';
  return 'package';
}

/** `record` is given when the vault is unlocked: manifests may then be recorded in one of its cases. */
export function Verify({ nativeDialogs, record }: { nativeDialogs: boolean; record?: { lastCaseId?: string } }) {
  const [pdf, setPdf] = useState<Named>();
  const [sig, setSig] = useState<Named>();
  const [trusted, setTrusted] = useState<{ name: string; key: Uint8Array }>();
  const [keyError, setKeyError] = useState<string>();
  const [typedFp, setTypedFp] = useState('');
  const fp = typedFp.toLowerCase().replace(/[\s:]/g, '');
  const pinnedFp = /^[0-9a-f]{64}$/.test(fp) ? fp : undefined;
  const [evidence, setEvidence] = useState<{ dir: string; files: Map<string, string> }>();
  const [folder, setFolder] = useState('');
  const [folderError, setFolderError] = useState<unknown>();
  const [hashing, setHashing] = useState(false);
  const [report, setReport] = useState<ReportOutcome>();
  const [pkg, setPkg] = useState<{ file: Named; outcome: PackageOutcome }>();
  const [running, setRunning] = useState(false);
  const [over, setOver] = useState(false);

  const take = async (files: FileList | File[]) => {
    const named = await Promise.all([...files].map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    let key = trusted;
    for (const f of named) {
      const kind = kindOf(f);
      if (kind === 'pdf') {
        setPdf(f);
        setReport(undefined);
        setPkg(undefined);
        // A new report without a .sig in the same drop does not keep the previous report's .sig.
        if (!named.some((g) => kindOf(g) === 'sig')) setSig(undefined);
      } else if (kind === 'sig') setSig(f);
      else if (kind === 'pem') {
        try {
          key = { name: f.name, key: ed25519PublicKeyFromPem(new TextDecoder().decode(f.bytes)) };
          setTrusted(key);
          setKeyError(undefined);
        } catch (err) {
          setKeyError(`${f.name} is not an Ed25519 public key in PEM form (${(err as Error).message})`);
        }
      }
    }
    const packages = named.filter((f) => kindOf(f) === 'package');
    if (packages.length > 0) {
      const f = packages[0]!;
      setPdf(undefined);
      setReport(undefined);
      setPkg({ file: f, outcome: checkPackage(f.name, f.bytes, key) });
    }
  };

  // A package is re-checked when the trusted key changes.
  useEffect(() => {
    setPkg((cur) => (cur ? { file: cur.file, outcome: checkPackage(cur.file.name, cur.file.bytes, trusted) } : cur));
  }, [trusted]);

  // The report is re-verified whenever one of its inputs changes.
  useEffect(() => {
    if (!pdf) return;
    let live = true;
    setRunning(true);
    verifyReport(
      {
        pdf: pdf.bytes,
        ...(sig ? { detachedSignature: sig.bytes } : {}),
        // A key file is the stronger pin; a typed fingerprint (e.g. read out on the phone) otherwise.
        ...(trusted ? { expected: { publicKey: trusted.key } } : pinnedFp ? { expected: { fingerprint: pinnedFp } } : {}),
        ...(evidence ? { evidenceFiles: evidence.files } : {}),
      },
      { ed25519Verify, ecdsaVerify: webCryptoEcdsaVerify },
    ).then((result) => {
      if (!live) return;
      setReport({ file: pdf.name, sigFile: sig?.name ?? null, trustedFile: trusted ? `key file ${trusted.name}` : pinnedFp ? 'the fingerprint you typed' : null, evidenceDir: evidence?.dir ?? null, result, outline: readPdfOutline(pdf.bytes), firstPages: readFirstPagesText(pdf.bytes, 2) });
      setRunning(false);
    });
    return () => {
      live = false;
    };
  }, [pdf, sig, trusted, evidence, pinnedFp]);

  const hashFolder = async (dir: string) => {
    setHashing(true);
    setFolderError(undefined);
    try {
      const files = await api.hashEvidenceFolder({ dir });
      setEvidence({ dir, files: new Map(files.map((f) => [f.path, f.sha256])) });
    } catch (err) {
      setFolderError(err);
    } finally {
      setHashing(false);
    }
  };
  const pickFolder = async () => {
    try {
      const [dir] = await api.pickImportPaths({ folders: true, purpose: 'evidence-folder' });
      if (dir) await hashFolder(dir);
    } catch (err) {
      setFolderError(err);
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void take(e.dataTransfer.files);
  };

  return (
    <div className="page verify-page">
      <div className="page-head">
        <div>
          <h1>Verify</h1>
          <p className="muted">Check a signed report or a disclosure package offline. Nothing is uploaded; no vault or identity is needed.</p>
        </div>
      </div>
      <div
        className={`dropzone ${over ? 'over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p className="strong">Drop a report PDF with its .sig, or a disclosure.json — and, optionally, the examiner’s public key (.pem)</p>
        <div className="toolbar centered">
          <label className="button primary">
            Choose files…
            <input type="file" multiple accept=".pdf,.sig,.json,.pem,application/pdf,application/json" className="sr-only" aria-label="Files to verify" onChange={(e) => e.target.files && void take(e.target.files)} />
          </label>
          <label className="button">
            Package file…
            <input type="file" accept=".json,application/json" className="sr-only" aria-label="Package file to verify" onChange={(e) => e.target.files && void take(e.target.files)} />
          </label>
          <label className="button ghost">
            Trusted key (PEM)…
            <input type="file" accept=".pem" className="sr-only" aria-label="Trusted examiner public key (PEM)" onChange={(e) => e.target.files && void take(e.target.files)} />
          </label>
        </div>
        <ul className="loaded small">
          {pdf && <li>Report: {pdf.name}</li>}
          {pdf && <li>{sig ? `Detached signature: ${sig.name}` : 'No .sig yet — drop it to check the detached signature too'}</li>}
          <li>{trusted ? `Trusted examiner key: ${trusted.name} (${keyFingerprint(trusted.key).slice(0, 16)}…)` : 'No trusted key: the key inside the file is used — compare its fingerprint with the examiner’s.'}</li>
        </ul>
        {keyError && <p className="fail-text">{keyError}</p>}
        {pdf && !trusted && (
          <label className="field fp-field">
            <span>Expected examiner fingerprint (optional, 64 hex digits — spaces allowed)</span>
            <input className="mono" value={typedFp} onChange={(e) => setTypedFp(e.target.value)} placeholder="e.g. 3046 7231 8ca6 ad6c …" aria-invalid={typedFp.trim() !== '' && !pinnedFp} />
            {typedFp.trim() !== '' && !pinnedFp && <span className="small fail-text">Not a full fingerprint yet: {fp.length} of 64 hex digits.</span>}
          </label>
        )}
      </div>
      {pdf && (
        <div className="panel evidence-folder">
          <h3>Evidence folder (optional)</h3>
          <p className="muted small">Re-hash the evidence files and match them against the report’s fingerprints. The folder is read by the vault services on this computer.</p>
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (folder.trim()) void hashFolder(folder.trim());
            }}
          >
            {nativeDialogs ? (
              <button type="button" onClick={pickFolder} disabled={hashing}>
                {hashing ? 'Hashing…' : 'Choose evidence folder…'}
              </button>
            ) : (
              <>
                <input className="mono grow" aria-label="Evidence folder path" value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="/media/usb/evidence-2026-014" />
                <button type="submit" disabled={hashing || !folder.trim()}>
                  {hashing ? 'Hashing…' : 'Check folder'}
                </button>
              </>
            )}
            {evidence && (
              <span className="small muted">
                {evidence.files.size} file(s) hashed in {evidence.dir}{' '}
                <button type="button" className="link small" onClick={() => setEvidence(undefined)}>
                  clear
                </button>
              </span>
            )}
          </form>
          <ErrorNote error={folderError} />
        </div>
      )}
      {running && !report && (
        <p className="muted" aria-busy="true">
          Verifying…
        </p>
      )}
      {pdf && report && <ReportResult outcome={report} />}
      {pkg && <PackageResult outcome={pkg.outcome} />}
      <ManifestPanel nativeDialogs={nativeDialogs} record={record} />
    </div>
  );
}
