// SPDX-License-Identifier: UNLICENSED
// The one contract between the UI and the services (Signal Desktop's Interface.ts, in small).
// Declared once here: the input schemas (runtime), the method signatures (types) and the events.
// The preload and the browser bridge generate window.vault from METHOD_NAMES; main and the bridge
// register `Handlers`, so a missing handler is a compile error; channels are `vault:${name}`.
import { args, array, bool, int, nullable, object, oneOf, optional, str, type Infer, type Schema } from './schemas.js';
import type {
  CaseDashboard,
  CaseSummary,
  CheckpointView,
  CustodyEventView,
  DisclosureView,
  EvidenceItem,
  EvidenceVerificationView,
  FindingView,
  IdentitySummary,
  ImportedItemView,
  ImportProgress,
  ProofReport,
  RecordPage,
  RecordView,
  SessionStatus,
  TimelineBucket,
  VaultVerificationView,
} from './types.js';
import type { ErrorCode } from '../errors.js';
import { MAX_CITED_RECORDS } from '../report/options.js';
import { REPORT_SECTIONS, REPORT_TYPE_CHOICES, type HashedFile, type IssuedReportView, type ReportProgress } from './reportTypes.js';
import type { CertificateView, ExportedKey, KeyView } from './keyTypes.js';
import type { ModelDetailView, ModelDiffView, TensorPage } from './modelTypes.js';
import type { ManifestCheck, ManifestWritten } from './manifestTypes.js';
import type { DeadlinesView, IncidentChangeView, IncidentProposalView, IncidentScreenView, NotificationLoggedView } from './incidentTypes.js';

const id = str({ min: 1, max: 200 });
const path = str({ min: 1, max: 4096 });
const fingerprint = str({ min: 8, max: 64, pattern: /^[0-9a-f]+$/ });

export const OPEN_PURPOSES = ['import', 'evidence-folder'] as const;
export const SAVE_PURPOSES = ['export', 'report', 'public-key', 'csr', 'disclosure', 'manifest'] as const;
export type OpenPurpose = (typeof OPEN_PURPOSES)[number];
export type SavePurpose = (typeof SAVE_PURPOSES)[number];

export const SEARCH_FIELDS = ['text', 'session', 'user', 'tenant', 'request', 'model', 'action', 'ip'] as const;

