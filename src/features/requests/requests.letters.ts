import { chineseDate, type Letter } from '../../platform/documents/letter.js';
import { DEFAULT_CLOCK, remediesText, WITHHOLD_REASONS, type Outcome, type WithholdReason } from './requests.rules.js';
import type { ReplyDraft } from './requests.tables.js';

/** The letters of a case: what is sent to the applicant (or to a consulted third party). */
export const LETTER_KINDS = {
  receipt: { title: '政府信息公开申请登记回执', forApplicant: true },
  correction: { title: '政府信息公开申请补正告知书', forApplicant: true },
  consultation: { title: '政府信息公开征求第三方意见书', forApplicant: false },
  extension: { title: '政府信息公开申请延期答复告知书', forApplicant: true },
  fee: { title: '政府信息公开信息处理费收费通知书', forApplicant: true },
  reply: { title: '政府信息公开申请答复告知书', forApplicant: true },
} as const;
export type LetterKind = keyof typeof LETTER_KINDS;

export interface LetterCase {
  receiptNo: string;
  seq: number;
  year: number;
  trackingCode: string;
  applicantName: string;
  subject: string;
  arrivedOn: string;
  receivedOn: string | null;
  due: string | null;
  orgName: string;
  orgShortName: string;
  superiorName: string | null;
  letterNo: string | null;
  reply: ReplyDraft | null;
  /** Names of the files attached to the reply. */
  files?: string[];
}

const ART = '《中华人民共和国政府信息公开条例》';

/** The standard paragraph of each reply type (条例 Art 30, 35–39), citing its article. */
function outcomeParagraph(outcome: Outcome, reasons: WithholdReason[]): string {
  const why = reasons.map((r) => WITHHOLD_REASONS[r].label).join('、');
  const bases = [...new Set(reasons.map((r) => WITHHOLD_REASONS[r].basis.replace(ART, '')))].join('、');
  switch (outcome) {
    case 'ALREADY_PUBLIC':
      return `您申请获取的政府信息本机关已经主动公开。根据${ART}第三十六条第（一）项的规定，告知您获取该政府信息的方式和途径如下。`;
    case 'DISCLOSE':
      return `您申请获取的政府信息属于公开范围。根据${ART}第三十六条第（二）项的规定，现向您提供该政府信息。`;
    case 'PARTIAL':
      return `您申请获取的政府信息中，部分内容属于“${why || '依法不予公开'}”情形，依据${ART}${bases || '有关规定'}不予公开；其余内容可以公开。根据${ART}第三十七条的规定，现向您提供可以公开的部分。`;
    case 'WITHHOLD':
      return `经审查，您申请获取的政府信息属于“${why}”情形。根据${ART}${bases}和第三十六条第（三）项的规定，本机关决定不予公开。`;
    case 'NOT_EXIST':
      return `经检索查找，本机关未制作或者获取您申请的政府信息。根据${ART}第三十六条第（四）项的规定，告知您该政府信息不存在。`;
    case 'NOT_OUR_INFO':
      return `您申请获取的政府信息不属于本机关负责公开。根据${ART}第三十六条第（五）项的规定，告知您负责公开该政府信息的行政机关及其联系方式如下。`;
    case 'NEEDS_CREATION':
      return `您申请获取的信息需要本机关对现有政府信息进行加工、分析方能形成。根据${ART}第三十八条的规定，本机关不予提供。`;
    case 'STILL_UNCLEAR':
      return `经补正，您的申请内容仍不明确，本机关无法确定您所需要的政府信息。根据${ART}第三十条的规定，本机关无法提供。`;
    case 'PETITION':
      return `您提出的申请属于信访、投诉、举报等事项。根据${ART}第三十九条第一款的规定，本机关不作为政府信息公开申请处理，您可以通过相应渠道提出。`;
    case 'REPEAT':
      return `您提出的申请与本机关已经答复的政府信息公开申请内容相同。根据${ART}第三十六条第（六）项的规定，本机关不予重复处理。`;
    case 'PUBLICATION':
      return `您申请获取的是政府公报、报刊、书籍等公开出版物。根据${ART}第三十九条第二款的规定，告知您获取的途径如下。`;
    case 'BULK_UNREASONABLE':
      return `您申请公开政府信息的数量、频次明显超过合理范围，经本机关要求说明理由，理由不合理。根据${ART}第三十五条的规定，本机关不予处理。`;
    case 'CONFIRM_OR_REISSUE':
      return `您要求本机关确认或者重新出具您已获取的信息，不属于${ART}规定的政府信息公开申请，本机关不予处理。`;
    case 'SPECIAL_REGIME':
      return `您申请获取的信息，法律、行政法规对其获取有特别规定。根据${ART}第三十六条第（七）项的规定，请您按照有关法律、行政法规的规定办理。`;
    default:
      return '现将您的申请处理情况告知如下。';
  }
}

