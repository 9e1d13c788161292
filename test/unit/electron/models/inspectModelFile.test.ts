// SPDX-License-Identifier: UNLICENSED
// Header-only inspection of huge files: 100 GiB sparse safetensors and GGUF files are inspected by
// reading their headers alone (a few KiB), which is why it takes well under a second.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { FileSource } from '../../../../electron/services/ingest/models/fileSource.js';
import { inspectModelFile, nodeInflateRaw } from '../../../../electron/services/ingest/models/inspectModelFile.js';
import { inspectModel } from '../../../../shared/models/inspect.js';
import { tempDir } from '../../../helpers/vaultFixture.js';
import { GiB, sparseGguf, sparseSafetensors } from './sparse.js';

test('a 100 GiB sparse safetensors and GGUF: header-only inspection reads kilobytes, not tensor data', async () => {
  const dir = tempDir('evault-sparse-');
  try {
    const st = join(dir, 'big.safetensors');
    await sparseSafetensors(st, 100 * GiB, 300);
    const gg = join(dir, 'big.gguf');
    const ggSize = await sparseGguf(gg, 100 * GiB, 300);
    for (const [path, format, size] of [[st, 'safetensors', 100 * GiB], [gg, 'gguf', ggSize]] as const) {
      const src = await FileSource.open(path);
      const t0 = performance.now();
      const r = await inspectModel(src, { inflateRaw: nodeInflateRaw });
      const ms = performance.now() - t0;
      await src.close();
      assert.equal(r.format, format);
      assert.equal(r.verdict, 'safe', r.reason);
      assert.equal(r.size, size);
      assert.equal(r.tensors!.length, 300);
      assert.ok(r.tensors!.reduce((n, t) => n + t.length, 0) > 99 * GiB);
      // The header and at most one 64 KiB read-ahead window: never the tensor data.
      const header = format === 'safetensors' ? r.safetensors!.dataOffset : r.gguf!.dataOffset;
      assert.ok(src.bytesRead <= header + 64 * 1024, `${format}: read ${src.bytesRead} bytes for a ${header}-byte header`);
      assert.ok(ms < 1000, `${format}: ${ms.toFixed(1)} ms`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('inspectModelFile on a missing file fails with SOURCE_MISSING, not as an invalid model', async () => {
  await assert.rejects(inspectModelFile('/nonexistent/model.safetensors'), (err: unknown) => (err as { code?: string }).code === 'SOURCE_MISSING');
});