export const inputs = {
  createIdentity: object({ name: str({ min: 1, max: 200 }), role: nullable(str({ max: 200 })), organisation: nullable(str({ max: 200 })), passphrase: str({ min: 8, max: 1024 }) }),
  unlock: object({ fingerprint, passphrase: str({ min: 1, max: 1024 }) }),
  caseRef: object({ caseId: id }),
  createCase: object({ number: str({ min: 1, max: 100 }), title: str({ min: 1, max: 300 }), description: nullable(str({ max: 4000 })) }),
  sealCase: object({ caseId: id, reason: nullable(str({ max: 2000 })) }),
  addNote: object({ caseId: id, text: str({ min: 1, max: 20_000 }), evidenceId: optional(id) }),
  transfer: object({ caseId: id, to: fingerprint, reason: nullable(str({ max: 2000 })) }),
  importEvidence: object({ importId: str({ min: 8, max: 64, pattern: /^[A-Za-z0-9-]+$/ }), caseId: id, paths: array(path, { min: 1, max: 1000 }), legacyHashes: optional(bool()) }),
  cancelImport: object({ importId: str({ min: 8, max: 64 }) }),
  verifyEvidence: object({ caseId: id, evidenceIds: optional(array(id, { max: 10_000 })) }),
  exportEvidence: object({ caseId: id, evidenceId: id, destination: path }),
  // `purpose` picks the native dialog's wording in main (the renderer does not write it).
  pickImportPaths: object({ folders: optional(bool()), purpose: optional(oneOf(OPEN_PURPOSES)) }),
  pickSavePath: object({ suggestedName: str({ max: 255 }), folder: optional(bool()), purpose: optional(oneOf(SAVE_PURPOSES)) }),
  searchLogs: object({ caseId: id, query: str({ min: 1, max: 1000 }), field: optional(oneOf(SEARCH_FIELDS)), from: optional(str({ max: 64 })), to: optional(str({ max: 64 })), limit: optional(int({ min: 1, max: 5000 })) }),
  logRecords: object({ caseId: id, evidenceId: id, start: int(), count: int({ min: 1, max: 1000 }) }),
  timeline: object({ caseId: id, by: optional(oneOf(['user', 'session', 'tenant'] as const)), bucket: optional(oneOf(['minute', 'hour', 'day'] as const)) }),
  findings: object({ caseId: id, type: optional(str({ max: 100 })) }),
  revealRecord: object({ caseId: id, evidenceId: id, record: int(), reason: nullable(str({ max: 2000 })) }),
  verifyVault: object({ checkpoints: optional(array(str({ max: 100_000 }), { max: 100 })) }),
  verifyProof: object({ packageText: str({ min: 1, max: 64 * 1024 * 1024 }), trustedKeyPem: optional(str({ max: 10_000 })) }),
  issueReport: object({
    caseId: id,
    sections: array(oneOf(REPORT_SECTIONS), { min: 1, max: REPORT_SECTIONS.length }),
    reveal: bool(),
    organisation: nullable(str({ max: 200 })),
    classification: nullable(str({ max: 200 })),
    out: path,
    // Absent: initial for a case's first report, follow-up after that (the report service decides).
    reportType: optional(oneOf(REPORT_TYPE_CHOICES)),
    // Log records the examiner chose to cite (section 12), in this order; the service checks each.
    cite: optional(array(object({ evidenceId: id, record: int({ min: 0 }) }), { max: MAX_CITED_RECORDS })),
    // Re-checked against the key file in the service before signing, then dropped.
    passphrase: str({ min: 1, max: 1024 }),
  }),
  hashEvidenceFolder: object({ dir: path }),
  // Reports of a case run one at a time, so the case names the run to cancel.
  cancelReport: object({ caseId: id }),
  exportPublicKey: object({ fingerprint, companion: bool(), out: optional(path) }),
  createCsr: object({ out: path }),
  importCertificate: object({ pem: str({ min: 1, max: 256 * 1024 }) }),
  modelDetail: object({ caseId: id, evidenceId: id }),
  modelTensors: object({ caseId: id, evidenceId: id, start: int(), count: int({ min: 1, max: 1000 }), filter: optional(str({ max: 200 })) }),
  // The other side is a model evidence item of the same case or a file/folder on disk (exactly one);
  // `record` signs the diff as a finding.recorded event in the case (refused on a sealed case).
  modelDiff: object({ caseId: id, evidenceId: id, otherEvidenceId: optional(id), otherPath: optional(path), record: optional(bool()) }),
  // Stops the case's running model diffs (they write nothing until they finish).
  cancelModelDiff: object({ caseId: id }),
  // The incident record: field ids, regimes and times are checked again by the services' parsers.
  setIncidentField: object({
    caseId: id,
    field: str({ min: 1, max: 100 }),
    value: optional(str({ max: 20_000 })),
    // RFC 3339 with any offset: the value of a time field, or the date of a measure.
    at: optional(str({ max: 64 })),
    status: optional(oneOf(['done', 'planned'] as const)),
    clear: optional(bool()),
  }),
  acceptIncidentSuggestions: object({ caseId: id, fields: array(str({ min: 1, max: 100 }), { min: 1, max: 100 }) }),
  // The examiner's IANA zone (the page's Intl zone); null falls back to examiner.timeZone in the record.
  incidentDeadlines: object({ caseId: id, zone: nullable(str({ min: 1, max: 100 })) }),
  recordNotification: object({
    caseId: id,
    regime: str({ min: 1, max: 100 }),
    recipient: str({ min: 1, max: 500 }),
    at: str({ min: 1, max: 64 }),
    channel: nullable(str({ max: 200 })),
    ref: nullable(str({ max: 200 })),
  }),
  // hashdeep needs no vault; oms signs with the unlocked examiner's P-256 companion (in main).
  // `caseId` records the manifest as a signed manifest.issued event in that case (vault unlocked, case open).
  writeManifest: object({ path, format: oneOf(['hashdeep', 'oms'] as const), out: path, caseId: optional(id) }),
  checkManifest: object({ manifest: path, dir: optional(path) }),
  disclose: object({ caseId: id, evidenceId: id, records: str({ min: 1, max: 10_000 }), redact: bool(), out: path, note: optional(str({ max: 2000 })) }),
};

