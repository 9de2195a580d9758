// Generates the labelled corpus bench/pii/corpus.jsonl: 320 documents of the five kinds the platform
// handles, each personal value labelled with its offsets, and hard negatives that must NOT be flagged
// (document numbers, company credit codes and names, public hotlines and agency contacts, officials
// in role, masked names, deputies addressed in role, amounts, dates, case numbers, bad check digits).
// Seeded, so the corpus is the same on every run:  npx tsx bench/pii/generate.ts
import fs from 'node:fs';
import path from 'node:path';

// Arguments: [seed] [file]. The committed corpus.jsonl (seed 20261126) was used while tuning the
// detector; heldout.jsonl (seed 7) was not, and gives the figures reported in the note.
let seed = Number(process.argv[2] ?? 20261126);
const outFile = process.argv[3] ?? 'corpus.jsonl';
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const digits = (n: number) => Array.from({ length: n }, () => int(0, 9)).join('');

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万严覃武戴莫孔汤'];
const COMPOUND = ['欧阳', '司马', '上官', '诸葛', '皇甫', '慕容', '司徒', '夏侯'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文辉鹏飞斌宇浩凯云峰晨阳欣怡婷雪梅琳丹志海俊博翔宁'];
const TRANSLIT = ['买买提·艾力', '阿依古丽·吐尔逊', '热依拉·买买提', '扎西·多吉'];

type Label = { start: number; end: number; type: string };
class Doc {
  text = '';
  spans: Label[] = [];
  add(s: string) {
    this.text += s;
    return this;
  }
  pii(type: string, s: string) {
    this.spans.push({ start: this.text.length, end: this.text.length + s.length, type });
    this.text += s;
    return this;
  }
}

const name = () => (rand() < 0.04 ? pick(TRANSLIT) : (rand() < 0.06 ? pick(COMPOUND) : pick(SURNAMES)) + pick(GIVEN) + (rand() < 0.6 ? pick(GIVEN) : ''));
const masked = () => pick(SURNAMES) + pick(['某', '某某', '**', '×']);
function idCard(valid = true): string {
  const area = pick(['110101', '310104', '330106', '440305', '510107', '330102', '320102', '420106']);
  const birth = `${int(1950, 2004)}${String(int(1, 12)).padStart(2, '0')}${String(int(1, 28)).padStart(2, '0')}`;
  const body = area + birth + digits(3);
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const check = '10X98765432'[[...body].reduce((a, c, i) => a + Number(c) * w[i], 0) % 11];
  const bad = '0123456789'.replace(check, '')[int(0, 8)];
  const s = body + (valid ? check : bad);
  return rand() < 0.3 && s.endsWith('X') ? s.slice(0, -1) + 'x' : s;
}
function mobile(): string {
  const d = pick(['138', '139', '150', '151', '158', '186', '187', '177', '199', '135', '182', '166']) + digits(8);
  return pick([d, d, `${d.slice(0, 3)}-${d.slice(3, 7)}-${d.slice(7)}`, `${d.slice(0, 3)} ${d.slice(3, 7)} ${d.slice(7)}`, `+86 ${d}`]);
}
function landline(): string {
  const area = pick(['010', '021', '0571', '020', '028', '0574', '0755']);
  const n = String(int(2, 8)) + digits(area.length === 3 ? 7 : 7);
  return pick([`${area}-${n}`, `(${area})${n}`, `${area}${n}`]);
}
function bankCard(): string {
  const len = pick([16, 19]);
  let body = '62' + digits(len - 3);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let n = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
    sum += n;
  }
  body += String((10 - (sum % 10)) % 10);
  return rand() < 0.5 ? body : body.replace(/(\d{4})(?=\d)/g, '$1 ');
}
const email = () => `${pick(['zhang', 'li', 'wangxm', 'liuyang', 'chenjing', 'hz_shop', 'yancao.fan'])}${int(1, 9999)}@${pick(['qq.com', '163.com', '126.com', 'sina.com', 'gmail.com', 'foxmail.com'])}`;
const address = () =>
  `${pick(['浙江省杭州市西湖区', '浙江省杭州市拱墅区', '广东省广州市天河区', '四川省成都市武侯区', '浙江省宁波市鄞州区', '杭州市上城区'])}${pick(['文三路', '解放路', '天目山路', '人民南路', '中山大道', '沿江北路'])}${int(1, 399)}号${pick([`${int(1, 30)}幢${int(1, 4)}单元${int(101, 2602)}室`, `${int(1, 20)}栋${int(101, 1802)}室`, `${int(101, 902)}室`])}`;
