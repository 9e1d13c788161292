// SPDX-License-Identifier: UNLICENSED
// Display helpers: sizes, times, fingerprints.

export function formatBytes(n: number): string {
  if (n < 1024) return `${Math.round(n)} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 2 : v < 100 ? 1 : 0)} ${units[i]}`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-GB');
}

/** RFC 3339 UTC, shown as "2026-11-23 02:41:34 UTC": examiners compare times across time zones. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z').replace(/Z$/, ' UTC');
}

/** 64 hex digits in groups of four (as `evault key create` prints them). */
export function groupHex(hex: string): string[] {
  return hex.match(/.{1,4}/g) ?? [];
}

export function shortHex(hex: string, n = 12): string {
  return hex.length > n ? `${hex.slice(0, n)}…` : hex;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const m = Math.floor(seconds / 60);
  return m < 60 ? `${m} min ${Math.round(seconds % 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export const SEVERITIES = ['high', 'medium', 'low', 'info'] as const;

export function findingLabel(type: string): string {
  const labels: Record<string, string> = {
    'ai.prompt_injection': 'Prompt injection',
    'ai.system_prompt_exfiltration': 'System-prompt exfiltration',
    'ai.response_leak': 'Response leak',
    'ai.cross_tenant': 'Cross-tenant access',
    'ai.burst': 'Request burst',
    'ai.model_change': 'Model change',
    'model.diff': 'Model diff',
    'model.pickle-scan': 'Pickle scan',
    'pii.email': 'E-mail address',
    'pii.phone': 'Phone number',
    'pii.credit_card': 'Payment card',
    'pii.us_ssn': 'US SSN',
    'pii.iban': 'IBAN',
    'pii.ip': 'IP address',
    'pii.secret': 'Secret / credential',
  };
  return labels[type] ?? type;
}

export function actionLabel(action: string, details: unknown): string {
  const d = (details ?? {}) as Record<string, unknown>;
  if (action === 'note.added' && d.kind === 'pii.revealed') return 'PII revealed';
  const labels: Record<string, string> = {
    'examiner.registered': 'Examiner registered',
    'case.created': 'Case opened',
    'evidence.acquired': 'Evidence acquired',
    'evidence.verified': 'Evidence re-hashed',
    'evidence.exported': 'Evidence exported',
    'note.added': 'Note',
    'checkpoint.issued': 'Checkpoint signed',
    'finding.recorded': 'Findings recorded',
    'report.issued': 'Report issued',
    'custody.transferred': 'Custody transferred',
    'case.sealed': 'Case sealed',
    'pii.revealed': 'PII revealed',
    'manifest.issued': 'Manifest issued',
  };
  return labels[action] ?? action;
}
