// SPDX-License-Identifier: UNLICENSED
// The verification report of a signed PDF: ordered steps, each with its checks (expected vs found).
import type { Ed25519Verify } from '../../crypto/ed25519.js';
import type { SignedEvent } from '../../custody/event.js';
import type { ParsedSignedData } from '../cms.js';
import type { EcdsaVerify } from '../ecdsa.js';
import type { ReportManifest } from '../manifest.js';
import type { Attachment, PdfDocument, SignatureField } from '../pdfDocument.js';
import type { ParsedCertificate } from '../x509.js';

/** The steps, in the order they run. A tamper case names the first one that fails. */
export const STEP_IDS = [
  'pdf-structure',
  'pdf-byterange',
  'pdf-digest',
  'pdf-cms-signature',
  'pdf-signer-identity',
  'detached-signature',
  'manifest-signature',
  'attachment-hashes',
  'custody-events',
  'checkpoint-signature',
  'checkpoint-root',
  'consistency-proof',
  'record-proofs',
  'incident-record',
  'evidence-files',
] as const;
export type StepId = (typeof STEP_IDS)[number];

export type StepStatus = 'passed' | 'failed' | 'skipped';

export interface Check {
  name: string;
  ok: boolean;
  expected?: string;
  found?: string;
  detail?: string;
}

export interface StepResult {
  id: StepId;
  title: string;
  status: StepStatus;
  /** One line: what was checked, or why the step was skipped. */
  detail: string;
  checks: Check[];
}

export interface EvidenceOutcome {
  name: string;
  sha256: string;
  outcome: 'matched' | 'missing' | 'changed';
  /** Where it was found (relative to the evidence folder), and what it hashed to when it differs. */
  path?: string;
  found?: string;
}

export interface ReportVerification {
  ok: boolean;
  firstFailure: StepId | null;
  steps: StepResult[];
  reportId: string | null;
  case: { id: string; number: string; title: string } | null;
  signer: { fingerprint: string; name: string; role: string | null; pinned: boolean } | null;
  pdfSha256: string;
  evidence: EvidenceOutcome[];
}

export interface VerifyInput {
  pdf: Uint8Array;
  /** report.pdf.sig: raw 64-byte Ed25519 signature over the whole file. */
  detachedSignature?: Uint8Array;
  /** The identity the report must be signed by: a raw Ed25519 key, or its fingerprint. */
  expected?: { publicKey?: Uint8Array; fingerprint?: string };
  /** Files found in an evidence folder: path relative to it → SHA-256 (hex). */
  evidenceFiles?: ReadonlyMap<string, string>;
}

export interface VerifyDeps {
  ed25519Verify: Ed25519Verify;
  ecdsaVerify: EcdsaVerify;
  /** SHA-256 over the concatenation of `parts`; Node passes a faster one than the pure-JS default. */
  sha256?: (parts: readonly Uint8Array[]) => Uint8Array;
}

/** What the structure step extracts for the later steps. */
export interface ReportParts {
  doc: PdfDocument;
  signature: SignatureField | null;
  attachments: Map<string, Attachment>;
  manifestBytes: Uint8Array | null;
  manifest: ReportManifest | null;
  manifestError: string | null;
  events: SignedEvent[] | null;
  eventsError: string | null;
  cms: ParsedSignedData | null;
  certificate: ParsedCertificate | null;
  cmsError: string | null;
}

export class StepBuilder {
  readonly checks: Check[] = [];
  constructor(
    readonly id: StepId,
    readonly title: string,
  ) {}

  check(name: string, ok: boolean, expected?: string, found?: string, detail?: string): boolean {
    this.checks.push({ name, ok, ...(expected !== undefined ? { expected } : {}), ...(found !== undefined ? { found } : {}), ...(detail !== undefined ? { detail } : {}) });
    return ok;
  }

  fail(name: string, detail: string): false {
    this.checks.push({ name, ok: false, detail });
    return false;
  }

  done(detail: string): StepResult {
    const ok = this.checks.length > 0 && this.checks.every((c) => c.ok);
    return { id: this.id, title: this.title, status: ok ? 'passed' : 'failed', detail, checks: this.checks };
  }

  skip(detail: string): StepResult {
    return { id: this.id, title: this.title, status: 'skipped', detail, checks: [] };
  }
}
