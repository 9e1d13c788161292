// SPDX-License-Identifier: UNLICENSED
// The layering rule in eslint.config.js, exercised on code that breaks it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { repoRoot } from '../helpers/repoRoot.js';

const eslint = new ESLint({ cwd: repoRoot() });

async function violations(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot(), file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

test('shared/ may not import node:*, Node builtins, electron, better-sqlite3 or the other layers', async () => {
  for (const spec of ['node:fs', 'fs', 'crypto', 'electron', 'better-sqlite3', '../electron/services/vault/vault.js', '../renderer/App.js']) {
    const found = await violations('shared/x.ts', `import * as m from '${spec}';\nexport const y = m;\n`);
    assert.equal(found.length, 1, spec);
    assert.match(found[0]!, /browser-safe/);
  }
  assert.equal((await violations('shared/x.ts', 'export const b = Buffer.from("x");\n')).length, 1);
  assert.deepEqual(await violations('shared/x.ts', "import { sha256 } from './crypto/sha256.js';\nexport const h = sha256;\n"), []);
});

test('renderer/ may not import Node or electron code; electron/ may not import renderer/', async () => {
  assert.equal((await violations('renderer/x.ts', "import fs from 'node:fs';\nexport const f = fs;\n")).length, 1);
  assert.equal((await violations('renderer/x.ts', "import { Vault } from '../electron/services/vault/vault.js';\nexport const v = Vault;\n")).length, 1);
  assert.deepEqual(await violations('renderer/x.ts', "import { toHex } from '../shared/encoding.js';\nexport const t = toHex;\n"), []);
  assert.equal((await violations('electron/x.ts', "import { App } from '../renderer/App.js';\nexport const a = App;\n")).length, 1);
});
