// SPDX-License-Identifier: UNLICENSED
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { frontMatterBlock, parseFrontMatter } from '../../../../shared/models/folder/frontMatter.js';
import { cardFacts } from '../../../../shared/models/folder/folderFacts.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('model card front matter (YAML subset)', () => {
  test('scalars, quoted scalars, comments, flow and block lists', () => {
    const fm = parseFrontMatter(['license: mit  # a comment', "title: 'it''s # not a comment'", 'quoted: "a\\tb"', 'tags: [a, "b, c", \'d\']', 'datasets:', '  - x/y', '- z', 'empty:', 'desc: |', '  line one', '  line two'].join('\n'));
    assert.deepEqual({ ...fm.values }, { license: 'mit', title: "it's # not a comment", quoted: 'a\tb', tags: ['a', 'b, c', 'd'], datasets: ['x/y', 'z'], empty: '', desc: 'line one\nline two' });
    assert.deepEqual(fm.problems, []);
  });

  test('nested mappings are kept aside; anchors, aliases, tags and flow mappings are refused by name', () => {
    const fm = parseFrontMatter(['model-index:', '- name: m', '  results: []', 'widget:', '  text: hi', 'a: &anchor x', 'b: *anchor', 'c: !!python/object:os.system x', 'd: {k: v}', 'license: apache-2.0'].join('\n'));
    assert.deepEqual(fm.nested, ['model-index', 'widget']);
    assert.equal(fm.values.license, 'apache-2.0');
    for (const k of ['a', 'b', 'c', 'd']) assert.equal(fm.values[k], undefined);
    assert.equal(fm.problems.length, 4);
    assert.match(fm.problems.join('\n'), /anchors, aliases and tags/);
  });

  test('the block: present, absent, unterminated; a huge block is cut', () => {
    assert.equal(frontMatterBlock('---\na: b\n---\n# x'), 'a: b\n');
    assert.equal(frontMatterBlock('# no front matter\n---\n'), null);
    assert.equal(frontMatterBlock('---\na: b\n'), null);
    const big = parseFrontMatter('a: b\n' + 'x'.repeat(100_000));
    assert.match(big.problems[0]!, /cut at 65536/);
  });

  test('card facts: license, base_model as a string or list, datasets, tags', () => {
    const c = cardFacts(enc('---\nlicense: llama3.2\nbase_model:\n- meta-llama/Llama-3.2-1B\ndatasets: [a/b]\ntags:\n  - lora\npipeline_tag: text-generation\n---\nbody'));
    assert.equal(c.license, 'llama3.2');
    assert.deepEqual(c.baseModel, ['meta-llama/Llama-3.2-1B']);
    assert.deepEqual(c.datasets, ['a/b']);
    assert.deepEqual(c.tags, ['lora']);
    assert.equal(c.pipelineTag, 'text-generation');
    assert.equal(cardFacts(enc('# plain')).hasFrontMatter, false);
  });
});
