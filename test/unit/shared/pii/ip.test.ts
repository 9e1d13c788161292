// SPDX-License-Identifier: UNLICENSED
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validIpv6 } from '../../../../shared/pii/ip.js';
import { found, foundOf } from './found.js';

const ips = (text: string) => foundOf('pii.ip', text);

test('IPv4: dotted decimal, octets 0–255 without leading zeros', () => {
  assert.deepEqual(found('from 192.168.1.1'), [['pii.ip', '192.168.1.1', 'ipv4']]);
  assert.deepEqual(ips('8.8.8.8, 255.255.255.255 and 0.0.0.0.'), ['8.8.8.8', '255.255.255.255', '0.0.0.0']);
  assert.deepEqual(ips('http://10.0.0.1:8080/x and 172.16.0.0/12'), ['10.0.0.1', '172.16.0.0']);
  for (const text of ['256.1.1.1', '86.636.238.218', '192.168.01.1', '010.1.1.1', '1.2.3', 'v5.3.6', '1.2.3.4.5', 'v1.2.3.4', '1.2.3.4a', 'version 2026.11.3.1']) {
    assert.deepEqual(ips(text), [], text);
  }
});

test('IPv6: full, compressed, and with an embedded IPv4 address (RFC 4291 §2.2)', () => {
  assert.deepEqual(found('src 2001:db8::1 ok'), [['pii.ip', '2001:db8::1', 'ipv6']]);
  for (const addr of [
    '2001:0db8:0000:0000:0000:ff00:0042:8329',
    '2001:DB8:0:0:8:800:200C:417A',
    'fe80::1ff:fe23:4567:890a',
    '2a05:e2fb:ddfd::79b2:dab5:624f',
    '2001:db8::',
    '::ffff:192.0.2.128',
    '64:ff9b::192.0.2.33',
    '0:0:0:0:0:ffff:129.144.52.38',
  ]) {
    assert.deepEqual(found(`addr ${addr}.`), [['pii.ip', addr, 'ipv6']], addr);
  }
  assert.deepEqual(ips('[2001:db8::1]:443'), ['2001:db8::1']);
});

test('IPv6: shapes RFC 4291 rules out, and colon runs that are not addresses', () => {
  for (const text of [
    '2607:607::b573::9d20', // "::" twice
    '2607:e7b3:d603d::4620', // a group of five hex digits
    'CC:DD:AC:07:7E:F0', // a MAC address: six groups
    '2001:db8:0:0:0:0:0:0:1', // nine groups
    '2001:db8:0:0:1', // five groups and no "::"
    '::ffff:192.168.01.1',
    'at 12:30:45',
    'std::vector and Foo::Bar',
    'abc::def',
    '::1', // loopback: not matched (see ip.ts)
    'x2001:db8::1',
  ]) {
    assert.deepEqual(ips(text), [], text);
  }
  assert.ok(validIpv6('1:2:3:4:5:6:7::'));
  assert.ok(!validIpv6('1:2:3:4:5:6:7:8::'));
  assert.ok(!validIpv6(':1:2:3:4:5:6:7'));
});