export type CreateIdentityInput = Infer<typeof inputs.createIdentity>;
export type UnlockInput = Infer<typeof inputs.unlock>;
export type CaseRef = Infer<typeof inputs.caseRef>;
export type CreateCaseInput = Infer<typeof inputs.createCase>;
export type SealCaseInput = Infer<typeof inputs.sealCase>;
export type AddNoteInput = Infer<typeof inputs.addNote>;
export type TransferInput = Infer<typeof inputs.transfer>;
export type ImportInput = Infer<typeof inputs.importEvidence>;
export type CancelImportInput = Infer<typeof inputs.cancelImport>;
export type VerifyEvidenceInput = Infer<typeof inputs.verifyEvidence>;
export type ExportInput = Infer<typeof inputs.exportEvidence>;
export type PickImportInput = Infer<typeof inputs.pickImportPaths>;
export type PickSaveInput = Infer<typeof inputs.pickSavePath>;
export type SearchInput = Infer<typeof inputs.searchLogs>;
export type RecordsInput = Infer<typeof inputs.logRecords>;
export type TimelineInput = Infer<typeof inputs.timeline>;
export type FindingsInput = Infer<typeof inputs.findings>;
export type RevealInput = Infer<typeof inputs.revealRecord>;
export type VerifyVaultInput = Infer<typeof inputs.verifyVault>;
export type VerifyProofInput = Infer<typeof inputs.verifyProof>;
export type DiscloseInput = Infer<typeof inputs.disclose>;
export type IssueReportInput = Infer<typeof inputs.issueReport>;
export type HashFolderInput = Infer<typeof inputs.hashEvidenceFolder>;
export type CancelReportInput = Infer<typeof inputs.cancelReport>;
export type ExportKeyInput = Infer<typeof inputs.exportPublicKey>;
export type CsrInput = Infer<typeof inputs.createCsr>;
export type ImportCertInput = Infer<typeof inputs.importCertificate>;
export type SetIncidentFieldInput = Infer<typeof inputs.setIncidentField>;
export type AcceptSuggestionsInput = Infer<typeof inputs.acceptIncidentSuggestions>;
export type DeadlinesInput = Infer<typeof inputs.incidentDeadlines>;
export type NotificationInput = Infer<typeof inputs.recordNotification>;
export type ModelDetailInput = Infer<typeof inputs.modelDetail>;
export type TensorsInput = Infer<typeof inputs.modelTensors>;
export type ModelDiffInput = Infer<typeof inputs.modelDiff>;
export type CancelModelDiffInput = Infer<typeof inputs.cancelModelDiff>;
export type WriteManifestInput = Infer<typeof inputs.writeManifest>;
export type CheckManifestInput = Infer<typeof inputs.checkManifest>;

