import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectPii, luhn, validIdCard, type PiiType } from './pii.rules.js';
import { maskText, maskValue, PROFILES } from './pii.masking.js';

const found = (text: string) => detectPii(text).map((s) => `${s.type}:${s.text}`);
const only = (text: string, type: PiiType) => detectPii(text).filter((s) => s.type === type).map((s) => s.text);

describe('validity checks', () => {
  it('accepts the GB 11643 check digit (including X) and refuses a wrong one', () => {
    expect(validIdCard('11010519491231002X')).toBe(true);
    expect(validIdCard('11010519491231002x')).toBe(true);
    expect(validIdCard('110105194912310021')).toBe(false);
    expect(validIdCard('110105194902300020')).toBe(false); // 30 February
    expect(validIdCard('990105194912310021')).toBe(false); // no such province
    expect(validIdCard('110105491231002')).toBe(true); // old 15-digit form
  });
  it('checks Luhn', () => {
    expect(luhn('4111111111111111')).toBe(true);
    expect(luhn('4111111111111112')).toBe(false);
  });
});

describe('detectPii finds', () => {
  it('finds a private person named in running text after who they are', () => {
    expect(only('我是店主周建华，想咨询许可证延续的事。', 'PERSON_NAME')).toEqual(['周建华']);
    expect(only('零售户王小明反映，周边新开了一家烟酒店。', 'PERSON_NAME')).toEqual(['王小明']);
    expect(only('市民李女士来电咨询。', 'PERSON_NAME')).toEqual([]); // already anonymous
    expect(only('零售户王小明便利店于3月1日停业。', 'PERSON_NAME')).toEqual([]); // a shop's name
  });
  it.each<[string, PiiType, string]>([
    ['身份证号码：11010519491231002X。', 'ID_CARD', '11010519491231002X'],
    ['联系电话：138-0013-8000，', 'PHONE_MOBILE', '138-0013-8000'],
    ['手机 +86 139 1234 5678', 'PHONE_MOBILE', '+86 139 1234 5678'],
    ['申请人住宅电话(0571)88886666', 'PHONE_LANDLINE', '(0571)88886666'],
    ['开户账号：4111 1111 1111 1111', 'BANK_CARD', '4111 1111 1111 1111'],
    ['邮箱 zhangsan_88@163.com。', 'EMAIL', 'zhangsan_88@163.com'],
    ['住址：浙江省杭州市西湖区文三路100号3幢2单元501室，联系', 'ADDRESS', '浙江省杭州市西湖区文三路100号3幢2单元501室'],
    ['家住四川省简阳市石桥镇新光村3组12号。', 'ADDRESS', '四川省简阳市石桥镇新光村3组12号'],
    ['车牌浙A·12345的车', 'LICENSE_PLATE', '浙A·12345'],
    ['新能源车粤BD12345', 'LICENSE_PLATE', '粤BD12345'],
    ['零售许可证号：330102100123。', 'TOBACCO_LICENSE_NO', '330102100123'],
    ['当事人欧阳娜娜于2024年', 'PERSON_NAME', '欧阳娜娜'],
    ['申请人：买买提·艾力，', 'PERSON_NAME', '买买提·艾力'],
    ['请联系李建国先生', 'PERSON_NAME', '李建国'],
  ])('%s → %s', (text, type, value) => {
    expect(only(text, type)).toEqual([value]);
  });

  it('finds every name of a list after one label', () => {
    expect(only('申请人：张伟、李娜、王芳。', 'PERSON_NAME')).toEqual(['张伟', '李娜', '王芳']);
  });
});

describe('detectPii leaves alone what Chinese practice publishes', () => {
  it.each([
    ['a document number', '浙烟罚〔2024〕12号'],
    ['a statute citation', '依据《中华人民共和国烟草专卖法》第三十二条第一款'],
    ['a credit code and a company', '杭州联华超市有限公司，统一社会信用代码：91330100MA2B3C4D5E，许可证号：330102100123'],
    ['public hotlines', '举报电话12313，政务服务热线12345'],
    ['the agency’s switchboard, address and mailbox', '咨询电话：0571-85123456，办公地址：杭州市环城西路12号3楼301室，邮箱 xxgk@zj.gov.cn'],
    ['officials in role with their 执法证号', '执法人员：李明、王刚（执法证号：33010012）'],
    ['masked names', '当事人张某某、王**、李×与赵某'],
    ['a deputy addressed in role', '尊敬的张伟代表：您提出的建议收悉。'],
    ['amounts, dates, postcodes', '罚款人民币5000元，2024年3月5日，邮编310000'],
    ['a case number that looks like a phone', '案号：13812345678'],
    ['an 18-digit string with a wrong check digit', '号码110105194912310021'],
    ['the agency’s contact in a reply letter', '联系单位：浙江省烟草专卖局法规处　联系人：王强　联系电话：0571-87654321'],
    ['common words after a label', '本人许可证办理依据'],
  ])('%s', (_, text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('offsets', () => {
  it('are UTF-16 string indices, right after characters outside the BMP', () => {
    const text = '𠀀𠀁 申请人：张伟，手机13800138000';
    for (const s of detectPii(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(detectPii(text).map((s) => s.start)).toEqual([text.indexOf('张伟'), text.indexOf('138')]);
  });
  it('never overlap and always point at their text, whatever the input', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('申请人：', '张伟', '，', '13800138000', ' ', '住址：', '杭州市西湖区文三路1号2室', '11010519491231002X', '𠀀', 'abc@qq.com', '\n'), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        const spans = detectPii(text);
        return spans.every((s, i) => text.slice(s.start, s.end) === s.text && (i === 0 || spans[i - 1].end <= s.start));
      }),
    );
  });
});

describe('masking', () => {
  it('masks by the default profile', () => {
    expect(maskValue('张伟', 'surname')).toBe('张某');
    expect(maskValue('欧阳娜娜', 'surname')).toBe('欧阳某某');
    expect(maskValue('11010519491231002X', 'keep6last4')).toBe('110105********002X');
    expect(maskValue('+86 139 1234 5678', 'keep3last4')).toBe('139****5678');
    expect(maskValue('4111 1111 1111 1111', 'last4')).toBe('************1111');
    expect(maskValue('zhangsan@163.com', 'domain')).toBe('***@163.com');
    expect(maskValue('浙江省杭州市西湖区文三路100号3幢501室', 'district')).toBe('浙江省杭州市西湖区****');
    expect(maskValue('浙A·12345', 'region')).toBe('浙A*****');
  });

  it('masks a whole application and leaves the rest untouched', () => {
    const text = '申请人：张伟，身份证号码：11010519491231002X，联系电话：13800138000，住址：浙江省杭州市西湖区文三路100号3幢501室。所需信息：浙烟〔2023〕5号。';
    expect(maskText(text, detectPii(text))).toBe('申请人：张某，身份证号码：110105********002X，联系电话：138****8000，住址：浙江省杭州市西湖区****。所需信息：浙烟〔2023〕5号。');
  });

  it('removes contact data entirely in penalty decisions (PENALTY_DECISION_V1)', () => {
    const text = '当事人：李建国，身份证号码：11010519491231002X，联系电话：13800138000。';
    expect(maskText(text, detectPii(text), PROFILES.penalty_decision_v1)).toBe('当事人：李某某，身份证号码：[已删除]，联系电话：[已删除]。');
  });
});
