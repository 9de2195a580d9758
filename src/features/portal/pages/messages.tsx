import { Layout, columnHref, orgHome, type LayoutProps } from './layout.js';
import { ErrorSummary, Field, ReceiptCodes, Select, Timeline, type Values } from './forms.js';
import { CATEGORIES, RATINGS } from '../../messages/messages.rules.js';
import { Answer } from '../../knowledge/Answer.js';
import type { FieldError } from '../../../platform/errors/errors.js';

type Frame = Omit<LayoutProps, 'children' | 'meta' | 'activeColumn' | 'breadcrumb'>;
const META = { columnName: '互动交流', columnType: '互动交流' };

export const hdjlHref = (slug: string) => `/org/${slug}/hdjl/`;
export const writeHref = (slug: string) => `/org/${slug}/hdjl/write`;
export const zskHref = (slug: string) => `/org/${slug}/hdjl/zsk`;
export const MSG_TRACK_HREF = '/hdjl/track';
const crumbs = (p: Frame, last?: string) => [{ label: '首页', href: orgHome(p.org, p.root) }, { label: '互动交流', href: last ? columnHref(p.org, 'hdjl') : undefined }, ...(last ? [{ label: last }] : [])];

function Links({ slug }: { slug: string }) {
  return (
    <ul className="action-links">
      <li>
        <a href={writeHref(slug)}>我要留言</a>
      </li>
      <li>
        <a href={MSG_TRACK_HREF}>查询留言</a>
      </li>
      <li>
        <a href={zskHref(slug)}>智能问答</a>
      </li>
    </ul>
  );
}

export interface PublishedItem {
  receiptNo: string;
  category: string;
  receivedOn: string;
  answeredOn: string | null;
  orgName: string;
  replyOrg: string;
  publicText: { subject: string; content: string; reply: string };
}

function Dates({ m }: { m: PublishedItem }) {
  return (
    <dl className="facts inline">
      <div>
        <dt>类别</dt>
        <dd>{CATEGORIES[m.category as keyof typeof CATEGORIES] ?? m.category}</dd>
      </div>
      <div>
        <dt>留言时间</dt>
        <dd>
          <time dateTime={m.receivedOn}>{m.receivedOn}</time>
        </dd>
      </div>
      <div>
        <dt>答复时间</dt>
        <dd>{m.answeredOn && <time dateTime={m.answeredOn}>{m.answeredOn}</time>}</dd>
      </div>
      <div>
        <dt>答复单位</dt>
        <dd>{m.replyOrg}</dd>
      </div>
    </dl>
  );
}

export interface ListFilters {
  category: string;
  from: string;
  to: string;
  q: string;
  org: string;
}

