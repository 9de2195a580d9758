import type { Department, Organisation } from '../../organisations/organisations.tables.js';
import { CONTENT_TYPES, FIVE_OPEN, GENRES, INTERPRETATION_FORMS, TOPIC_LABELS, TOPICS, topicCode, VALIDITY, type Validity } from '../../catalog/catalog.data.js';
import type { DocContent, Guide } from '../../catalog/catalog.content.js';
import type { PublicDocumentRow, NodeRow } from '../../catalog/catalog.tables.js';
import type { ListItem, SearchHit } from '../../catalog/catalog.public.js';
import { shanghaiDate } from '../../calendar/calendar.rules.js';
import { Layout, columnHref, docHref, orgHome, type LayoutProps } from './layout.js';
import { OrgProfile, Subordinates } from './pages.js';
import { applyHref, TRACK_HREF } from './requests.js';
import type { ReportSnapshot } from '../../reports/reports.tables.js';
import { gridsOf, headingsOf, type Grid } from '../../reports/reports.layout.js';

type Frame = Omit<LayoutProps, 'children' | 'meta' | 'activeColumn' | 'breadcrumb'>;
const XXGK = { columnName: '信息公开', columnType: '信息发布' };
const ZCJD = { columnName: '政策解读', columnType: '解读回应' };
const day = (d: Date) => shanghaiDate(d);
const sizeLabel = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
const typeLabel = (t: string) => ({ pdf: 'PDF', docx: 'Word', xlsx: 'Excel', jpg: 'JPG 图片', png: 'PNG 图片' })[t] ?? t;

export const xxgkHref = (o: Organisation, sub = '') => `${columnHref(o, 'xxgk')}${sub}`;
const crumbs = (p: Frame, column: 'xxgk' | 'zcjd', last?: string) => [
  { label: '首页', href: orgHome(p.org, p.root) },
  { label: column === 'xxgk' ? '信息公开' : '政策解读', href: last ? columnHref(p.org, column) : undefined },
  ...(last ? [{ label: last }] : []),
];

const SECTIONS = [
  { key: 'zn/', name: '政府信息公开指南', text: '信息分类、编排体系、获取方式和工作机构联系方式。' },
  { key: 'zd/', name: '政府信息公开制度', text: '本机关政府信息公开工作的规章制度。' },
  { key: 'ml/', name: '法定主动公开内容', text: '按公开目录、主题分类、五公开、体裁、年份和有效性浏览。' },
  { key: 'nb/', name: '政府信息公开年报', text: '本机关历年政府信息公开工作年度报告。' },
];

function Feeds({ org, column }: { org: Organisation; column: 'xxgk' | 'zcjd' }) {
  return (
    <p className="feeds">
      订阅本栏目：<a href={`${columnHref(org, column)}rss.xml`}>RSS</a>　<a href={`${columnHref(org, column)}atom.xml`}>Atom</a>
    </p>
  );
}

