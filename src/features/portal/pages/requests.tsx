import { Layout, columnHref, orgHome, type LayoutProps } from './layout.js';
import { APPLICANT_TYPES, DELIVERY, ID_DOC_TYPES, PROVISION_FORMS, STATUSES } from '../../requests/requests.rules.js';
import type { FieldError } from '../../../platform/errors/errors.js';
import { ErrorSummary, Field, ReceiptCodes, Select, Timeline, type Values } from './forms.js';

type Frame = Omit<LayoutProps, 'children' | 'meta' | 'activeColumn' | 'breadcrumb'>;

const crumbs = (p: Frame, last: string) => [{ label: '首页', href: orgHome(p.org, p.root) }, { label: '信息公开', href: columnHref(p.org, 'xxgk') }, { label: last }];
export const applyHref = (slug: string) => `/org/${slug}/ysqgk/`;
export const TRACK_HREF = '/ysqgk/track';

/** The 依申请公开 page: the guide's essentials and the application form (条例 Art 27–29), usable without JavaScript. */
export function ApplyPage(p: Frame & { values: Values; errors: FieldError[]; idempotencyKey: string; guide: { phone: string; address: string } }) {
  const f = { values: p.values, errors: p.errors };
  return (
    <Layout {...p} meta={{ title: '依申请公开', columnName: '依申请公开', columnType: '信息发布', description: `向${p.org.name}提出政府信息公开申请` }} activeColumn="xxgk" breadcrumb={crumbs(p, '依申请公开')}>
      <h1>政府信息公开申请</h1>
      <section aria-labelledby="guide-h" className="guide">
        <h2 id="guide-h">申请须知</h2>
        <ul>
          <li>受理机关：{p.org.name}。申请免费；申请数量、频次明显超过合理范围的，依法收取信息处理费（条例第四十二条）。</li>
          <li>网上提交的申请，以本机关与您确认之日为收到申请之日；本机关自收到申请之日起 20 个工作日内答复，需要延长的另行告知（条例第三十一条、第三十三条）。</li>
          <li>提交后您将得到受理编号和查询码，凭此可随时<a href={TRACK_HREF}>查询办理进度</a>并下载告知书。</li>
          {p.guide.phone && <li>书写确有困难的，可以口头提出，由工作人员代为填写（条例第二十九条）。咨询电话：{p.guide.phone}。</li>}
          {p.guide.address && <li>也可以邮寄或当面提交书面申请：{p.guide.address}。</li>}
        </ul>
      </section>
      <ErrorSummary errors={p.errors} />
      <form method="post" action={applyHref(p.org.slug)} encType="multipart/form-data" className="form" noValidate>
        <input type="hidden" name="idempotencyKey" value={p.idempotencyKey} />
        <fieldset>
          <legend>申请人信息</legend>
          <Field name="applicantType" label="申请人类型" required {...f}>
            {(a) => <Select name="applicantType" options={APPLICANT_TYPES} values={p.values} {...a} />}
          </Field>
          <Field name="name" label="姓名或名称" required autoComplete="name" {...f} />
          <Field name="contactPerson" label="联系人（法人或其他组织填写）" {...f} />
          <Field name="idType" label="证件类型" required {...f}>
            {(a) => <Select name="idType" options={ID_DOC_TYPES} values={p.values} {...a} />}
          </Field>
          <Field name="idNumber" label="证件号码" required hint="居民身份证请填写 18 位号码；法人或其他组织请填写统一社会信用代码。" {...f} />
          <Field name="phone" label="联系电话" required type="tel" autoComplete="tel" {...f} />
          <Field name="email" label="电子邮箱" type="email" autoComplete="email" {...f} />
          <Field name="address" label="通信地址" autoComplete="street-address" hint="选择邮寄时必填。" {...f} />
          <Field name="postcode" label="邮政编码" autoComplete="postal-code" {...f} />
        </fieldset>
        <fieldset>
          <legend>所需政府信息</legend>
          <Field name="infoTitle" label="信息名称" {...f} />
          <Field name="infoDocNo" label="文号" hint="如：国烟办〔2024〕12号。" {...f} />
          <Field name="infoDescription" label="所需信息的描述" required textarea hint="请写明信息的名称、文号，或者便于本机关查询的其他特征性描述（条例第二十九条）。" {...f} />
          <Field name="purpose" label="用途（选填）" {...f} />
        </fieldset>
        <fieldset>
          <legend>获取方式</legend>
          <Field name="provisionForm" label="信息的提供形式" required {...f}>
            {(a) => <Select name="provisionForm" options={PROVISION_FORMS} values={p.values} {...a} />}
          </Field>
          <Field name="delivery" label="获取信息的方式" required {...f}>
            {(a) => <Select name="delivery" options={DELIVERY} values={p.values} {...a} />}
          </Field>
        </fieldset>
        <fieldset>
          <legend>证明材料（选填）</legend>
          <p className="hint">可上传身份证明或营业执照的扫描件，PDF、JPG 或 PNG 格式，每个文件不超过 5 MB。</p>
          <Field name="identityFile" label="身份证明" {...f}>
            {(a) => <input id={a.id} name="identityFile" type="file" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" aria-describedby={a.describedBy} />}
          </Field>
          <Field name="licenceFile" label="营业执照或登记证书" {...f}>
            {(a) => <input id={a.id} name="licenceFile" type="file" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" aria-describedby={a.describedBy} />}
          </Field>
        </fieldset>
        <p className="hint">您填写的个人信息仅用于办理本申请，加密保存，不会公开。</p>
        <button type="submit" className="primary">提交申请</button>
      </form>
    </Layout>
  );
}

function LetterButtons({ receiptNo, code, kind, title }: { receiptNo: string; code: string; kind: string; title: string }) {
  return (
    <form method="post" action="/ysqgk/letter" className="inline-form">
      <input type="hidden" name="receiptNo" value={receiptNo} />
      <input type="hidden" name="code" value={code} />
      <input type="hidden" name="kind" value={kind} />
      <span>{title}</span>
      <button type="submit" name="format" value="docx">
        下载 Word
      </button>
      <button type="submit" name="format" value="pdf">
        下载 PDF
      </button>
    </form>
  );
}

/** Shown after a successful submission: the receipt number and 查询码, and the acknowledgement to download. */
export function ReceiptPage(p: Frame & { receiptNo: string; code: string; duplicate: boolean }) {
  return (
    <Layout {...p} meta={{ title: '申请已提交' }} activeColumn="xxgk" breadcrumb={crumbs(p, '申请已提交')}>
      <h1>申请已提交</h1>
      <div className="notice success" role="status">
        <p>{p.duplicate ? '此申请此前已经提交，未重复登记。' : `您的政府信息公开申请已提交至${p.org.name}。`}</p>
        <ReceiptCodes numberLabel="受理编号" receiptNo={p.receiptNo} code={p.code} />
        <p>请记下受理编号和查询码，凭此查询办理进度、下载告知书。本机关将与您确认收到申请，确认之日为收到申请之日。</p>
      </div>
      <LetterButtons receiptNo={p.receiptNo} code={p.code} kind="receipt" title="申请登记回执" />
      <p>
        <a href={TRACK_HREF}>查询办理进度</a>
      </p>
    </Layout>
  );
}

export interface TrackResult {
  receiptNo: string;
  code: string;
  orgName: string;
  status: string;
  receivedOn: string | null;
  due: string | null;
  daysLeft: number | null;
  paused: string | null;
  events: { on: string; label: string; detail: string }[];
  letters: { kind: string; title: string }[];
  files: { id: string; fileName: string }[];
}

/** The applicant's tracking page: a form, and the case once the number and code match. */
export function TrackPage(p: Frame & { values: Values; errors: FieldError[]; result: TrackResult | null }) {
  const r = p.result;
  return (
    <Layout {...p} meta={{ title: '申请办理进度查询', columnName: '依申请公开', columnType: '信息发布' }} activeColumn="xxgk" breadcrumb={crumbs(p, '办理进度查询')}>
      <h1>申请办理进度查询</h1>
      <ErrorSummary errors={p.errors} />
      <form method="post" action={TRACK_HREF} className="form compact">
        <Field name="receiptNo" label="受理编号" required values={p.values} errors={p.errors} />
        <Field name="code" label="查询码" required values={{ ...p.values, code: '' }} errors={p.errors} hint="提交申请时显示、登记回执上载明的 8 位查询码。" />
        <button type="submit" className="primary">查询</button>
      </form>
      {r && (
        <section aria-labelledby="res-h" className="track-result">
          <h2 id="res-h">受理编号 {r.receiptNo}</h2>
          <dl className="facts">
            <div>
              <dt>受理机关</dt>
              <dd>{r.orgName}</dd>
            </div>
            <div>
              <dt>办理状态</dt>
              <dd>
                <strong>{STATUSES[r.status as keyof typeof STATUSES] ?? r.status}</strong>
              </dd>
            </div>
            <div>
              <dt>收到申请日期</dt>
              <dd>{r.receivedOn ?? '待确认'}</dd>
            </div>
            {r.due && (
              <div>
                <dt>答复期限</dt>
                <dd>
                  {r.due}
                  {r.daysLeft !== null && r.daysLeft >= 0 && `（尚余 ${r.daysLeft} 个工作日）`}
                  {r.paused && '（征求意见或缴费期间不计算在内）'}
                </dd>
              </div>
            )}
          </dl>
          <Timeline events={r.events} />
          <h3>告知书</h3>
          {r.letters.map((l) => (
            <LetterButtons key={l.kind} receiptNo={r.receiptNo} code={r.code} kind={l.kind} title={l.title} />
          ))}
          {r.files.length > 0 && (
            <>
              <h3>提供的政府信息</h3>
              {r.files.map((f) => (
                <form key={f.id} method="post" action="/ysqgk/file" className="inline-form">
                  <input type="hidden" name="receiptNo" value={r.receiptNo} />
                  <input type="hidden" name="code" value={r.code} />
                  <input type="hidden" name="fileId" value={f.id} />
                  <span>{f.fileName}</span>
                  <button type="submit">下载</button>
                </form>
              ))}
            </>
          )}
        </section>
      )}
    </Layout>
  );
}
