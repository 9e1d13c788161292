// SPDX-License-Identifier: UNLICENSED
import { useState } from 'react';

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [done, setDone] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setDone(true);
      setTimeout(() => setDone(false), 1500);
    } catch {
      // Clipboard permission is denied in the hardened shell's sessions without a user gesture;
      // selecting the text is the fallback.
      setDone(false);
    }
  };
  return (
    <button type="button" className="ghost small copy" onClick={copy} aria-label={label} title={label}>
      {done ? 'Copied' : 'Copy'}
    </button>
  );
}