function ItemList({ items, orgs, showOrg }: { items: (Pick<ListItem, 'id' | 'orgId' | 'kind' | 'title' | 'publishedAt'> & Partial<Pick<ListItem, 'docNumber' | 'validity'>>)[]; orgs: Map<string, Organisation>; showOrg?: boolean }) {
  return (
    <ul className="doc-list">
      {items.map((d) => {
        const o = orgs.get(d.orgId)!;
        return (
          <li key={d.id}>
            <a href={docHref(o, d.kind, d.id)}>{d.title}</a>
            <span className="doc-meta">
              {showOrg && <span>{o.name}</span>}
              {d.docNumber && <span>{d.docNumber}</span>}
              <time dateTime={day(d.publishedAt)}>{day(d.publishedAt)}</time>
              {d.validity && d.validity !== 'EFFECTIVE' && <span className="validity">{VALIDITY[d.validity]}</span>}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** The 信息公开 column of one organisation (平台通知: the uniform name and first-level columns). */
export function XxgkPage(p: Frame & { latest: ListItem[]; orgs: Map<string, Organisation>; departments: Department[]; subordinates: Organisation[] }) {
  return (
    <Layout {...p} meta={{ title: '信息公开', ...XXGK, description: `${p.org.name}政府信息公开专栏` }} activeColumn="xxgk" breadcrumb={crumbs(p, 'xxgk')}>
      <h1>政府信息公开</h1>
      <ul className="column-cards">
        {SECTIONS.map((s) => (
          <li key={s.key}>
            <a href={xxgkHref(p.org, s.key)}>
              <strong>{s.name}</strong>
              <span>{s.text}</span>
            </a>
          </li>
        ))}
      </ul>
      <section aria-labelledby="new-h">
        <h2 id="new-h">最新公开</h2>
        {p.latest.length ? <ItemList items={p.latest} orgs={p.orgs} /> : <p className="empty">本机关暂无主动公开的信息。</p>}
        <p>
          <a href={xxgkHref(p.org, 'ml/')}>查看全部法定主动公开内容</a>
        </p>
        <Feeds org={p.org} column="xxgk" />
      </section>
      <section aria-labelledby="ysq-h">
        <h2 id="ysq-h">依申请公开</h2>
        <p>公民、法人或者其他组织可以向本机关申请获取政府信息（《中华人民共和国政府信息公开条例》第二十七条）。</p>
        <ul className="link-list">
          <li>
            <a href={applyHref(p.org.slug)}>在线提交政府信息公开申请</a>
          </li>
          <li>
            <a href={TRACK_HREF}>查询申请办理进度</a>
          </li>
        </ul>
      </section>
      <OrgProfile org={p.org} departments={p.departments} />
      <Subordinates items={p.subordinates} root={p.root} />
    </Layout>
  );
}

/** 政府信息公开指南, with the fields 条例 Art 12 requires. */
export function GuidePage(p: Frame & { guide: Guide | null; reviewedAt: Date | null }) {
  const g = p.guide;
  const rows: [string, string][] = g
    ? [
        ['工作机构', g.unitName],
        ['办公地址', g.address],
        ['办公时间', g.hours],
        ['联系电话', g.phone],
        ['传真号码', g.fax],
        ['互联网联系方式', g.web],
      ]
    : [];
  return (
    <Layout {...p} meta={{ title: '政府信息公开指南', ...XXGK }} activeColumn="xxgk" breadcrumb={crumbs(p, 'xxgk', '政府信息公开指南')}>
      <h1>{p.org.name}政府信息公开指南</h1>
      {!g ? (
        <p className="empty">本机关尚未发布政府信息公开指南。</p>
      ) : (
        <>
          {p.reviewedAt && <p className="muted">更新日期：{day(p.reviewedAt)}</p>}
          <h2>一、信息分类</h2>
          <Paras text={g.classification} />
          <h2>二、编排体系</h2>
          <Paras text={g.arrangement} />
          <p>
            法定主动公开内容按本机关公开目录编排，可在“<a href={xxgkHref(p.org, 'ml/')}>法定主动公开内容</a>”中浏览和检索。
          </p>
          <h2>三、获取方式</h2>
          <Paras text={g.access} />
          <p>
            依申请公开：<a href={applyHref(p.org.slug)}>在线提交申请</a>，或到下列地址当面、邮寄提交。
          </p>
          <h2>四、政府信息公开工作机构</h2>
          <dl className="facts">
            {rows
              .filter(([, v]) => v)
              .map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
          </dl>
          {g.other && (
            <>
              <h2>五、其他说明</h2>
              <Paras text={g.other} />
            </>
          )}
        </>
      )}
    </Layout>
  );
}

function Paras({ text }: { text: string }) {
  const lines = text.split(/\n+/).filter((l) => l.trim());
  return lines.length ? (
    <>
      {lines.map((l, i) => (
        <p key={i}>{l}</p>
      ))}
    </>
  ) : (
    <p className="muted">（未填写）</p>
  );
}

export function RulesPage(p: Frame & { text: string }) {
  return (
    <Layout {...p} meta={{ title: '政府信息公开制度', ...XXGK }} activeColumn="xxgk" breadcrumb={crumbs(p, 'xxgk', '政府信息公开制度')}>
      <h1>政府信息公开制度</h1>
      {p.text.trim() ? <Paras text={p.text} /> : <p className="empty">本机关尚未发布政府信息公开制度。</p>}
    </Layout>
  );
}

export function AnnualReportsPage(p: Frame & { reports: { year: number; publishedAt: Date | null }[] }) {
  return (
    <Layout {...p} meta={{ title: '政府信息公开年报', ...XXGK }} activeColumn="xxgk" breadcrumb={crumbs(p, 'xxgk', '政府信息公开年报')}>
      <h1>政府信息公开工作年度报告</h1>
      {p.reports.length === 0 ? (
        <p className="empty">本机关尚无已发布的政府信息公开工作年度报告。</p>
      ) : (
        <ul className="doc-list">
          {p.reports.map((r) => (
            <li key={r.year}>
              <a href={xxgkHref(p.org, `nb/${r.year}/`)}>
                {p.org.name}
                {r.year}年政府信息公开工作年度报告
              </a>
              {r.publishedAt && <span className="meta">发布日期：{day(r.publishedAt)}</span>}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** A grid of the template (reports.layout.ts) as an HTML table: header cells are th with their scope. */
function ReportTable({ grid, caption }: { grid: Grid; caption: string }) {
  return (
    <div className="table-scroll">
      <table className="report-table">
        <caption>{caption}</caption>
        <tbody>
          {grid.map((row, i) => (
            <tr key={i}>
              {row.map((c, j) =>
                c.header || !c.key ? (
                  <th key={j} colSpan={c.colSpan} rowSpan={c.rowSpan} scope={c.header ? ((c.colSpan ?? 1) > 1 ? 'colgroup' : 'col') : (c.rowSpan ?? 1) > 1 ? 'rowgroup' : 'row'}>
                    {c.text}
                  </th>
                ) : (
                  <td key={j} colSpan={c.colSpan}>
                    {c.text}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AnnualReportPage(p: Frame & { year: number; report: ReportSnapshot }) {
  const title = `${p.org.name}${p.year}年政府信息公开工作年度报告`;
  const r = p.report;
  const REPORT_SECTIONS = headingsOf(r.layout);
  const grids = gridsOf(r.layout, r.cells, { blankZeros: r.blankZeros });
  return (
    <Layout {...p} meta={{ title, ...XXGK }} activeColumn="xxgk" breadcrumb={[...crumbs(p, 'xxgk', '政府信息公开年报').slice(0, -1), { label: '政府信息公开年报', href: xxgkHref(p.org, 'nb/') }, { label: `${p.year}年` }]}>
      <article className="annual-report">
        <h1>{title}</h1>
        <p className="meta">
          发布日期：{r.publishedAt.slice(0, 10)}　<a href={xxgkHref(p.org, `nb/${p.year}/report.docx`)}>下载 Word 版（{title}.docx）</a>　<a href={xxgkHref(p.org, `nb/${p.year}/report.pdf`)}>下载 PDF 版</a>
        </p>
        <p>
          本报告依据《中华人民共和国政府信息公开条例》第四十九条、第五十条和《中华人民共和国政府信息公开工作年度报告格式》编制，所列数据的统计期限为{p.year}年1月1日至{p.year}年12月31日。
        </p>
        <h2>{REPORT_SECTIONS.overall}</h2>
        {(['active', 'requests', 'management', 'platform', 'supervision'] as const).map((k) => (
          <section key={k}>
            <h3>{REPORT_SECTIONS[k]}</h3>
            <Paras text={r.texts[k] || '无。'} />
          </section>
        ))}
        <h2>{REPORT_SECTIONS.table2}</h2>
        <ReportTable grid={grids.active} caption={REPORT_SECTIONS.table2} />
        <h2>{REPORT_SECTIONS.table3}</h2>
        <ReportTable grid={grids.applications} caption={REPORT_SECTIONS.table3} />
        <h2>{REPORT_SECTIONS.table4}</h2>
        <ReportTable grid={grids.appeals} caption={REPORT_SECTIONS.table4} />
        <h2>{REPORT_SECTIONS.problems}</h2>
        <Paras text={r.texts.problems || '无。'} />
        <h2>{REPORT_SECTIONS.other}</h2>
        <Paras text={r.texts.other || '无。'} />
      </article>
    </Layout>
  );
}

export interface BrowseState {
  node: string;
  topic: string;
  fiveOpen: string;
  genre: string;
  year: string;
  validity: string;
  sort: string;
  org: string;
  page: number;
}

/** A filter link keeps every other choice and goes back to page 1 (default values are left out of the address). */
const hrefWith = <S extends { page: number }>(base: string, s: S, change: Partial<S>) => {
  const next = { ...s, page: 1, ...change };
  const u = new URLSearchParams(
    Object.entries(next as Record<string, unknown>)
      .filter(([k, v]) => v !== '' && !(k === 'page' && v === 1) && !(k === 'sort' && v === 'new'))
      .map(([k, v]) => [k, String(v)] as [string, string]),
  );
  const qs = u.toString();
  return qs ? `${base}?${qs}` : base;
};

function Facet<S extends { page: number }>({ title, name, options, state, base }: { title: string; name: keyof S & string; options: [string, string][]; state: S; base: string }) {
  const current = String(state[name]);
  return (
    <div className="facet">
      <h3>{title}</h3>
      <ul>
        <li>
          <a href={hrefWith(base, state, { [name]: '' } as Partial<S>)} aria-current={current === '' ? 'true' : undefined}>
            全部
          </a>
        </li>
        {options.map(([v, label]) => (
          <li key={v}>
            <a href={hrefWith(base, state, { [name]: v } as Partial<S>)} aria-current={current === v ? 'true' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function NodeTree({ nodes, parent, state, base }: { nodes: NodeRow[]; parent: string | null; state: BrowseState; base: string }) {
  const children = nodes.filter((n) => n.parentId === parent);
  if (!children.length) return null;
  return (
    <ul>
      {children.map((n) => (
        <li key={n.id}>
          <a href={hrefWith(base, state, { node: n.id })} aria-current={state.node === n.id ? 'true' : undefined}>
            {n.name}
          </a>
          <NodeTree nodes={nodes} parent={n.id} state={state} base={base} />
        </li>
      ))}
    </ul>
  );
}

function Pager<S extends { page: number }>({ base, state, total, pageSize }: { base: string; state: S; total: number; pageSize: number }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav aria-label="分页" className="pager">
      {state.page > 1 && <a href={hrefWith(base, state, { page: state.page - 1 } as Partial<S>)}>上一页</a>}
      <span>
        第 {state.page} 页，共 {pages} 页
      </span>
      {state.page < pages && <a href={hrefWith(base, state, { page: state.page + 1 } as Partial<S>)}>下一页</a>}
    </nav>
  );
}

/** 法定主动公开内容 (or the 政策解读 column): facets as plain links, a sortable, paginated table. */
export function CataloguePage(
  p: Frame & { column: 'xxgk' | 'zcjd'; items: ListItem[]; total: number; pageSize: number; state: BrowseState; nodes: NodeRow[]; years: number[]; orgs: Map<string, Organisation>; orgOptions: Organisation[] },
) {
  const isDocs = p.column === 'xxgk';
  const base = isDocs ? xxgkHref(p.org, 'ml/') : columnHref(p.org, 'zcjd');
  const s = p.state;
  const title = isDocs ? '法定主动公开内容' : '政策解读';
  const sortLink = (v: 'new' | 'old', label: string) => (
    <a href={hrefWith(base, s, { sort: v })} aria-current={s.sort === v ? 'true' : undefined}>
      {label}
    </a>
  );
  return (
    <Layout {...p} meta={{ title, ...(isDocs ? XXGK : ZCJD) }} activeColumn={p.column} breadcrumb={isDocs ? crumbs(p, 'xxgk', title) : crumbs(p, 'zcjd')}>
      <h1>{title}</h1>
      <div className="catalogue">
        <nav className="facets" aria-label="筛选条件">
          <h2 className="visually-hidden">筛选条件</h2>
          {p.orgOptions.length > 1 && <Facet title="发布机构" name="org" options={p.orgOptions.map((o) => [o.slug, o.name])} state={s} base={base} />}
          {isDocs && p.nodes.length > 0 && (
            <div className="facet">
              <h3>公开目录</h3>
              <ul>
                <li>
                  <a href={hrefWith(base, s, { node: '' })} aria-current={s.node === '' ? 'true' : undefined}>
                    全部
                  </a>
                </li>
              </ul>
              <NodeTree nodes={p.nodes} parent={null} state={s} base={base} />
            </div>
          )}
          <Facet title="主题分类" name="topic" options={TOPICS.map((t, i) => [topicCode(i), t.name])} state={s} base={base} />
          {isDocs && <Facet title="五公开" name="fiveOpen" options={Object.entries(FIVE_OPEN)} state={s} base={base} />}
          {isDocs ? (
            <Facet title="体裁" name="genre" options={[...GENRES.map((g) => [g, g] as [string, string]), ...Object.entries(CONTENT_TYPES).filter(([k]) => k !== 'INTERPRETATION')]} state={s} base={base} />
          ) : (
            <Facet title="解读形式" name="genre" options={Object.entries(INTERPRETATION_FORMS)} state={s} base={base} />
          )}
          <Facet title="年份" name="year" options={p.years.map((y) => [String(y), `${y}年`])} state={s} base={base} />
          {isDocs && <Facet title="有效性" name="validity" options={Object.entries(VALIDITY)} state={s} base={base} />}
        </nav>
        <section className="results" aria-labelledby="res-h">
          <h2 id="res-h" className="visually-hidden">
            信息列表
          </h2>
          <div className="result-bar">
            <p role="status">共 {p.total} 条</p>
            <p>
              排序：{sortLink('new', '最新发布')}　{sortLink('old', '最早发布')}
            </p>
          </div>
          {p.items.length === 0 ? (
            <p className="empty">没有符合条件的信息。</p>
          ) : (
            <table className="doc-table">
              <caption className="visually-hidden">{title}，第 {s.page} 页</caption>
              <thead>
                <tr>
                  <th scope="col">名称</th>
                  {isDocs && <th scope="col">发文字号</th>}
                  <th scope="col">发布日期</th>
                  {isDocs && <th scope="col">有效性</th>}
                </tr>
              </thead>
              <tbody>
                {p.items.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <a href={docHref(p.orgs.get(d.orgId)!, d.kind, d.id)}>{d.title}</a>
                      {p.orgOptions.length > 1 && <span className="doc-meta">{p.orgs.get(d.orgId)?.name}</span>}
                    </td>
                    {isDocs && <td>{d.docNumber}</td>}
                    <td>
                      <time dateTime={day(d.publishedAt)}>{day(d.publishedAt)}</time>
                    </td>
                    {isDocs && <td>{VALIDITY[d.validity]}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Pager base={base} state={s} total={p.total} pageSize={p.pageSize} />
          <Feeds org={p.org} column={p.column} />
          {isDocs && (
            <p className="feeds">
              下载本机关目录：<a href={`/api/v1/public/catalog/${p.org.code}?format=xlsx`}>Excel</a>　<a href={`/api/v1/public/catalog/${p.org.code}?format=csv`}>CSV</a>　<a href={`/api/v1/public/catalog/${p.org.code}?format=json`}>JSON</a>
            </p>
          )}
        </section>
      </div>
    </Layout>
  );
}

function MetaTable({ row, validity, org, content }: { row: PublicDocumentRow; validity: Validity; org: Organisation; content: DocContent }) {
  const isDoc = row.kind === 'DOCUMENT';
  const cells: [string, string][] = [
    ['索引号', row.indexNo],
    ['主题分类', TOPIC_LABELS[row.topic] ?? ''],
    ['发布机构', [content.publisher || org.name, ...content.jointPublishers].join('　')],
    ['成文日期', content.writtenDate ?? ''],
    ['发文字号', row.docNumber],
    ['生成日期', row.generatedOn],
    ['发布日期', day(row.firstPublishedAt)],
    ['体裁', row.genre ?? (row.contentType ? CONTENT_TYPES[row.contentType as keyof typeof CONTENT_TYPES] : '')],
    ['五公开', row.fiveOpen ? FIVE_OPEN[row.fiveOpen as keyof typeof FIVE_OPEN] : ''],
    ['实施日期', row.effectiveOn ?? ''],
    ['废止日期', row.repealOn ?? ''],
    ['有效性', isDoc ? VALIDITY[validity] : ''],
    ['关键词', content.keywords.join('　')],
    ['文件来源', content.source],
  ];
  const shown = cells.filter(([k, v]) => v || ['索引号', '发布机构', '发布日期'].includes(k));
  return (
    <table className="meta-table">
      <caption className="visually-hidden">信息属性</caption>
      <tbody>
        {Array.from({ length: Math.ceil(shown.length / 2) }, (_, i) => (
          <tr key={i}>
            {shown.slice(i * 2, i * 2 + 2).map(([k, v]) => (
              <Cell key={k} k={k} v={v} />
            ))}
          </tr>
        ))}
        <tr>
          <th scope="row">名称</th>
          <td colSpan={3}>{row.title}</td>
        </tr>
        {row.summary && (
          <tr>
            <th scope="row">内容概述</th>
            <td colSpan={3}>{row.summary}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

const Cell = ({ k, v }: { k: string; v: string }) => (
  <>
    <th scope="row">{k}</th>
    <td>{v}</td>
  </>
);

/** 数据解读: a bar chart drawn from the figures as SVG, with the figures as a table for screen readers and print. */
function DataChart({ chart }: { chart: NonNullable<NonNullable<DocContent['interpretation']>['chart']> }) {
  const max = Math.max(...chart.rows.map((r) => Math.abs(r.value)), 1);
  const rowH = 34;
  const labelW = 140;
  const width = 640;
  const barMax = width - labelW - 90;
  const h = chart.rows.length * rowH + 10;
  return (
    <figure className="data-chart">
      <svg viewBox={`0 0 ${width} ${h}`} role="img" aria-labelledby="chart-cap" width="100%" style={{ maxWidth: `${width}px` }}>
        {chart.rows.map((r, i) => {
          const w = Math.max(2, (Math.abs(r.value) / max) * barMax);
          const y = i * rowH + 5;
          return (
            <g key={i}>
              <text x={labelW - 8} y={y + 20} textAnchor="end" fontSize="15" fill="#1f1f1f">
                {r.label}
              </text>
              <rect x={labelW} y={y + 4} width={w} height={rowH - 12} fill="#0b5394" />
              <text x={labelW + w + 6} y={y + 20} fontSize="15" fill="#1f1f1f">
                {r.value}
                {chart.unit}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption id="chart-cap">{chart.title || '数据图表'}</figcaption>
      <table className="doc-table">
        <caption className="visually-hidden">{chart.title || '数据图表'}的数据</caption>
        <thead>
          <tr>
            <th scope="col">项目</th>
            <th scope="col">数值{chart.unit && `（${chart.unit}）`}</th>
          </tr>
        </thead>
        <tbody>
          {chart.rows.map((r, i) => (
            <tr key={i}>
              <td>{r.label}</td>
              <td>{r.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

export interface Related {
  id: string;
  orgId: string;
  title: string;
  kind: string;
  publishedAt: Date;
  form: string | null;
}

/** One catalogue item: the standard metadata table, body, attachments, related items, revision notes. */
export function DocumentPage(p: Frame & { row: PublicDocumentRow; validity: Validity; related: Related[]; orgs: Map<string, Organisation>; print?: boolean }) {
  const { row } = p;
  const c = row.content;
  const column = row.kind === 'INTERPRETATION' ? 'zcjd' : 'xxgk';
  const here = docHref(p.org, row.kind, row.documentId);
  const interp = c.interpretation;
  const body = (
    <article className="document">
      <h1>{row.title}</h1>
      <MetaTable row={row} validity={p.validity} org={p.org} content={c} />
      {interp && (
        <p className="interp-form">
          解读形式：{INTERPRETATION_FORMS[interp.form]}
          {p.related
            .filter((r) => r.id === row.explainsId)
            .map((r) => (
              <span key={r.id}>
                　解读的政策：<a href={docHref(p.orgs.get(r.orgId)!, r.kind, r.id)}>{r.title}</a>
              </span>
            ))}
        </p>
      )}
      {row.revisionNotes.length > 0 && (
        <section className="notice" aria-labelledby="rev-h">
          <h2 id="rev-h">修订说明</h2>
          <ul>
            {row.revisionNotes.map((n) => (
              <li key={n.edition}>
                <time dateTime={n.on}>{n.on}</time> 修订（第 {n.edition} 版）：{n.note}
              </li>
            ))}
          </ul>
        </section>
      )}
      {/* The body was sanitised when it was saved (catalog.html.ts): only structural elements remain. */}
      <div className="doc-body" dangerouslySetInnerHTML={{ __html: c.bodyHtml }} />
      {interp?.conference && (interp.form === 'PRESS_CONFERENCE' || interp.form === 'BRIEFING') && (
        <section aria-labelledby="conf-h">
          <h2 id="conf-h">{INTERPRETATION_FORMS[interp.form]}</h2>
          <dl className="facts">
            <div>
              <dt>时间</dt>
              <dd>{interp.conference.date}</dd>
            </div>
            <div>
              <dt>发布人</dt>
              <dd>{interp.conference.speakers}</dd>
            </div>
            {interp.conference.media && (
              <div>
                <dt>出席媒体</dt>
                <dd>{interp.conference.media}</dd>
              </div>
            )}
          </dl>
          {interp.conference.transcript && (
            <>
              <h3>文字实录</h3>
              <Paras text={interp.conference.transcript} />
            </>
          )}
        </section>
      )}
      {interp?.chart && interp.chart.rows.length > 0 && <DataChart chart={interp.chart} />}
      {row.attachments.length > 0 && (
        <section aria-labelledby="att-h">
          <h2 id="att-h">附件</h2>
          <ul className="attachments">
            {row.attachments.map((a) => (
              <li key={a.id}>
                <a href={`${here}files/${a.id}`}>{a.name}</a>（{typeLabel(a.type)}，{sizeLabel(a.size)}）
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
  if (p.print)
    return (
      <html lang="zh-CN">
        <head>
          <meta charSet="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${row.title} - ${p.org.name}`}</title>
          <link rel="stylesheet" href="/static/portal.css" />
        </head>
        <body className="print-view">
          <main id="main">
            {body}
            <p className="muted">
              来源：{p.org.name}　网址：{here}
            </p>
          </main>
        </body>
      </html>
    );
  const others = p.related.filter((r) => r.id !== row.explainsId);
  return (
    <Layout {...p} meta={{ title: row.title, ...(column === 'xxgk' ? XXGK : ZCJD) }} activeColumn={column} breadcrumb={column === 'xxgk' ? [...crumbs(p, 'xxgk', '法定主动公开内容').slice(0, 2), { label: '法定主动公开内容', href: xxgkHref(p.org, 'ml/') }, { label: '正文' }] : crumbs(p, 'zcjd', '正文')}>
      {body}
      {others.length > 0 && (
        <section aria-labelledby="rel-h">
          <h2 id="rel-h">{row.kind === 'DOCUMENT' ? '相关解读' : '相关信息'}</h2>
          <ul className="doc-list">
            {others.map((r) => (
              <li key={r.id}>
                <a href={docHref(p.orgs.get(r.orgId)!, r.kind, r.id)}>{r.title}</a>
                <span className="doc-meta">
                  {r.form && <span>{INTERPRETATION_FORMS[r.form as keyof typeof INTERPRETATION_FORMS]}</span>}
                  <time dateTime={day(r.publishedAt)}>{day(r.publishedAt)}</time>
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="action-links">
        <a href={`${here}print`}>打印本页</a>
      </p>
    </Layout>
  );
}

/** A withdrawn item keeps its address and says why (HTTP 410), without its body or attachments. */
export function WithdrawnPage(p: Frame & { row: PublicDocumentRow }) {
  const column = p.row.kind === 'INTERPRETATION' ? 'zcjd' : 'xxgk';
  return (
    <Layout {...p} meta={{ title: `已撤回：${p.row.title}`, ...(column === 'xxgk' ? XXGK : ZCJD) }} activeColumn={column} breadcrumb={crumbs(p, column, '已撤回的信息')}>
      <h1>{p.row.title}</h1>
      <div className="notice" role="note">
        <p>
          <strong>本信息已于 {p.row.withdrawnAt ? day(p.row.withdrawnAt) : ''} 撤回。</strong>
        </p>
        <p>撤回理由：{p.row.withdrawalReason}</p>
      </div>
      <dl className="facts">
        <div>
          <dt>索引号</dt>
          <dd>{p.row.indexNo}</dd>
        </div>
        {p.row.docNumber && (
          <div>
            <dt>发文字号</dt>
            <dd>{p.row.docNumber}</dd>
          </div>
        )}
        <div>
          <dt>原发布日期</dt>
          <dd>{day(p.row.firstPublishedAt)}</dd>
        </div>
      </dl>
      <p>
        <a href={column === 'xxgk' ? xxgkHref(p.org, 'ml/') : columnHref(p.org, 'zcjd')}>返回{column === 'xxgk' ? '法定主动公开内容' : '政策解读'}</a>
      </p>
    </Layout>
  );
}

export interface SearchState {
  q: string;
  org: string;
  column: string;
  genre: string;
  year: string;
  validity: string;
  page: number;
}

/** Site search: one box, filters as links, highlighted results, “did you mean”. */
export function SearchPage(p: Frame & { state: SearchState; hits: SearchHit[]; total: number; capped: boolean; partial: boolean; pageSize: number; suggestion: string | null; orgs: Map<string, Organisation>; orgOptions: Organisation[]; years: number[] }) {
  const s = p.state;
  const link = (change: Partial<SearchState>) => hrefWith('/search', s, change);
  const facet = (title: string, name: keyof SearchState & string, options: [string, string][]) => <Facet title={title} name={name} options={options} state={s} base="/search" />;
  return (
    <Layout {...p} meta={{ title: s.q ? `搜索：${s.q}` : '站内搜索', columnName: '站内搜索', columnType: '搜索' }} breadcrumb={[{ label: '首页', href: orgHome(p.org, p.root) }, { label: '站内搜索' }]}>
      <h1>站内搜索</h1>
      <form method="get" action="/search" className="search-form" role="search" aria-label="站内搜索">
        <label htmlFor="search-q">搜索已公开的信息</label>
        <input id="search-q" name="q" type="search" defaultValue={s.q} maxLength={60} />
        {s.org && <input type="hidden" name="org" value={s.org} />}
        <button type="submit">搜索</button>
      </form>
      {s.q && (
        <div className="catalogue">
          <nav className="facets" aria-label="筛选条件">
            <h2 className="visually-hidden">筛选条件</h2>
            {facet('发布机构', 'org', p.orgOptions.map((o) => [o.slug, o.name]))}
            {facet('栏目', 'column', [
              ['xxgk', '信息公开'],
              ['zcjd', '政策解读'],
            ])}
            {facet('体裁', 'genre', GENRES.map((g) => [g, g]))}
            {facet('年份', 'year', p.years.map((y) => [String(y), `${y}年`]))}
            {facet('有效性', 'validity', Object.entries(VALIDITY))}
          </nav>
          <section className="results" aria-labelledby="res-h">
            <h2 id="res-h" className="visually-hidden">
              搜索结果
            </h2>
            <p role="status">{p.total === 0 ? `没有找到与“${s.q}”相关的已公开信息。` : `找到 ${p.capped ? `${p.total} 条以上` : `${p.total} 条`}与“${s.q}”相关的信息。`}</p>
            {p.partial && <p className="notice">没有同时包含全部词语的信息，以下是包含其中部分词语的结果。</p>}
            {p.suggestion && (
              <p className="suggestion">
                您是不是要找：<a href={link({ q: p.suggestion })}>{p.suggestion}</a>
              </p>
            )}
            <ol className="search-hits" start={(s.page - 1) * p.pageSize + 1}>
              {p.hits.map((h) => {
                const o = p.orgs.get(h.orgId)!;
                return (
                  <li key={h.id}>
                    <h3>
                      <a href={docHref(o, h.kind, h.id)} dangerouslySetInnerHTML={{ __html: h.titleHtml }} />
                    </h3>
                    <p dangerouslySetInnerHTML={{ __html: h.snippetHtml }} />
                    <p className="doc-meta">
                      <span>{o.name}</span>
                      {h.docNumber && <span>{h.docNumber}</span>}
                      <span>{h.kind === 'INTERPRETATION' ? '政策解读' : VALIDITY[h.validity]}</span>
                      <time dateTime={day(h.publishedAt)}>{day(h.publishedAt)}</time>
                    </p>
                  </li>
                );
              })}
            </ol>
            <Pager base="/search" state={s} total={p.total} pageSize={p.pageSize} />
          </section>
        </div>
      )}
    </Layout>
  );
}