const village = () => `${pick(['浙江省建德市', '四川省简阳市', '广东省清远市清新区'])}${pick(['大同镇', '石桥镇', '太和镇'])}${pick(['上马村', '新光村', '和平村'])}${int(1, 12)}组${int(1, 99)}号`;
const plate = () => `${pick([...'浙粤川京沪苏'])}${pick([...'ABCDEFGHJK'])}${pick(['', '·'])}${pick([digits(5), `D${pick([...'ABCDEF'])}${digits(4)}`, `${pick([...'ABCDEFGHJ'])}${digits(4)}`])}`;
const licence = () => pick(['330102', '330106', '440305', '510107', '330212']) + digits(6);
const docNo = () => `${pick(['浙烟', '粤烟', '川烟', '杭烟'])}${pick(['罚', '许', '法', '办'])}〔${int(2019, 2026)}〕${int(1, 300)}号`;
const uscc = () => `91${pick(['3301', '4403', '5101'])}${pick(['00', '06'])}MA${digits(2)}${pick([...'ABCDEFGHJK'])}${digits(3)}${pick([...'ABCDEFXY'])}`;
const company = () => `${pick(['杭州', '广州', '成都', '宁波'])}${pick(['联华', '百佳', '红旗', '永辉', '天天'])}${pick(['商贸', '超市', '便利店管理'])}有限公司`;
const official = () => `${pick(SURNAMES)}${pick(GIVEN)}${rand() < 0.5 ? pick(GIVEN) : ''}`;
const date = () => `${int(2019, 2026)}年${int(1, 12)}月${int(1, 28)}日`;
const agencyFooter = (d: Doc) => d.add(`\n${pick(['浙江省', '杭州市', '四川省'])}烟草专卖局\n办公地址：${pick(['杭州市', '成都市'])}${pick(['环城西路', '人民南路'])}${int(1, 300)}号　咨询电话：${landline()}　监督电话：12313\n政府信息公开邮箱：xxgk@${pick(['zj', 'sc', 'hz'])}.tobacco.gov.cn　邮编：${pick(['310000', '610000'])}\n`);

function penalty(): Doc {
  const d = new Doc().add(`行政处罚决定书\n${docNo()}\n当事人：`);
  const party = name();
  d.pii('PERSON_NAME', party).add(`，性别：${pick(['男', '女'])}，身份证号码：`).pii('ID_CARD', idCard()).add('，住址：').pii('ADDRESS', rand() < 0.8 ? address() : village());
  d.add('，联系电话：').pii('PHONE_MOBILE', mobile()).add(`。\n烟草专卖零售许可证号：`).pii('TOBACCO_LICENSE_NO', licence());
  d.add(`。\n${date()}，我局执法人员${official()}、${official()}（执法证号：${digits(8)}）在检查中发现，当事人`).pii('PERSON_NAME', party);
  d.add(`在其经营场所存放未在当地烟草专卖批发企业进货的卷烟${int(5, 300)}条，货值金额人民币${int(1000, 90000)}元。`);
  if (rand() < 0.4) d.add('车牌号为').pii('LICENSE_PLATE', plate()).add('的车辆用于运输。');
  d.add(`\n以上事实有现场笔录、证人`).pii('PERSON_NAME', name()).add(`的询问笔录等证据证实。当事人的行为违反了《中华人民共和国烟草专卖法实施条例》第二十三条第二款的规定，依据第五十六条，决定处以罚款人民币${int(1, 20)}000元。`);
  d.add(`如不服本决定，可在收到本决定书之日起六十日内向${pick(['浙江省烟草专卖局', '杭州市人民政府'])}申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。罚款请于十五日内缴至指定银行，案号：${pick(['138', '139'])}${digits(8)}。`);
  agencyFooter(d);
  return d;
}

function application(): Doc {
  const d = new Doc().add('政府信息公开申请表\n申请人类型：自然人\n申请人姓名：').pii('PERSON_NAME', name());
  d.add('\n证件类型：居民身份证　证件号码：').pii('ID_CARD', idCard()).add('\n联系电话：');
  if (rand() < 0.7) d.pii('PHONE_MOBILE', mobile());
  else d.pii('PHONE_LANDLINE', landline());
  if (rand() < 0.6) d.add('\n电子邮箱：').pii('EMAIL', email());
  d.add('\n通讯地址：').pii('ADDRESS', address()).add(`\n邮政编码：${pick(['310012', '510620', '610041'])}`);
  d.add(`\n所需信息名称：${pick(['关于调整卷烟零售点合理布局的通告', '烟草专卖零售许可证审批情况', '2023年度行政处罚案件统计'])}（文号：${docNo()}）`);
  d.add(`\n用途：${pick(['了解本人许可证办理依据', '学术研究', '维护自身合法权益'])}\n获取方式：${pick(['电子邮件', '邮寄', '自行领取'])}`);
  if (rand() < 0.4) d.add('\n代理人：').pii('PERSON_NAME', name()).add('，开户银行账号：').pii('BANK_CARD', bankCard());
  d.add(`\n申请日期：${date()}\n备注：统一社会信用代码示例 ${uscc()} 不属于本人信息；身份证复印件号码 ${idCard(false)} 系笔误。`);
  return d;
}

