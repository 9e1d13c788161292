// SPDX-License-Identifier: UNLICENSED
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBase64url } from '../../../../shared/pii/base64url.js';
import { isJoseHeader } from '../../../../shared/pii/jwt.js';
import { found, foundOf } from './found.js';

const secrets = (text: string) => foundOf('pii.secret', text);
const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

test('AWS access key ids: AKIA/ASIA and 16 upper-case characters', () => {
  // The example key id of the AWS IAM documentation.
  assert.deepEqual(found('aws_access_key_id=AKIAIOSFODNN7EXAMPLE'), [['pii.secret', 'AKIAIOSFODNN7EXAMPLE', 'aws_access_key']]);
  assert.deepEqual(secrets('temp ASIAHA2MWZIX7JOCBBZ5.'), ['ASIAHA2MWZIX7JOCBBZ5']);
  for (const text of ['AKIAIOSFODNN7EXAMPL', 'AKIAIOSFODNN7EXAMPLE1', 'AKIAQYWEW', 'akiaiosfodnn7example', 'XAKIAIOSFODNN7EXAMPLE', 'AIDAIOSFODNN7EXAMPLE']) {
    assert.deepEqual(secrets(text), [], text);
  }
});

test('sk- API keys: legacy, project and service-account keys; not hyphenated words', () => {
  const legacy = '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';
  const project = 'sk-proj-5ALAq5avy3pV9e21r-WsHphVjNJSCPdD48Qd-qdHlbMPepFu4XvvPG3y1IVSrAm43ftT3BlbkFJ_x7Q';
  assert.deepEqual(found(`OPENAI_API_KEY=${legacy}`), [['pii.secret', legacy, 'openai_key']]);
  assert.deepEqual(found(`key "${project}"`), [['pii.secret', project, 'openai_key']]);
  assert.deepEqual(found('sk-ant-api03-Xy7kQ2mN9pL4rT8vW1zB5cD3fG6hJ0kL2mN4pQ7rS9tU1vW3xY5z'), [
    ['pii.secret', 'sk-ant-api03-Xy7kQ2mN9pL4rT8vW1zB5cD3fG6hJ0kL2mN4pQ7rS9tU1vW3xY5z', 'anthropic_key'],
  ]);
  for (const text of ['sk-64', 'sk-adcd', 'task-force-recommendations-draft', 'risk-weighted-assets-methodology', 'sk-learn-compatible-pipelines-for-tabular-data', 'desk-Kx7Qm2Np9Lr4Tv8Wz1Bc5Dd3Fg6Hh0Jk']) {
    assert.deepEqual(secrets(text), [], text);
  }
});

test('GitHub tokens: ghp_/gho_/ghu_/ghs_/ghr_ + 36, github_pat_ fine-grained', () => {
  const body = 'qefwj4CS9WC8C4igoxCesdyQZsEou5OEAJsC';
  for (const prefix of ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_']) {
    assert.deepEqual(found(`token ${prefix}${body}.`), [['pii.secret', prefix + body, 'github_token']], prefix);
  }
  const fine = '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';
  assert.deepEqual(found(`GH_TOKEN=${fine}`), [['pii.secret', fine, 'github_token']]);
  for (const text of ['ghp_kds1Ony6JRK', 'ghx_qefwj4CS9WC8C4igoxCesdyQZsEou5OEAJsC', `xghp_${body}`, 'github_pat_short_token']) {
    assert.deepEqual(secrets(text), [], text);
  }
});

test('base64url decoding (RFC 4648 §5)', () => {
  assert.deepEqual(decodeBase64url(''), new Uint8Array([]));
  assert.deepEqual(decodeBase64url('Zg'), new TextEncoder().encode('f'));
  assert.deepEqual(decodeBase64url('Zm9vYmFy'), new TextEncoder().encode('foobar'));
  assert.deepEqual(decodeBase64url('-_8'), new Uint8Array([0xfb, 0xff]));
  assert.equal(decodeBase64url('Zm9vY'), undefined); // 5 characters: a dangling 6 bits
  assert.equal(decodeBase64url('Zm9v+/'), undefined); // standard alphabet, not url
  assert.equal(decodeBase64url('Zm9v='), undefined); // no padding in JWS
});

