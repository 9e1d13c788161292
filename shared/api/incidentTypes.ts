// SPDX-License-Identifier: UNLICENSED
// What the Incident screen receives from the services (JSON-safe): the record grouped as the
// report prints it (regulatory.md §7), its history with the custody events behind it, the vault's
// proposals with their sources, and the deadline computation.
import type { JsonValue } from '../canonicalJson.js';
import type { NotificationDetails, NotificationEntry } from '../incident/record.js';
import type { DeadlineReport } from '../regimes/deadlines.js';

export interface IncidentFieldView {
  id: string;
  label: string;
  kind: string;
  /** Allowed values of an enum, or of each list item; null when free. */
  options: readonly string[] | null;
  value: JsonValue;
  /** The custody event that set the value; null when unset. */
  seq: number | null;
  /** Where an accepted proposal came from; null when the examiner typed it. */
  source: string | null;
}

export interface IncidentGroupView {
  id: string;
  section: number;
  title: string;
  fields: IncidentFieldView[];
}

/** One incident event of the case's custody log, newest last. */
export interface IncidentHistoryView {
  seq: number;
  /** When the custody event was signed. */
  at: string;
  actor: string;
  actorName: string | null;
  kind: 'change' | 'notification';
  /** The field changed (a change), or the regime (a notification). */
  field: string | null;
  label: string | null;
  /** SHA-256 of the old and new values (RFC 8785), as the event carries them. */
  old: string | null;
  new: string | null;
  value: JsonValue;
  source: string | null;
  notification: NotificationDetails | null;
}

export interface IncidentScreenView {
  case: { id: string; number: string; title: string; sealed: boolean };
  groups: IncidentGroupView[];
  notifications: NotificationEntry[];
  history: IncidentHistoryView[];
}

export interface IncidentProposalView {
  field: string;
  label: string;
  value: JsonValue;
  source: string;
  current: JsonValue;
  differs: boolean;
}

export interface IncidentChangeView {
  field: string;
  changed: boolean;
  value: JsonValue;
  old: string | null;
  new: string | null;
  seq: number | null;
}

export type DeadlinesView = DeadlineReport & { case: { id: string; number: string } };

export interface NotificationLoggedView {
  seq: number;
  notification: NotificationDetails;
}
