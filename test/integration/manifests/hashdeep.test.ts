// SPDX-License-Identifier: UNLICENSED
// hashdeep interop, checked against the real hashdeep (Debian package `hashdeep`, installed by
// .ci/run): our manifests audit clean with `hashdeep -a -k`, hashdeep's audit clean with ours, the
// rows are byte-identical, and a moved, changed, missing and new file are reported alike by both.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../helpers/repoRoot.js';
import { tempDir } from '../../helpers/vaultFixture.js';

function run(cmd: string, args: string[], cwd: string): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
const evault = (args: string[], cwd: string) => run(process.execPath, [join(repoRoot(), 'electron', 'cli', 'bin.js'), ...args], cwd);
const hashdeep = (args: string[], cwd: string) => run('hashdeep', args, cwd);
const rows = (manifest: string) => manifest.split('\n').filter((l) => l && !l.startsWith('%%%%') && !l.startsWith('##')).sort();

describe('hashdeep interop (real hashdeep)', () => {
  let root: string;
  before(() => {
    assert.equal(spawnSync('hashdeep', ['-V']).status, 0, 'hashdeep is not installed: apt-get install hashdeep (.ci/run does)');
    root = tempDir('evault-hashdeep-');
    const m = join(root, 'model');
    mkdirSync(join(m, 'sub', 'deeper'), { recursive: true });
    writeFileSync(join(m, 'config.json'), '{"a": 1}\n');
    writeFileSync(join(m, 'empty'), '');
    writeFileSync(join(m, 'a name, with comma.txt'), 'comma\n');
    writeFileSync(join(m, 'sub', 'weights.bin'), Buffer.alloc(3 * 1024 * 1024 + 17, 7));
    writeFileSync(join(m, 'sub', 'deeper', 'copy.txt'), 'same\n');
    writeFileSync(join(m, 'sub', 'copy.txt'), 'same\n');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  for (const mode of ['relative', 'absolute'] as const) {
    test(`${mode} names: our manifest audits clean with hashdeep -a -k, and has hashdeep's exact rows`, () => {
      const flags = mode === 'relative' ? ['-l'] : [];
      const ours = join(root, `ours-${mode}.txt`);
      const r = evault(['manifest', 'model', '--format', 'hashdeep', ...flags, '--out', ours], root);
      assert.equal(r.status, 0, r.stderr);
      const text = readFileSync(ours, 'utf8');
      const theirs = hashdeep(['-c', 'md5,sha256', ...flags, '-r', 'model'], root).stdout;
      const [h1, h2, h3, , h5] = text.split('\n');
      assert.deepEqual([h1, h2, h3, h5], theirs.split('\n').filter((_, i) => i !== 3).slice(0, 4), 'header lines other than the command line');
      assert.deepEqual(rows(text), rows(theirs));
      const audit = hashdeep(['-a', '-k', ours, ...flags, '-r', 'model'], root);
      assert.equal(audit.status, 0, audit.stdout + audit.stderr);
      assert.match(audit.stdout, /hashdeep: Audit passed/);
    });

    test(`${mode} names: hashdeep's manifest audits clean with evault audit`, () => {
      const flags = mode === 'relative' ? ['-l'] : [];
      const theirs = join(root, `theirs-${mode}.txt`);
      writeFileSync(theirs, hashdeep(['-c', 'md5,sha256', ...flags, '-r', 'model'], root).stdout);
      const r = evault(['audit', 'model', '--against', theirs, '--json'], root);
      assert.equal(r.status, 0, r.stdout + r.stderr);
      const j = JSON.parse(r.stdout) as { passed: boolean; counts: { matched: number } };
      assert.equal(j.passed, true);
      assert.equal(j.counts.matched, 6);
    });
  }

  test('moved, changed, missing and new files: the same verdicts as hashdeep -a -vv', () => {
    const known = join(root, 'known.txt');
    writeFileSync(known, hashdeep(['-c', 'md5,sha256', '-l', '-r', 'model'], root).stdout);
    const m = join(root, 'model');
    renameSync(join(m, 'config.json'), join(m, 'config.moved.json'));
    writeFileSync(join(m, 'sub', 'weights.bin'), Buffer.alloc(3 * 1024 * 1024 + 17, 8));
    rmSync(join(m, 'empty'));
    writeFileSync(join(m, 'new.txt'), 'new\n');
    const h = hashdeep(['-a', '-vv', '-k', known, '-l', '-r', 'model'], root);
    assert.equal(h.status, 1);
    const lines = h.stdout.split('\n');
    const theirs = {
      moved: lines.filter((l) => / Moved from /.test(l)).sort(),
      newFiles: lines.filter((l) => l.endsWith(': No match')).map((l) => l.slice(0, -': No match'.length)).sort(),
      missing: lines.filter((l) => l.endsWith(': Known file not used')).map((l) => l.slice(0, -': Known file not used'.length)).sort(),
      counts: lines.filter((l) => /^ *(Files matched|Files partially matched|Files moved|New files found|Known files not found):/.test(l)).map((l) => l.trim()),
    };
    const r = evault(['audit', 'model', '--against', known, '--json'], root);
    assert.equal(r.status, 1);
    const ours = JSON.parse(r.stdout) as { files: { name: string; status: string; known?: string }[]; missing: string[]; counts: Record<string, number> };
    const by = (s: string) => ours.files.filter((f) => f.status === s);
    assert.deepEqual(by('changed').map((f) => f.name), ['model/sub/weights.bin']);
    assert.deepEqual(by('moved').map((f) => `${f.name}: Moved from ${f.known}`).sort(), theirs.moved);
    assert.deepEqual([...by('new'), ...by('changed')].map((f) => f.name).sort(), theirs.newFiles);
    assert.deepEqual([...ours.missing, ...by('changed').map((f) => f.name)].sort(), theirs.missing);
    const text = evault(['audit', 'model', '--against', known], root).stdout.split('\n');
    assert.deepEqual(text.filter((l) => /^ *(Files matched|Files partially matched|Files moved|New files found|Known files not found):/.test(l)).map((l) => l.trim()), theirs.counts);
  });

  test('a file that is not a hashdeep manifest is a clear error', () => {
    const bad = join(root, 'bad.txt');
    writeFileSync(bad, 'just text\n');
    const r = evault(['audit', 'model', '--against', bad], root);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /not a hashdeep file/);
  });
});