/** Everything the UI can ask of the services. Each method takes at most one argument object. */
export interface VaultApi {
  // session and identity
  status(): SessionStatus;
  createIdentity(input: CreateIdentityInput): IdentitySummary;
  unlock(input: UnlockInput): IdentitySummary;
  lock(): void;
  // cases
  listCases(): CaseSummary[];
  createCase(input: CreateCaseInput): CaseSummary;
  getCase(input: CaseRef): CaseDashboard;
  sealCase(input: SealCaseInput): CaseSummary;
  addNote(input: AddNoteInput): CustodyEventView;
  transferCustody(input: TransferInput): CustodyEventView;
  // evidence
  listEvidence(input: CaseRef): EvidenceItem[];
  importEvidence(input: ImportInput): ImportedItemView[];
  cancelImport(input: CancelImportInput): boolean;
  verifyEvidence(input: VerifyEvidenceInput): EvidenceVerificationView[];
  exportEvidence(input: ExportInput): { path: string; sha256: string; seq: number };
  pickImportPaths(input: PickImportInput): string[];
  pickSavePath(input: PickSaveInput): string | null;
  // custody
  custodyEvents(input: CaseRef): CustodyEventView[];
  verifyVault(input: VerifyVaultInput): VaultVerificationView;
  issueCheckpoint(input: CaseRef): CheckpointView;
  // logs
  searchLogs(input: SearchInput): RecordView[];
  logRecords(input: RecordsInput): RecordPage;
  timeline(input: TimelineInput): TimelineBucket[];
  findings(input: FindingsInput): FindingView[];
  revealRecord(input: RevealInput): RecordView;
  // proofs
  verifyProof(input: VerifyProofInput): ProofReport;
  disclose(input: DiscloseInput): DisclosureView;
  // reports (verification itself is pure and runs in the renderer: shared/report/verifyReport.ts)
  issueReport(input: IssueReportInput): IssuedReportView;
  /** Stops the case's report being generated: nothing is written. False if none runs or it is already committing. */
  cancelReport(input: CancelReportInput): boolean;
  /** SHA-256 of every file under a folder, for the report verifier's evidence check; needs no vault. */
  hashEvidenceFolder(input: HashFolderInput): HashedFile[];
  // keys (public halves only; CSR and certificate import concern the unlocked identity)
  listKeys(): KeyView[];
  exportPublicKey(input: ExportKeyInput): ExportedKey;
  createCsr(input: CsrInput): ExportedKey;
  importCertificate(input: ImportCertInput): CertificateView;
  // the incident record (every change and filing a signed custody event)
  incident(input: CaseRef): IncidentScreenView;
  setIncidentField(input: SetIncidentFieldInput): IncidentChangeView;
  incidentSuggestions(input: CaseRef): IncidentProposalView[];
  acceptIncidentSuggestions(input: AcceptSuggestionsInput): IncidentChangeView[];
  incidentDeadlines(input: DeadlinesInput): DeadlinesView;
  recordNotification(input: NotificationInput): NotificationLoggedView;
  // model evidence
  modelDetail(input: ModelDetailInput): ModelDetailView;
  modelTensors(input: TensorsInput): TensorPage;
  modelDiff(input: ModelDiffInput): ModelDiffView;
  /** Stops the case's running model diffs: nothing is recorded. False if none was running. */
  cancelModelDiff(input: CancelModelDiffInput): boolean;
  // interoperable manifests (hashdeep, OpenSSF Model Signing)
  writeManifest(input: WriteManifestInput): ManifestWritten;
  checkManifest(input: CheckManifestInput): ManifestCheck;
}

export type MethodName = keyof VaultApi;

const none = args();

