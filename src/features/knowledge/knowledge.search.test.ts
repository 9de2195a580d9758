import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerBlocks, answerHtml, answerPlain } from './knowledge.format.js';
import { buildIndex, FULL, PLAIN, search, terms } from './knowledge.search.js';
import { SEED_ENTRIES } from './knowledge.entries.js';

const entries = SEED_ENTRIES.map((e) => ({ id: e.key, question: e.question, phrasings: e.phrasings, answerText: answerPlain(e.answer) }));
const index = buildIndex(entries, FULL);

describe('matching questions phrased differently', () => {
  it('keeps domain terms whole, drops question words, and folds synonyms', () => {
    expect(terms('烟证丢了怎么办')).toEqual(expect.arrayContaining(['许可证', '遗失']));
    expect(terms('请问如何办理烟草专卖零售许可证？')).not.toContain('如何');
    expect(terms('烟草证', PLAIN)).not.toContain('许可证');
  });

  it.each([
    ['烟证丢了怎么补', 'lic-lost'],
    ['卖烟的店要隔多远', 'lic-layout'],
    ['信息公开申请多久答复', 'ogi-time'],
    ['举报卖假烟有奖金吗', 'reward'],
  ])('“%s” finds %s first and says which phrasing matched', (q, key) => {
    const [top] = search(index, q, 3);
    expect(top.id).toBe(key);
    expect(top.matchedPhrasing.length).toBeGreaterThan(0);
    expect(top.matchedTerms.length).toBeGreaterThan(0);
  });

  it('returns nothing for a question with no meaningful words', () => {
    expect(search(index, '请问怎么样呢？')).toEqual([]);
  });

  it('on the labelled paraphrases (bench/knowledge) finds the right entry first far more often than plain full-text', () => {
    const labelled = fs
      .readFileSync(path.resolve(import.meta.dirname, '../../../bench/knowledge/queries.tsv'), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split('\t'));
    expect(labelled.length).toBeGreaterThanOrEqual(150);
    const top1 = (ix: typeof index) => labelled.filter(([q, key]) => search(ix, q, 1)[0]?.id === key).length / labelled.length;
    const full = top1(index);
    const plain = top1(buildIndex(entries, PLAIN));
    expect(full).toBeGreaterThanOrEqual(0.85);
    expect(full - plain).toBeGreaterThan(0.2);
  });

  it('ships at least 60 entries, each with phrasings', () => {
    expect(SEED_ENTRIES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(SEED_ENTRIES.map((e) => e.key)).size).toBe(SEED_ENTRIES.length);
    for (const e of SEED_ENTRIES) expect(e.phrasings.length, e.key).toBeGreaterThanOrEqual(2);
  });
});

describe('answers written as plain text', () => {
  it('makes paragraphs, lists and links, and escapes everything else', () => {
    const text = '第一段\n续写\n\n- 甲\n- 乙\n1. 一\n2、二\n\n详见 https://www.example.gov.cn/a?b=1&c=2 。<b>粗</b>';
    expect(answerBlocks(text)).toEqual([
      { kind: 'p', text: '第一段续写' },
      { kind: 'ul', items: ['甲', '乙'] },
      { kind: 'ol', items: ['一', '二'] },
      { kind: 'p', text: '详见 https://www.example.gov.cn/a?b=1&c=2 。<b>粗</b>' },
    ]);
    expect(answerHtml(text)).toContain('<a href="https://www.example.gov.cn/a?b=1&amp;c=2" rel="noopener">');
    expect(answerHtml(text)).toContain('&lt;b&gt;粗&lt;/b&gt;');
    expect(answerHtml('javascript:alert(1)')).toBe('<p>javascript:alert(1)</p>');
  });
});
