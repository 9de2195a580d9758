import { describe, expect, it } from 'vitest';
import { checkText, confidentialityFindings, DEFAULT_WORDING, wordingFindings } from './checks.rules.js';

describe('confidentiality markers (涉密不上网)', () => {
  it.each([
    ['机密★10年', '机密★10年'],
    ['秘密★', '秘密★'],
    ['绝密 ★ 三十年', '绝密 ★ 三十年'],
    ['（机密）', '机密'],
    ['本件为内部资料，请勿外传', '内部资料'],
    ['不宜公开', '不宜公开'],
    ['工作秘密，注意保存', '工作秘密'],
  ])('blocks %s', (text, marker) => {
    const f = confidentialityFindings(text);
    expect(f.map((x) => x.text)).toContain(marker);
    expect(f.every((x) => x.blocking)).toBe(true);
  });

  it.each(['保守国家秘密法', '商业秘密的保护', '秘密投票', '本通知自印发之日起施行'])('does not block %s', (text) => {
    expect(confidentialityFindings(text)).toEqual([]);
  });
});

describe('错敏词', () => {
  it('finds outdated institution names with the correction, longest term first', () => {
    const f = wordingFindings('依据国家工商行政管理总局和国务院法制办的意见，联系帐号如下', DEFAULT_WORDING);
    expect(f.map((x) => [x.text, x.suggestion])).toEqual([
      ['国家工商行政管理总局', '国家市场监督管理总局'],
      ['国务院法制办', '司法部'],
      ['帐号', '账号'],
    ]);
    expect(f.every((x) => !x.blocking)).toBe(true);
  });

  it('leaves ordinary words that contain an old ministry name alone (农业部门, 文化部门)', () => {
    expect(wordingFindings('会同农业部门和文化部门开展检查', DEFAULT_WORDING)).toEqual([]);
    expect(wordingFindings('报农业部审批', DEFAULT_WORDING).map((x) => x.suggestion)).toEqual(['农业农村部']);
  });

  it('uses an organisation’s own entries', () => {
    const f = checkText('请到专卖科办理', [{ term: '专卖科', kind: 'outdated', suggestion: '专卖监督管理科', note: '本局2024年更名' }]);
    expect(f[0]).toMatchObject({ text: '专卖科', suggestion: '专卖监督管理科', category: 'wording' });
  });

  it('orders findings by position', () => {
    const f = checkText('帐号 机密★1年 国家质检总局', DEFAULT_WORDING);
    expect(f.map((x) => x.start)).toEqual([...f.map((x) => x.start)].sort((a, b) => a - b));
    expect(f.map((x) => x.category)).toEqual(['wording', 'confidential', 'wording']);
  });
});
