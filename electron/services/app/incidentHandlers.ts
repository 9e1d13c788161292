// SPDX-License-Identifier: UNLICENSED
// The incident record from the UI: the same services as `evault incident|deadlines|notify`. Each
// change or filing is a signed custody event written by the service (one at a time, through the
// session's write queue); this file only shapes what the screen reads.
import type { Handlers } from '../../../shared/api/contract.js';
import type { IncidentHistoryView } from '../../../shared/api/incidentTypes.js';
import { INCIDENT_FIELDS, fieldSpec } from '../../../shared/incident/fields.js';
import { INCIDENT_UPDATED, type IncidentUpdateDetails, type NotificationDetails } from '../../../shared/incident/record.js';
import { incidentDeadlines, incidentEvents, recordNotification, setIncidentField, showIncident } from '../incident/incident.js';
import { acceptSuggestions, suggestIncident } from '../incident/suggest.js';
import { isSealed } from '../vault/cases.js';
import type { AppSession } from './session.js';
import { examinerNames } from './views.js';

const OPTIONS = new Map(INCIDENT_FIELDS.map((f) => [f.id, f.options ?? null]));

export function incidentHandlers(session: AppSession): Pick<Handlers, 'incident' | 'setIncidentField' | 'incidentSuggestions' | 'acceptIncidentSuggestions' | 'incidentDeadlines' | 'recordNotification'> {
  return {
    async incident(_ctx, input) {
      const { vault } = session.require();
      const v = showIncident(vault, input.caseId);
      const names = examinerNames(vault);
      // The history with the value each event set (the fold keeps only the hashes).
      const history = incidentEvents(vault.db, v.case.id).map((e): IncidentHistoryView => {
        const base = { seq: e.seq, at: e.at, actor: e.actor, actorName: names.get(e.actor) ?? null };
        if (e.action === INCIDENT_UPDATED) {
          const d = e.details as unknown as IncidentUpdateDetails;
          return { ...base, kind: 'change', field: d.field, label: labelOf(d.field), old: d.old, new: d.new, value: d.value, source: d.source ?? null, notification: null };
        }
        const n = e.details as unknown as NotificationDetails;
        return { ...base, kind: 'notification', field: n.regime, label: null, old: null, new: null, value: null, source: null, notification: n };
      });
      return {
        case: { ...v.case, sealed: isSealed(vault, v.case.id) },
        groups: v.groups.map((g) => ({ id: g.id, section: g.section, title: g.title, fields: g.fields.map((f) => ({ ...f, options: OPTIONS.get(f.id) ?? null })) })),
        notifications: v.record.notifications,
        history,
      };
    },
    async setIncidentField(_ctx, input) {
      return session.exclusive(() => {
        const { vault, signer } = session.require();
        const { caseId, ...rest } = input;
        return setIncidentField(vault, signer, caseId, rest);
      });
    },
    async incidentSuggestions(_ctx, input) {
      const { vault } = session.require();
      return suggestIncident(vault, input.caseId);
    },
    async acceptIncidentSuggestions(_ctx, input) {
      return session.exclusive(async () => {
        const { vault, signer } = session.require();
        return acceptSuggestions(vault, signer, input.caseId, input.fields);
      });
    },
    async incidentDeadlines(_ctx, input) {
      const { vault } = session.require();
      return incidentDeadlines(vault, input.caseId, { zone: input.zone });
    },
    async recordNotification(_ctx, input) {
      return session.exclusive(() => {
        const { vault, signer } = session.require();
        const { caseId, ...rest } = input;
        return recordNotification(vault, signer, caseId, rest);
      });
    },
  };
}

function labelOf(field: string): string | null {
  try {
    return fieldSpec(field).label;
  } catch {
    return null;
  }
}
