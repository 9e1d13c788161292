// SPDX-License-Identifier: UNLICENSED
// Known answers from RFC 8785 (JSON Canonicalization Scheme).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalize } from '../../../shared/canonicalJson.js';

/** A double from its IEEE 754 bit pattern, as RFC 8785 Appendix B lists them. */
function doubleFromBits(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

describe('RFC 8785 worked examples', () => {
  test('§3.2.2: numbers, string escapes and literals', () => {
    // The RFC's input text, parsed as JSON so its escapes reach canonicalize unchanged.
    const input = JSON.parse(String.raw`{
  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
  "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
  "literals": [null, true, false]
}`) as unknown;
    const expected = String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`;
    assert.equal(canonicalize(input), expected);
  });

  test('§3.2.3: properties sort by UTF-16 code units, not code points or UTF-8', () => {
    const input = JSON.parse(String.raw`{
  "\u20ac": "Euro Sign",
  "\r": "Carriage Return",
  "\ufb33": "Hebrew Letter Dalet With Dagesh",
  "1": "One",
  "\ud83d\ude00": "Emoji: Grinning Face",
  "\u0080": "Control",
  "\u00f6": "Latin Small Letter O With Diaeresis"
}`) as Record<string, string>;
    const out = canonicalize(input);
    // Read the keys back from the text: Object.keys would move the integer-like "1" to the front.
    const pairs = [...out.matchAll(/"((?:[^"\\]|\\.)*)":"([^"]*)"/g)].map((m) => [JSON.parse(`"${m[1]!}"`) as string, m[2]!]);
    // U+1F600 (surrogates D83D DE00) sorts before U+FB33 in UTF-16 although it is after it in code points.
    assert.deepEqual(
      pairs.map(([k]) => k),
      ['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'],
    );
    assert.deepEqual(
      pairs.map(([, v]) => v),
      [
        'Carriage Return',
        'One',
        'Control',
        'Latin Small Letter O With Diaeresis',
        'Euro Sign',
        'Emoji: Grinning Face',
        'Hebrew Letter Dalet With Dagesh',
      ],
    );
    // Non-ASCII characters are written as UTF-8 text, control characters escaped (§3.2.2.2).
    assert.equal(
      out,
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });
});

describe('RFC 8785 Appendix B: number serialization', () => {
  const vectors: [string, string][] = [
    ['0000000000000000', '0'],
    ['8000000000000000', '0'], // minus zero
    ['0000000000000001', '5e-324'], // min positive subnormal
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ];
  for (const [bits, expected] of vectors) {
    test(`${bits} -> ${expected}`, () => {
      assert.equal(canonicalize(doubleFromBits(bits)), expected);
      assert.equal(canonicalize([doubleFromBits(bits)]), `[${expected}]`);
    });
  }

  test('NaN and Infinity (Appendix B rows 7fffffffffffffff, 7ff0000000000000) throw', () => {
    for (const bits of ['7fffffffffffffff', '7ff0000000000000', 'fff0000000000000']) {
      assert.throws(() => canonicalize(doubleFromBits(bits)), TypeError, bits);
      assert.throws(() => canonicalize({ n: doubleFromBits(bits) }), TypeError, bits);
    }
  });
});

describe('I-JSON restrictions (RFC 7493) and JavaScript values', () => {
  test('a lone surrogate in a value or a key throws', () => {
    for (const s of ['\ud800', 'a\udc00', '\ude00\ud83d', 'x\ud83d']) {
      assert.throws(() => canonicalize(s), TypeError, JSON.stringify(s));
      assert.throws(() => canonicalize({ [s]: 1 }), TypeError, JSON.stringify(s));
    }
    assert.equal(canonicalize('\ud83d\ude00'), '"\ud83d\ude00"');
  });

  test('undefined properties are dropped, null is kept', () => {
    assert.equal(canonicalize({ b: undefined, a: null, c: 1 }), '{"a":null,"c":1}');
    assert.equal(canonicalize({ only: undefined }), '{}');
  });

  test('nested objects and arrays are canonicalized recursively, array order kept', () => {
    const value = { z: [3, { y: 1, x: [true, 'b'] }, 1], a: { d: {}, c: [] } };
    assert.equal(canonicalize(value), '{"a":{"c":[],"d":{}},"z":[3,{"x":[true,"b"],"y":1},1]}');
  });

  test('objects without a prototype are plain objects', () => {
    const o = Object.create(null) as Record<string, unknown>;
    o.b = 2;
    o.a = 1;
    assert.equal(canonicalize(o), '{"a":1,"b":2}');
  });

  test('non-plain objects and non-JSON types are rejected', () => {
    class Point {
      x = 1;
    }
    const rejected: unknown[] = [new Date(0), new Map(), new Set(), new Point(), new Uint8Array(2), /re/, 1n, () => 1, Symbol('s'), undefined];
    for (const value of rejected) {
      assert.throws(() => canonicalize(value), TypeError, String(typeof value));
      assert.throws(() => canonicalize({ k: [value] }), TypeError, String(typeof value));
    }
  });

  test('array elements that JSON cannot carry throw rather than vanish', () => {
    assert.throws(() => canonicalize([1, undefined, 2]), TypeError);
    // A hole in a sparse array must not produce the invalid text "[1,,2]".
    // eslint-disable-next-line no-sparse-arrays
    assert.throws(() => canonicalize([1, , 2]), TypeError);
    assert.throws(() => canonicalize(new Array(2)), TypeError);
  });

  test('output re-parses to an equal value and is a fixed point', () => {
    const value = { 'é': [0.1, -0, 1e21, 'tab\there'], '\u0000': { '': false } };
    const once = canonicalize(value);
    assert.equal(canonicalize(JSON.parse(once)), once);
    assert.equal(once, '{"\\u0000":{"":false},"é":[0.1,0,1e+21,"tab\\there"]}');
  });
});