function message(): Doc {
  const d = new Doc().add(`留言主题：${pick(['举报无证经营', '咨询许可证办理', '建议增加零售点'])}\n留言人：`);
  if (rand() < 0.3) d.add(masked());
  else d.pii('PERSON_NAME', name());
  d.add(`\n留言内容：你好，`);
  if (rand() < 0.5) d.add('我叫').pii('PERSON_NAME', name()).add('，');
  d.add(`家住`).pii('ADDRESS', address()).add(`。楼下的${company()}（统一社会信用代码${uscc()}）`);
  d.add(`和隔壁${masked()}开的小店都在卖来路不明的香烟，车牌`).pii('LICENSE_PLATE', plate()).add('的车经常半夜送货。');
  d.add(`我打了12345和12313都没人管。请联系我：`).pii('PHONE_MOBILE', mobile());
  if (rand() < 0.5) d.add('，或发邮件到').pii('EMAIL', email());
  d.add(`。谢谢！\n留言时间：${date()}\n答复单位：${pick(['杭州市烟草专卖局', '成都市烟草专卖局'])}\n答复内容：您反映的问题已转${pick(['拱墅区', '武侯区'])}专卖管理所核查，执法人员${official()}已于${date()}进行检查，对${masked()}依法立案（${docNo()}）。咨询电话：${landline()}。`);
  return d;
}

function inspection(): Doc {
  const d = new Doc().add(`“双随机、一公开”抽查结果公示\n${docNo()}\n抽查事项：烟草专卖零售许可证持证情况\n检查人员：${official()}、${official()}\n`);
  for (let i = 0; i < int(2, 4); i++) {
    if (rand() < 0.5) {
      d.add(`${i + 1}. 检查对象：${company()}，统一社会信用代码：${uscc()}，许可证号：${licence()}，检查结果：未发现问题。\n`);
    } else {
      d.add(`${i + 1}. 检查对象：个体工商户`).pii('PERSON_NAME', name()).add('，零售许可证号：').pii('TOBACCO_LICENSE_NO', licence()).add('，经营地址：').pii('ADDRESS', address());
      d.add(`，检查结果：${pick(['未发现问题', '责令整改'])}。\n`);
    }
  }
  d.add(`抽查时间：${date()}。如对结果有异议，可在公示之日起${int(5, 15)}个工作日内反馈。`);
  agencyFooter(d);
  return d;
}

function reply(): Doc {
  const deputy = official();
  const d = new Doc().add(`关于省人大${int(10, 14)}届${int(1, 5)}次会议第${int(1, 900)}号建议的答复\n${docNo()}\n尊敬的${deputy}代表：\n您提出的《关于加强电子烟市场监管的建议》收悉。${deputy}代表的建议对我们改进工作很有帮助，现答复如下：\n`);
  d.add(`一、${date()}以来，全省共查处涉烟案件${int(100, 9000)}起，案值${int(100, 9999)}万元。\n二、下一步，我局将依据《电子烟管理办法》加强监管。\n`);
  if (rand() < 0.3) d.add('在调研中，群众').pii('PERSON_NAME', name()).add('反映其家庭地址').pii('ADDRESS', address()).add('附近存在违规销售问题，已转属地核查。\n');
  d.add(`感谢您对烟草专卖工作的关心和支持。\n联系单位：${pick(['浙江省烟草专卖局法规处', '四川省烟草专卖局办公室'])}　联系人：${official()}　联系电话：${landline()}\n${date()}`);
  return d;
}

const kinds = { penalty, application, message, inspection, reply };
const out: string[] = [];
let id = 0;
for (const [kind, make] of Object.entries(kinds)) for (let i = 0; i < 64; i++) {
  const d = make();
  out.push(JSON.stringify({ id: `${kind}-${String(++id).padStart(3, '0')}`, kind, text: d.text, spans: d.spans }));
}
fs.writeFileSync(path.join(import.meta.dirname, outFile), out.join('\n') + '\n');
console.log(`${out.length} documents written to bench/pii/${outFile}`);
