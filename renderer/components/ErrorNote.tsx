// SPDX-License-Identifier: UNLICENSED
import { describeError } from '../lib/errors.js';

/** An error shown where it happened: a title from its code, the service's message under it. */
export function ErrorNote({ error, onDismiss }: { error: unknown; onDismiss?: () => void }) {
  if (error === undefined || error === null) return null;
  const e = describeError(error);
  return (
    <div className="error-note" role="alert" data-code={e.code}>
      <div>
        <strong>{e.title}</strong>
        <p>{e.detail}</p>
      </div>
      {onDismiss && (
        <button type="button" className="ghost small" onClick={onDismiss} aria-label="Dismiss error">
          ×
        </button>
      )}
    </div>
  );
}
