// SPDX-License-Identifier: UNLICENSED
// The contract implemented on the services: one Handlers object shared by the Electron main
// process (IPC) and the loopback browser bridge. `satisfies Handlers` makes a missing or
// mistyped method a compile error.
import type { Handlers } from '../../../shared/api/contract.js';
import { caseHandlers } from './caseHandlers.js';
import { custodyHandlers } from './custodyHandlers.js';
import { evidenceHandlers, type Dialogs } from './evidenceHandlers.js';
import { ImportRunner } from './importRunner.js';
import { incidentHandlers } from './incidentHandlers.js';
import { keyHandlers } from './keyHandlers.js';
import { logHandlers } from './logHandlers.js';
import { manifestHandlers } from './manifestHandlers.js';
import { modelHandlers } from './modelHandlers.js';
import { reportHandlers } from './reportHandlers.js';
import { ReportRunner } from './reportRunner.js';
import { sessionHandlers } from './sessionHandlers.js';
import { AppSession, type SessionOptions } from './session.js';

export interface App {
  session: AppSession;
  handlers: Handlers;
  imports: ImportRunner;
  reports: ReportRunner;
}

export function createApp(options: SessionOptions & { dialogs?: Dialogs }): App {
  const session = new AppSession(options);
  const imports = new ImportRunner(session);
  const reports = new ReportRunner(session);
  const handlers = {
    ...sessionHandlers(session, options.dialogs !== undefined),
    ...caseHandlers(session),
    ...evidenceHandlers(session, imports, options.dialogs),
    ...logHandlers(session),
    ...custodyHandlers(session),
    ...reportHandlers(session, reports),
    ...incidentHandlers(session),
    ...keyHandlers(session),
    ...modelHandlers(session),
    ...manifestHandlers(session),
  } satisfies Handlers;
  return { session, handlers, imports, reports };
}