/** The 互动交流 column: how to write, ask and track, and the published questions and answers, filterable without JavaScript. */
export function HdjlPage(p: Frame & { items: PublishedItem[]; total: number; page: number; pageSize: number; filters: ListFilters; orgOptions: { slug: string; name: string }[] }) {
  const f = p.filters;
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  const qs = (page: number) => {
    const u = new URLSearchParams(Object.entries({ ...f, page: String(page) }).filter(([, v]) => v) as [string, string][]);
    return `${hdjlHref(p.org.slug)}?${u.toString()}`;
  };
  return (
    <Layout {...p} meta={{ title: '互动交流', ...META, description: '咨询、建议、投诉和举报留言，以及已公开的留言答复。' }} activeColumn="hdjl" breadcrumb={crumbs(p)}>
      <h1>互动交流</h1>
      <p>您可以向{p.org.name}咨询、提出建议、投诉或举报。提交前可以先在智能问答中查找，常见问题已有答案。涉烟违法举报也可拨打 12313。</p>
      <Links slug={p.org.slug} />
      <form method="get" action={zskHref(p.org.slug)} className="search-form" role="search" aria-label="智能问答">
        <label htmlFor="kb-q">搜索已有答案</label>
        <input id="kb-q" name="q" type="search" placeholder="例如：烟证丢了怎么补办" />
        <button type="submit">搜索</button>
      </form>
      <section aria-labelledby="pub-h">
        <h2 id="pub-h">留言选登</h2>
        <form method="get" action={hdjlHref(p.org.slug)} className="filter-form" aria-label="筛选留言">
          {p.orgOptions.length > 1 && (
            <div className="field">
              <label htmlFor="f-org">留言对象</label>
              <select id="f-org" name="org" defaultValue={f.org}>
                <option value="">全部机构</option>
                {p.orgOptions.map((o) => (
                  <option key={o.slug} value={o.slug}>
                    {o.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor="f-category">类别</label>
            <select id="f-category" name="category" defaultValue={f.category}>
              <option value="">全部类别</option>
              {Object.entries(CATEGORIES).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-from">留言日期从</label>
            <input id="f-from" name="from" type="date" defaultValue={f.from} />
          </div>
          <div className="field">
            <label htmlFor="f-to">至</label>
            <input id="f-to" name="to" type="date" defaultValue={f.to} />
          </div>
          <div className="field">
            <label htmlFor="f-q">标题或内容</label>
            <input id="f-q" name="q" type="search" defaultValue={f.q} />
          </div>
          <button type="submit">筛选</button>
        </form>
        <p role="status">共 {p.total} 条已公开的留言。</p>
        <ul className="qa-list">
          {p.items.map((m) => (
            <li key={m.receiptNo}>
              <h3>
                <a href={`${hdjlHref(p.org.slug)}ly/${m.receiptNo}`}>{m.publicText.subject}</a>
              </h3>
              <Dates m={m} />
              <p className="excerpt">{m.publicText.content.length > 120 ? `${m.publicText.content.slice(0, 120)}…` : m.publicText.content}</p>
            </li>
          ))}
        </ul>
        {pages > 1 && (
          <nav aria-label="分页" className="pager">
            {p.page > 1 && <a href={qs(p.page - 1)}>上一页</a>}
            <span>
              第 {p.page} 页，共 {pages} 页
            </span>
            {p.page < pages && <a href={qs(p.page + 1)}>下一页</a>}
          </nav>
        )}
      </section>
    </Layout>
  );
}

/** One published message with its reply. */
export function PublishedPage(p: Frame & { item: PublishedItem }) {
  const m = p.item;
  return (
    <Layout {...p} meta={{ title: m.publicText.subject, ...META }} activeColumn="hdjl" breadcrumb={crumbs(p, '留言详情')}>
      <h1>{m.publicText.subject}</h1>
      <Dates m={m} />
      <section aria-labelledby="q-h" className="qa">
        <h2 id="q-h">留言内容</h2>
        <Answer text={m.publicText.content} />
      </section>
      <section aria-labelledby="a-h" className="qa reply">
        <h2 id="a-h">答复内容</h2>
        <Answer text={m.publicText.reply} />
      </section>
      <p>
        <a href={hdjlHref(p.org.slug)}>返回留言选登</a>
      </p>
    </Layout>
  );
}

export interface Suggestion {
  id: string;
  question: string;
  answer: string;
  matchedPhrasing: string;
  links: { title: string; url: string }[];
}

function Suggestions({ items, slug, heading }: { items: Suggestion[]; slug: string; heading: string }) {
  return (
    <section aria-labelledby="sug-h" className="suggestions">
      <h2 id="sug-h">{heading}</h2>
      {items.map((s) => (
        <details key={s.id}>
          <summary>{s.question}</summary>
          <Answer text={s.answer} />
          {s.links.length > 0 && (
            <ul>
              {s.links.map((l) => (
                <li key={l.url}>
                  <a href={l.url}>{l.title}</a>
                </li>
              ))}
            </ul>
          )}
          <p>
            <a href={`${zskHref(slug)}/${s.id}`}>查看完整答案</a>
          </p>
        </details>
      ))}
    </section>
  );
}

/**
 * The message form. It works without JavaScript: a 咨询 whose subject the knowledge base already
 * answers is shown those answers first, with a button to send it anyway. With JavaScript, the same
 * answers appear while typing (/static/kb-suggest.js). A honeypot field and a one-time key stand
 * in for a CAPTCHA that elderly users cannot read.
 */
export function WritePage(p: Frame & { values: Values; errors: FieldError[]; idempotencyKey: string; suggestions: Suggestion[] | null; answerDays: Record<string, number> }) {
  const f = { values: p.values, errors: p.errors };
  return (
    <Layout {...p} meta={{ title: '我要留言', ...META, description: `向${p.org.name}咨询、建议、投诉或举报` }} activeColumn="hdjl" breadcrumb={crumbs(p, '我要留言')}>
      <h1>我要留言</h1>
      <section aria-labelledby="guide-h" className="guide">
        <h2 id="guide-h">留言须知</h2>
        <ul>
          <li>
            常见问题可以先在<a href={zskHref(p.org.slug)}>智能问答</a>中查找答案，不必等待答复。
          </li>
          <li>
            留言对象：{p.org.name}。受理后，咨询在 {p.answerDays.consult} 个工作日内答复，建议、投诉、举报分别在 {p.answerDays.suggest}、{p.answerDays.complain}、{p.answerDays.report} 个工作日内答复；情况复杂的经批准可延期一次，并告知您。
          </li>
          <li>不属于本机关职责、应当通过诉讼、复议、信访等途径解决的事项，本机关将告知您相应渠道。涉烟违法举报可直接拨打 12313。</li>
          <li>您的姓名和联系方式加密保存，仅用于答复和回访，不会公开。</li>
          <li>
            提交后您将得到留言编号和查询码，凭此<a href={MSG_TRACK_HREF}>查询答复</a>并评价。
          </li>
        </ul>
      </section>
      <ErrorSummary errors={p.errors} />
      {p.suggestions && p.suggestions.length > 0 && (
        <div className="notice" role="status">
          <Suggestions items={p.suggestions} slug={p.org.slug} heading="以下已有答案可能解答了您的问题" />
          <p>如果以上答案没有解决您的问题，请在下方核对后点击“仍要提交”。</p>
        </div>
      )}
      <form method="post" action={writeHref(p.org.slug)} encType="multipart/form-data" className="form" noValidate data-kb-org={p.org.slug}>
        <input type="hidden" name="idempotencyKey" value={p.idempotencyKey} />
        {p.suggestions && <input type="hidden" name="confirmed" value="1" />}
        <fieldset>
          <legend>留言内容</legend>
          <Field name="category" label="留言类别" required {...f}>
            {(a) => <Select name="category" options={CATEGORIES} values={p.values} {...a} />}
          </Field>
          <Field name="subject" label="标题" required hint="用一句话概括您的问题，4 至 100 个字。" {...f} />
          <div id="kb-live" aria-live="polite" className="kb-live" />
          <p className="no-js-hint">
            <button type="submit" name="intent" value="lookup" formNoValidate className="secondary">
              先按标题查找已有答案
            </button>
          </p>
          <Field name="content" label="留言内容" required textarea hint="请写明事情经过、时间、地点和您的诉求，10 至 3000 个字。" {...f} />
          <Field name="attachment" label="附件（选填）" {...f}>
            {(a) => <input id={a.id} name="attachment" type="file" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" aria-describedby={a.describedBy} />}
          </Field>
          <p className="hint">照片或材料，PDF、JPG 或 PNG 格式，不超过 5 MB。</p>
        </fieldset>
        <fieldset>
          <legend>联系方式（不公开）</legend>
          <Field name="name" label="姓名" required autoComplete="name" {...f} />
          <Field name="phone" label="联系电话" required type="tel" autoComplete="tel" hint="用于答复和回访。" {...f} />
          <Field name="email" label="电子邮箱（选填）" type="email" autoComplete="email" {...f} />
        </fieldset>
        <div className="field checkbox">
          <input id="f-publishConsent" name="publishConsent" type="checkbox" value="1" defaultChecked={p.values.publishConsent === '1'} />
          <label htmlFor="f-publishConsent">同意在去除个人信息后公开我的留言和答复</label>
        </div>
        <div className="hp" aria-hidden="true">
          <label htmlFor="f-website">请勿填写此项</label>
          <input id="f-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
        </div>
        <button type="submit" className="primary">
          {p.suggestions ? '仍要提交' : '提交留言'}
        </button>
      </form>
      <script src="/static/kb-suggest.js" defer />
    </Layout>
  );
}

export function MessageReceiptPage(p: Frame & { receiptNo: string; code: string; duplicate: boolean }) {
  return (
    <Layout {...p} meta={{ title: '留言已提交', ...META }} activeColumn="hdjl" breadcrumb={crumbs(p, '留言已提交')}>
      <h1>留言已提交</h1>
      <div className="notice success" role="status">
        <p>{p.duplicate ? '此留言此前已经提交，未重复登记。' : `您的留言已提交至${p.org.name}。`}</p>
        <ReceiptCodes numberLabel="留言编号" receiptNo={p.receiptNo} code={p.code} />
        <p>请记下留言编号和查询码，凭此查询办理情况和答复，并对答复作出评价。</p>
      </div>
      <p>
        <a href={MSG_TRACK_HREF}>查询留言</a>
      </p>
    </Layout>
  );
}

export interface MessageTrack {
  receiptNo: string;
  code: string;
  subject: string;
  category: string;
  statusLabel: string;
  orgName: string;
  handlerName: string;
  receivedOn: string;
  dueOn: string | null;
  events: { on: string; label: string; detail: string }[];
  reply: { body: string; orgName: string; on: string | null } | null;
  ratingLabel: string | null;
  ratingComment: string | null;
  canRate: boolean;
}

/** The writer's page: progress, hand-offs, the reply and the rating form. */
export function MessageTrackPage(p: Frame & { values: Values; errors: FieldError[]; result: MessageTrack | null; rated?: boolean }) {
  const r = p.result;
  return (
    <Layout {...p} meta={{ title: '查询留言', ...META }} activeColumn="hdjl" breadcrumb={crumbs(p, '查询留言')}>
      <h1>查询留言</h1>
      <ErrorSummary errors={p.errors} />
      <form method="post" action={MSG_TRACK_HREF} className="form compact">
        <Field name="receiptNo" label="留言编号" required values={p.values} errors={p.errors} />
        <Field name="code" label="查询码" required values={{ ...p.values, code: '' }} errors={p.errors} hint="提交留言时显示的 8 位查询码。" />
        <button type="submit" className="primary">查询</button>
      </form>
      {r && (
        <section aria-labelledby="res-h" className="track-result">
          <h2 id="res-h">
            留言编号 {r.receiptNo}：{r.subject}
          </h2>
          {p.rated && (
            <p className="notice success" role="status">
              感谢您的评价。
            </p>
          )}
          <dl className="facts">
            <div>
              <dt>留言对象</dt>
              <dd>{r.orgName}</dd>
            </div>
            <div>
              <dt>类别</dt>
              <dd>{CATEGORIES[r.category as keyof typeof CATEGORIES]}</dd>
            </div>
            <div>
              <dt>办理状态</dt>
              <dd>
                <strong>{r.statusLabel}</strong>
              </dd>
            </div>
            <div>
              <dt>留言日期</dt>
              <dd>{r.receivedOn}</dd>
            </div>
            {r.handlerName !== r.orgName && (
              <div>
                <dt>当前承办单位</dt>
                <dd>{r.handlerName}</dd>
              </div>
            )}
            {r.dueOn && !r.reply && (
              <div>
                <dt>答复期限</dt>
                <dd>{r.dueOn}</dd>
              </div>
            )}
          </dl>
          <Timeline events={r.events} />
          {r.reply && (
            <section aria-labelledby="reply-h" className="qa reply">
              <h3 id="reply-h">
                答复（{r.reply.orgName}，{r.reply.on}）
              </h3>
              <Answer text={r.reply.body} />
            </section>
          )}
          {r.ratingLabel && (
            <p>
              您的评价：<strong>{r.ratingLabel}</strong>
              {r.ratingComment && `（${r.ratingComment}）`}
            </p>
          )}
          {r.canRate && (
            <form method="post" action="/hdjl/rate" className="form compact">
              <input type="hidden" name="receiptNo" value={r.receiptNo} />
              <input type="hidden" name="code" value={r.code} />
              <fieldset>
                <legend>您对答复满意吗？</legend>
                {Object.entries(RATINGS).map(([k, v]) => (
                  <div className="field radio" key={k}>
                    <input type="radio" id={`rate-${k}`} name="rating" value={k} required />
                    <label htmlFor={`rate-${k}`}>{v}</label>
                  </div>
                ))}
              </fieldset>
              <Field name="comment" label="评价意见（选填）" textarea values={{}} errors={[]} />
              <button type="submit" className="primary">提交评价</button>
            </form>
          )}
        </section>
      )}
    </Layout>
  );
}

/** 智能问答: the knowledge base's answers to a question, with the phrasing that matched. */
export function ZskPage(p: Frame & { q: string; items: Suggestion[] }) {
  return (
    <Layout {...p} meta={{ title: '智能问答', ...META, description: '在咨询问答知识库中查找常见问题的答案。' }} activeColumn="hdjl" breadcrumb={crumbs(p, '智能问答')}>
      <h1>智能问答</h1>
      <form method="get" action={zskHref(p.org.slug)} className="search-form" role="search" aria-label="智能问答">
        <label htmlFor="zsk-q">请输入您的问题</label>
        <input id="zsk-q" name="q" type="search" defaultValue={p.q} placeholder="例如：烟证到期了怎么续" />
        <button type="submit">搜索</button>
      </form>
      {p.q && (
        <section aria-labelledby="res-h">
          <div role="status">
            <h2 id="res-h">{p.items.length ? `为“${p.q}”找到 ${p.items.length} 条答案` : `没有找到与“${p.q}”相关的答案`}</h2>
          </div>
          {p.items.map((s) => (
            <article key={s.id} className="kb-hit">
              <h3>
                <a href={`${zskHref(p.org.slug)}/${s.id}`}>{s.question}</a>
              </h3>
              {s.matchedPhrasing !== s.question && <p className="hint">匹配的问法：{s.matchedPhrasing}</p>}
              <Answer text={s.answer} />
            </article>
          ))}
        </section>
      )}
      <p>
        没有找到答案？<a href={writeHref(p.org.slug)}>我要留言</a>，或拨打 12313 咨询。
      </p>
    </Layout>
  );
}

export function ZskEntryPage(p: Frame & { entry: Suggestion }) {
  const e = p.entry;
  return (
    <Layout {...p} meta={{ title: e.question, ...META }} activeColumn="hdjl" breadcrumb={crumbs(p, '智能问答')}>
      <h1>{e.question}</h1>
      <Answer text={e.answer} />
      {e.links.length > 0 && (
        <section aria-labelledby="rel-h">
          <h2 id="rel-h">相关政策和办事指南</h2>
          <ul>
            {e.links.map((l) => (
              <li key={l.url}>
                <a href={l.url}>{l.title}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p>
        <a href={zskHref(p.org.slug)}>继续提问</a>　<a href={writeHref(p.org.slug)}>我要留言</a>
      </p>
    </Layout>
  );
}