test('JWT: three base64url parts whose header is JSON with "alg"', () => {
  // RFC 7519 §3.1 example, and the unsecured JWT of §6.1 (empty signature).
  const rfc = 'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
  const unsecured = 'eyJhbGciOiJub25lIn0.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.';
  assert.deepEqual(found(`Authorization: Bearer ${rfc}`), [['pii.secret', rfc, 'jwt']]);
  assert.deepEqual(secrets(`token=${unsecured} end`), [unsecured]);
  // RFC 7516 Appendix A.1: a JWE has five parts; matched whole.
  const jwe = [b64url('{"alg":"RSA-OAEP","enc":"A256GCM"}'), 'OKOawDo13gRp2ojaHV7LFpZcgV7T6DVZKTyKOMTYUmKoTCVJRgckCL9kiMT03JGe', '48V1_ALb6US04U3b', '5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_EFShS8iB7j6jiSdiwkIr3ajwQzaBtQD_A', 'XFBoMYUZodetZdvTiFvSkQ'].join('.');
  assert.deepEqual(secrets(`jwe ${jwe}.`), [jwe]);

  assert.ok(isJoseHeader(b64url('{"alg":"HS256","typ":"JWT"}')));
  assert.ok(!isJoseHeader(b64url('{"typ":"JWT"}')));
  assert.ok(!isJoseHeader(b64url('{"alg":256}')));
  assert.ok(!isJoseHeader(b64url('["alg"]')));
  assert.ok(!isJoseHeader(b64url('{"alg":"HS256"')));
  const noAlg = `${b64url('{"typ":"JWT","kid":"k1"}')}.${b64url('{"sub":"u1"}')}.c2lnbmF0dXJl`;
  for (const text of [noAlg, 'dmVyc2lvbiB0aHJlZQ.aGVsbG8gd29ybGQ.cGxhaW4gdGV4dCBoZXJl', 'example.com.evil', 'eyJhbGciOiJIUzI1NiJ9', 'every.thing.here']) {
    assert.deepEqual(secrets(text), [], text);
  }
});

test('PEM private keys: the whole block, BEGIN to the matching END; public keys are not secrets', () => {
  const rsa = '-----BEGIN RSA PRIVATE KEY-----\nMIICXAIBAAKBgQCeClnvSi16CrhNPXanp/mx1JV9Y0wUoY8R\nAbCdEfGh+/==\n-----END RSA PRIVATE KEY-----';
  assert.deepEqual(found(`key:\n${rsa}\nthanks`), [['pii.secret', rsa, 'private_key']]);
  for (const label of ['PRIVATE KEY', 'EC PRIVATE KEY', 'ENCRYPTED PRIVATE KEY', 'OPENSSH PRIVATE KEY', 'PGP PRIVATE KEY BLOCK']) {
    const block = `-----BEGIN ${label}-----\r\nMC4CAQAwBQYDK2VwBCIEIInjflpRfvP8zbR7p\r\n-----END ${label}-----`;
    assert.deepEqual(secrets(`a ${block} b`), [block], label);
  }
  // One line, as some logs flatten it.
  assert.deepEqual(secrets('-----BEGIN PRIVATE KEY----- MC4CAQAw -----END PRIVATE KEY-----'), ['-----BEGIN PRIVATE KEY----- MC4CAQAw -----END PRIVATE KEY-----']);
  // Cut off before its END line (a truncated log line): the header and the key lines are flagged.
  assert.deepEqual(secrets('-----BEGIN EC PRIVATE KEY-----\nMDECAQEEICuSi5kpjmRIi6ul\nMDECAQEEICuS\nsee above for more'), ['-----BEGIN EC PRIVATE KEY-----\nMDECAQEEICuSi5kpjmRIi6ul\nMDECAQEEICuS']);
  for (const label of ['PUBLIC KEY', 'RSA PUBLIC KEY', 'CERTIFICATE']) {
    assert.deepEqual(secrets(`-----BEGIN ${label}-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEsJ\n-----END ${label}-----`), [], label);
  }
});
