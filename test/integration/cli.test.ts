// SPDX-License-Identifier: UNLICENSED
// The evault CLI contract, run as a user runs it: real processes, a real vault folder, openssl.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromHex } from '../../shared/encoding.js';
import { verifyConsistency, verifyInclusion } from '../../shared/crypto/merkle.js';
import { evault } from '../helpers/cli.js';
import { repoRoot } from '../helpers/repoRoot.js';
import { TEST_PASSPHRASE, tempDir } from '../helpers/vaultFixture.js';

const root = tempDir('evault-cli-');
const env = { EVAULT_VAULT: join(root, 'vault'), EVAULT_KEYSTORE: join(root, 'keys'), EVAULT_PASSPHRASE: TEST_PASSPHRASE };
const ok = (args: string[], extra = {}) => {
  const r = evault(args, { ...env, ...extra });
  assert.equal(r.status, 0, `evault ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
};

/** The verification loop from README.md, exactly as printed there. */
function readmeLoop(dir: string): string {
  const readme = readFileSync(join(repoRoot(), 'README.md'), 'utf8');
  const block = /<!-- verify-events:start -->\n```sh\n([\s\S]*?)```\n<!-- verify-events:end -->/.exec(readme);
  assert.ok(block, 'README has the verify-events block');
  return block[1]!.replace('cd DIR', `cd '${dir}'`);
}

describe('evault CLI', () => {
  let fingerprint: string;
  before(() => {
    ok(['init']);
    fingerprint = JSON.parse(ok(['key', 'create', '--name', 'Ana Examiner', '--role', 'analyst', '--org', 'Example Lab', '--json'])).fingerprint;
    mkdirSync(join(root, 'exports', 'sub'), { recursive: true });
    writeFileSync(join(root, 'exports', 'api.jsonl'), '{"user_id":"u1","prompt":"hi"}\n{"user_id":"u2","prompt":"yo"}\n');
    writeFileSync(join(root, 'exports', 'sub', 'w.safetensors'), Buffer.from('0800000000000000{"a":1}', 'utf8'));
  });

  test('case create prints the id; CASE accepts the id or the number', () => {
    const id = ok(['case', 'create', '--number', '2026-014', '--title', 'Chatbot data leak']).trim();
    assert.match(id, /^[0-9a-f-]{36}$/);
    assert.equal(JSON.parse(ok(['case', 'show', id, '--json'])).number, '2026-014');
    assert.equal(JSON.parse(ok(['case', 'show', '2026-014', '--json'])).id, id);
    assert.match(ok(['case', 'list']), /2026-014\tChatbot data leak/);
    // Global options may come before the command, with their values.
    const before = evault(['--vault', env.EVAULT_VAULT, '--keystore', env.EVAULT_KEYSTORE, 'case', 'list'], { EVAULT_PASSPHRASE: TEST_PASSPHRASE });
    assert.equal(before.status, 0, before.stderr);
    assert.match(before.stdout, /2026-014/);
  });

  test('import --json prints one object per file with the contract fields; a second import is a duplicate', () => {
    const lines = ok(['import', '2026-014', join(root, 'exports'), '--legacy-hashes', '--json']).trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l.name), ['exports/api.jsonl', 'exports/sub/w.safetensors']);
    for (const l of lines) {
      for (const k of ['id', 'name', 'sha256', 'size', 'kind', 'duplicate', 'md5', 'sha1']) assert.ok(k in l, k);
      assert.equal(l.duplicate, false);
    }
    const sha = spawnSync('sha256sum', [join(root, 'exports', 'api.jsonl')], { encoding: 'utf8' }).stdout.split(' ')[0];
    assert.equal(lines[0].sha256, sha);
    const again = JSON.parse(ok(['import', '2026-014', join(root, 'exports', 'api.jsonl'), '--json']).trim());
    assert.equal(again.duplicate, true);
    assert.equal(again.id, lines[0].id);
  });

  test('note, events, checkpoint, prove and consistency produce verifiable output', () => {
    ok(['note', '2026-014', 'Received', 'on', 'USB']);
    const events = JSON.parse(ok(['events', '2026-014', '--json']));
    // The JSON Lines export is a log: its PII scan is a signed finding of its own.
    assert.deepEqual(events.map((e: { event: { action: string } }) => e.event.action), ['case.created', 'evidence.acquired', 'finding.recorded', 'evidence.acquired', 'note.added']);
    assert.equal(events[4].event.details.text, 'Received on USB');
    assert.equal(events[2].event.details.type, 'pii.scan');
    const note = ok(['checkpoint', '2026-014']);
    writeFileSync(join(root, 'checkpoint-5.txt'), note);
    assert.match(note, /^evidence-vault\/[0-9a-f-]+\/[0-9a-f-]+\n5\n[A-Za-z0-9+/]{43}=\n\n\u2014 evault-examiner-[0-9a-f]{16} \S+\n$/);
    const root5 = Buffer.from(note.split('\n')[2]!, 'base64');
    const p = JSON.parse(ok(['prove', '2026-014', '2', '--size', '5']));
    assert.ok(verifyInclusion(p.leafIndex, p.treeSize, fromHex(p.leafHash), p.proof.map(fromHex), new Uint8Array(root5)));
    ok(['note', '2026-014', 'later']);
    const c = JSON.parse(ok(['consistency', '2026-014', '5']));
    assert.equal(c.newSize, 7);
    assert.ok(verifyConsistency(5, 7, new Uint8Array(root5), fromHex(c.newRoot), c.proof.map(fromHex)));
  });

  test('export-events output verifies with openssl and sha256sum alone (the README loop), and catches a tampered event', () => {
    const dir = join(root, 'events-export');
    ok(['export-events', '2026-014', '--out', dir]);
    const files = readdirSync(dir);
    assert.ok(files.includes('000001.json') && files.includes('000001.sig') && files.includes(`${fingerprint}.pem`));
    const one = spawnSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', join(dir, `${fingerprint}.pem`), '-rawin', '-in', join(dir, '000001.json'), '-sigfile', join(dir, '000001.sig')], { encoding: 'utf8' });
    assert.match(one.stdout, /Signature Verified Successfully/);
    const good = spawnSync('bash', ['-c', readmeLoop(dir)], { encoding: 'utf8' });
    assert.equal(good.status, 0, good.stdout + good.stderr);
    assert.match(good.stdout, /checked 7 events, 0 failures/);
    const fp = spawnSync('bash', ['-c', `openssl pkey -pubin -in '${join(dir, fingerprint + '.pem')}' -outform DER | tail -c 32 | sha256sum`], { encoding: 'utf8' });
    assert.equal(fp.stdout.split(' ')[0], fingerprint, 'README fingerprint recipe');
    const ev = join(dir, '000004.json');
    writeFileSync(ev, readFileSync(ev, 'utf8').replace('"size":', '"size":1'));
    const bad = spawnSync('bash', ['-c', readmeLoop(dir)], { encoding: 'utf8' });
    assert.notEqual(bad.status, 0);
    assert.match(bad.stdout, /BAD SIGNATURE: 000004\.json/);
    assert.match(bad.stdout, /BROKEN LINK: 000005\.json/);
  });

  test('verify-vault passes on the vault and prints a summary; --json is machine-readable', () => {
    assert.match(ok(['verify-vault']), /^OK: 2 logs, 9 events, 2 evidence items, 2 objects re-hashed, 1 checkpoints/m);
    assert.equal(JSON.parse(ok(['verify-vault', '--json'])).ok, true);
    const withOutside = JSON.parse(ok(['verify-vault', '--checkpoint', join(root, 'checkpoint-5.txt'), '--json']));
    assert.equal(withOutside.ok, true);
    assert.equal(withOutside.counts.checkpoints, 2, 'the vault\'s own and the one given');
    const missing = evault(['verify-vault', '--checkpoint', join(root, 'nope.txt')], env);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read checkpoint file/);
  });

  test('key list and key export (PEM readable by openssl)', () => {
    assert.match(ok(['key', 'list']), new RegExp(`${fingerprint}  Ana Examiner \\(analyst\\), Example Lab  created`));
    const pem = join(root, 'ana.pem');
    ok(['key', 'export', fingerprint.slice(0, 10), '--out', pem]);
    const r = spawnSync('openssl', ['pkey', '-pubin', '-in', pem, '-noout', '-text'], { encoding: 'utf8' });
    assert.equal(r.status, 0);
    assert.match(r.stdout, /ED25519 Public-Key/);
    const p256 = join(root, 'ana-p256.pem');
    ok(['key', 'export', '--companion', '--out', p256]);
    const c = spawnSync('openssl', ['pkey', '-pubin', '-in', p256, '-noout', '-text'], { encoding: 'utf8' });
    assert.match(c.stdout, /ASN1 OID: prime256v1/);
  });

  test('exit codes and one-line errors: 2 for bad usage or input, no stack traces', () => {
    const cases: [string[], Record<string, string | undefined>, RegExp][] = [
      [['frobnicate'], {}, /unknown command/],
      [['case', 'create', '--number', 'X'], {}, /usage: evault case create/],
      [['import', '2026-014', join(root, 'missing.bin')], {}, /missing\.bin does not exist/],
      [['note', 'NO-CASE', 'x'], {}, /no case "NO-CASE"/],
      [['note', '2026-014', 'x'], { EVAULT_PASSPHRASE: 'wrong-passphrase' }, /wrong passphrase/],
      [['case', 'list'], { EVAULT_VAULT: join(root, 'nowhere') }, /no vault at .*evault init/],
      [['prove', '2026-014', 'abc'], {}, /SEQ must be a whole number/],
      [['case', 'show', '2026-014', '--bogus'], {}, /Unknown option '--bogus'/],
    ];
    for (const [args, extra, message] of cases) {
      const r = evault(args, { ...env, ...extra });
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1, `one line: ${r.stderr}`);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    }
    const noPass = evault(['note', '2026-014', 'x'], { ...env, EVAULT_PASSPHRASE: undefined }, '');
    assert.equal(noPass.status, 2);
    assert.match(noPass.stderr, /EVAULT_PASSPHRASE/);
  });

  test('verify-vault exits 1 and names the object when stored evidence is altered', () => {
    const show = JSON.parse(ok(['case', 'show', '2026-014', '--json']));
    const sha: string = show.evidence[0].sha256;
    const object = join(env.EVAULT_VAULT, 'objects', 'sha256', sha.slice(0, 2), sha.slice(2));
    spawnSync('chmod', ['u+w', object]);
    writeFileSync(object, 'tampered');
    const r = evault(['verify-vault'], env);
    assert.equal(r.status, 1);
    assert.match(r.stdout, new RegExp(`FAIL \\[OBJECT_HASH_MISMATCH\\] log [0-9a-f-]+, seq 2, evidence [0-9a-f-]+, object ${object.replace(/[/.]/g, '\\$&')}`));
    assert.match(r.stdout, /^FAILED: /m);
  });
});

test('evault demo runs the whole job on a fresh folder and reports success', () => {
  const out = join(tempDir('evault-demo-'), 'run');
  const r = evault(['demo', '--out', out, '--json']);
  assert.equal(r.status, 0, r.stderr);
  const summary = JSON.parse(r.stdout);
  assert.equal(summary.ok, true);
  assert.equal(summary.evidence.length, 2);
  assert.deepEqual(summary.evidence.map((e: { kind: string }) => e.kind), ['log', 'model']);
  assert.match(r.stderr, /openssl on 000001\.json: Signature Verified Successfully/);
  assert.ok(summary.findings['ai.prompt_injection'] > 0 && summary.findings['pii.email'] > 0, JSON.stringify(summary.findings));
  assert.match(r.stderr, /record proof of the flagged record \d+ \(offline, shared verifier\): verified/);
  assert.equal(summary.report.verified, true);
  assert.deepEqual(summary.incident.deadlines, { 'gdpr-art33': 'met', 'eu-ai-act-art73': 'open' });
  assert.ok(summary.incident.accepted.includes('impact.records') && summary.incident.accepted.includes('system.modelDigests'), JSON.stringify(summary.incident));
  const openssl = spawnSync('bash', ['-c', `cd '${out}' && pdfdetach -savefile examiner-${summary.fingerprint.slice(0, 16)}.pem -o examiner.pem report.pdf && openssl pkeyutl -verify -pubin -inkey examiner.pem -rawin -in report.pdf -sigfile report.pdf.sig`], { encoding: 'utf8' });
  assert.match(openssl.stdout, /Signature Verified Successfully/, openssl.stderr);
  assert.match(r.stderr, /verify-vault: OK/);
  assert.equal(evault(['verify-vault', '--vault', summary.vault]).status, 0);
});