/** The runtime half of the contract: each method's argument schema. `satisfies` ties it to VaultApi both ways. */
export const METHODS = {
  status: none,
  createIdentity: args(inputs.createIdentity),
  unlock: args(inputs.unlock),
  lock: none,
  listCases: none,
  createCase: args(inputs.createCase),
  getCase: args(inputs.caseRef),
  sealCase: args(inputs.sealCase),
  addNote: args(inputs.addNote),
  transferCustody: args(inputs.transfer),
  listEvidence: args(inputs.caseRef),
  importEvidence: args(inputs.importEvidence),
  cancelImport: args(inputs.cancelImport),
  verifyEvidence: args(inputs.verifyEvidence),
  exportEvidence: args(inputs.exportEvidence),
  pickImportPaths: args(inputs.pickImportPaths),
  pickSavePath: args(inputs.pickSavePath),
  custodyEvents: args(inputs.caseRef),
  verifyVault: args(inputs.verifyVault),
  issueCheckpoint: args(inputs.caseRef),
  searchLogs: args(inputs.searchLogs),
  logRecords: args(inputs.logRecords),
  timeline: args(inputs.timeline),
  findings: args(inputs.findings),
  revealRecord: args(inputs.revealRecord),
  verifyProof: args(inputs.verifyProof),
  disclose: args(inputs.disclose),
  issueReport: args(inputs.issueReport),
  cancelReport: args(inputs.cancelReport),
  hashEvidenceFolder: args(inputs.hashEvidenceFolder),
  listKeys: none,
  exportPublicKey: args(inputs.exportPublicKey),
  createCsr: args(inputs.createCsr),
  importCertificate: args(inputs.importCertificate),
  incident: args(inputs.caseRef),
  setIncidentField: args(inputs.setIncidentField),
  incidentSuggestions: args(inputs.caseRef),
  acceptIncidentSuggestions: args(inputs.acceptIncidentSuggestions),
  incidentDeadlines: args(inputs.incidentDeadlines),
  recordNotification: args(inputs.recordNotification),
  modelDetail: args(inputs.modelDetail),
  modelTensors: args(inputs.modelTensors),
  modelDiff: args(inputs.modelDiff),
  cancelModelDiff: args(inputs.cancelModelDiff),
  writeManifest: args(inputs.writeManifest),
  checkManifest: args(inputs.checkManifest),
} satisfies { [K in MethodName]: Schema<Parameters<VaultApi[K]>> };

export const METHOD_NAMES = Object.keys(METHODS) as MethodName[];

/** Events pushed from the services to the UI. */
export interface VaultEvents {
  importProgress: ImportProgress;
  reportProgress: ReportProgress;
  locked: { reason: 'idle' | 'user' };
}
export type EventName = keyof VaultEvents;
export const EVENT_NAMES = ['importProgress', 'reportProgress', 'locked'] as const satisfies readonly EventName[];

export const CHANNEL_PREFIX = 'vault:';
export const EVENT_CHANNEL_PREFIX = 'vault-event:';
export function channelOf(name: MethodName): `vault:${MethodName}` {
  return `${CHANNEL_PREFIX}${name}`;
}
export function eventChannelOf(name: EventName): `vault-event:${EventName}` {
  return `${EVENT_CHANNEL_PREFIX}${name}`;
}
export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(METHODS, name);
}

/** The result envelope: ipcMain.handle would keep only an error's message, so errors travel as data. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } };

/** What the UI code calls: every method async, errors thrown as ApiError (see renderer/api/client.ts). */
export type Promisified<T> = { [K in keyof T]: T[K] extends (...a: infer A) => infer R ? (...a: A) => Promise<Awaited<R>> : never };
export type RendererApi = Promisified<VaultApi>;

/**
 * What the host answers in the page itself, without a round trip: the preload (desktop app) or the
 * browser client. Not services: nothing here reaches main.
 */
export interface LocalApi {
  /**
   * The path on disk of a File dropped on the page: Electron's webUtils.getPathForFile, called in
   * the preload (File.path is gone). Always null in a browser, where a page cannot learn paths.
   */
  pathForFile(file: unknown): string | null;
}
export const LOCAL_NAMES = ['pathForFile'] as const satisfies readonly (keyof LocalApi)[];

/** What window.vault is: every method returns the envelope; `on` subscribes and returns an unsubscribe. */
export type WireApi = LocalApi & { [K in MethodName]: (...a: Parameters<VaultApi[K]>) => Promise<Result<Awaited<ReturnType<VaultApi[K]>>>> } & {
  on<E extends EventName>(event: E, listener: (payload: VaultEvents[E]) => void): () => void;
};

/** Who is calling: handlers may need it (e.g. the window for a native dialog). */
export interface CallContext {
  transport: 'ipc' | 'bridge';
  /** Opaque host object (the Electron BrowserWindow for IPC). */
  host?: unknown;
}

/** What main and the bridge must implement: every method, with the caller's context first. */
export type Handlers = { [K in MethodName]: (ctx: CallContext, ...a: Parameters<VaultApi[K]>) => Promise<Awaited<ReturnType<VaultApi[K]>>> };