/** Composes the letter of `kind` from the case, its clock and the event that caused it. */
export function composeLetter(kind: LetterKind, c: LetterCase, ev: { on: string; data: Record<string, unknown> } | null): Letter {
  const title = LETTER_KINDS[kind].title;
  const base = { title, issuer: c.orgName, date: chineseDate(ev?.on ?? c.arrivedOn) };
  const salutation = `${c.applicantName}：`;
  const opening = `本机关于${chineseDate(c.receivedOn ?? c.arrivedOn)}收到您提出的政府信息公开申请（受理编号：${c.receiptNo}），申请获取“${c.subject}”。`;
  const number = (mark: string) => `${c.orgShortName}公开${mark}〔${c.year}〕${c.seq}号`;
  switch (kind) {
    case 'receipt':
      return {
        ...base,
        number: `受理编号：${c.receiptNo}`,
        salutation,
        paragraphs: [
          `您于${chineseDate(c.arrivedOn)}提出的政府信息公开申请已登记，申请获取“${c.subject}”。`,
          `通过互联网、传真或者平常信函提出的申请，以双方确认之日为收到申请之日；当面提交或者邮寄签收的，以提交或者签收之日为收到申请之日（${ART}第三十一条）。本机关将自收到申请之日起${DEFAULT_CLOCK.replyDays}个工作日内予以答复；需要延长答复期限的，将另行告知（第三十三条）。`,
          `您可以凭受理编号和查询码 ${c.trackingCode} 在本机关门户网站“依申请公开”栏目查询办理进度、下载告知书。请妥善保管查询码。`,
        ],
      };
    case 'correction':
      return {
        ...base,
        number: number('补'),
        salutation,
        paragraphs: [opening, `经审查，您的申请内容不明确。根据${ART}第三十条的规定，请您于${chineseDate(String(ev?.data.correctionDueBy))}前对以下事项作出补正：`],
        items: (ev?.data.items as string[]) ?? [],
        closing: ['答复期限自本机关收到补正后的申请之日起计算。您无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。', '特此告知。'],
      };
    case 'consultation':
      return {
        ...base,
        number: number('征'),
        salutation: `${String(ev?.data.party ?? '')}：`,
        paragraphs: [
          `本机关收到的政府信息公开申请（受理编号：${c.receiptNo}）所申请的政府信息可能涉及您（单位）的商业秘密、个人隐私等合法权益。根据${ART}第三十二条的规定，现书面征求您（单位）的意见。`,
          `请自收到本意见书之日起${DEFAULT_CLOCK.consultationDays}个工作日内提出意见。逾期未提出意见的，由本机关依照条例的规定决定是否公开。第三方不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的内容和理由书面告知第三方。`,
        ],
        closing: ['特此函询。'],
      };
    case 'extension':
      return {
        ...base,
        number: number('延'),
        salutation,
        paragraphs: [
          opening,
          `因${String(ev?.data.reason ?? '')}，本机关不能在规定期限内作出答复。根据${ART}第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长${Number(ev?.data.days ?? 0)}个工作日${c.due ? `，本机关将于${chineseDate(c.due)}前答复` : ''}。`,
        ],
        closing: ['特此告知。'],
      };
    case 'fee': {
      const method = ev?.data.method === 'per_volume' ? `按量计收（共 ${Number(ev?.data.pages ?? 0)} 页）` : `按件计收（本自然月第 ${Number(ev?.data.nth ?? 0)} 件申请）`;
      return {
        ...base,
        number: number('费'),
        salutation,
        paragraphs: [
          opening,
          '您申请公开政府信息的数量、频次明显超过合理范围。根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，本机关依法收取信息处理费：',
        ],
        items: [`计费方式：${method}，超额累进计算。`, `应缴数额：人民币 ${Number(ev?.data.amount ?? 0)} 元。`, '缴纳方式：按本通知所附非税收入缴款信息缴入国库，本机关开具财政票据。', `缴纳期限：自收到本通知次日起${DEFAULT_CLOCK.feePaymentDays}个工作日内。`],
        closing: ['逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。', '特此通知。'],
      };
    }
    case 'reply': {
      const r = c.reply!;
      const outcome = r.outcome as Outcome;
      const paragraphs = [opening, '经审查，现答复如下：', outcomeParagraph(outcome, r.reasons as WithholdReason[])];
      if (r.body) paragraphs.push(r.body);
      return {
        ...base,
        number: c.letterNo ?? number('答'),
        salutation,
        paragraphs,
        closing: [remediesText(outcome, c.superiorName), '特此告知。'],
        attachments: [...r.documents.split(/\n+/).map((s) => s.trim()).filter(Boolean), ...(c.files ?? [])],
        date: chineseDate(ev?.on ?? c.arrivedOn),
      };
    }
  }
}
