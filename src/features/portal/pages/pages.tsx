import type { Department, Organisation } from '../../organisations/organisations.tables.js';
import { ORG_KINDS, type OrgKind } from '../../organisations/organisations.contract.js';
import { COLUMNS, type ColumnKey } from '../portal.columns.js';
import { Layout, columnHref, orgHome, type LayoutProps } from './layout.js';

type Frame = Omit<LayoutProps, 'children' | 'meta' | 'activeColumn' | 'breadcrumb'>;

const kindLabel = (k: string) => ORG_KINDS[k as OrgKind] ?? k;

export function OrgProfile({ org, departments }: { org: Organisation; departments: Department[] }) {
  return (
    <section aria-labelledby="profile-h">
      <h2 id="profile-h">机构信息</h2>
      <dl className="facts">
        <div>
          <dt>机构名称</dt>
          <dd>{org.name}</dd>
        </div>
        <div>
          <dt>机构类别</dt>
          <dd>{kindLabel(org.kind)}</dd>
        </div>
        {org.address && (
          <div>
            <dt>办公地址</dt>
            <dd>{org.address}</dd>
          </div>
        )}
        {org.phone && (
          <div>
            <dt>联系电话</dt>
            <dd>{org.phone}</dd>
          </div>
        )}
      </dl>
      {departments.length > 0 && (
        <>
          <h3>内设机构</h3>
          <ul className="departments">
            {departments.map((d) => (
              <li key={d.id}>
                <strong>{d.name}</strong>
                {d.duties && <p>{d.duties}</p>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function Subordinates({ items, root }: { items: Organisation[]; root: Organisation }) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="sub-h">
      <h2 id="sub-h">下级机构网站</h2>
      <ul className="org-links">
        {items.map((o) => (
          <li key={o.id}>
            <a href={orgHome(o, root)}>{o.name}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function HomePage(p: Frame & { departments: Department[]; subordinates: Organisation[] }) {
  return (
    <Layout {...p} meta={{ title: p.org.name, columnName: '首页', columnType: '首页', description: `${p.org.name}门户网站` }} activeColumn="home">
      <h1>{p.org.name}</h1>
      <section aria-labelledby="cols-h">
        <h2 id="cols-h">栏目导航</h2>
        <ul className="column-cards">
          {COLUMNS.map((c) => (
            <li key={c.key}>
              <a href={columnHref(p.org, c.key)}>
                <strong>{c.name}</strong>
                <span>{c.description}</span>
              </a>
            </li>
          ))}
        </ul>
      </section>
      <Subordinates items={p.subordinates} root={p.root} />
      <OrgProfile org={p.org} departments={p.departments} />
    </Layout>
  );
}

export function ColumnPage(p: Frame & { column: ColumnKey; departments: Department[]; subordinates: Organisation[] }) {
  const col = COLUMNS.find((c) => c.key === p.column)!;
  return (
    <Layout
      {...p}
      meta={{ title: col.name, columnName: col.name, columnType: col.type, description: col.description }}
      activeColumn={col.key}
      breadcrumb={[{ label: '首页', href: orgHome(p.org, p.root) }, { label: col.name }]}
    >
      <h1>{col.name}</h1>
      <p className="lead">{col.description}</p>
      <p className="empty" role="status">
        本栏目暂无信息。
      </p>
    </Layout>
  );
}

export function SitemapPage(p: Frame & { orgs: Organisation[] }) {
  return (
    <Layout {...p} meta={{ title: '网站地图', columnName: '网站地图', columnType: '网站地图' }} breadcrumb={[{ label: '首页', href: '/' }, { label: '网站地图' }]}>
      <h1>网站地图</h1>
      {p.orgs.map((o) => (
        <section key={o.id} aria-labelledby={`sm-${o.slug}`} className="sitemap-org">
          <h2 id={`sm-${o.slug}`}>
            <a href={orgHome(o, p.root)}>{o.name}</a>
          </h2>
          <ul>
            {COLUMNS.map((c) => (
              <li key={c.key}>
                <a href={columnHref(o, c.key)}>{c.name}</a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}

export function ErrorPage(p: Frame & { status: number; detail: string; requestId: string }) {
  const title = p.status === 404 ? '页面不存在' : p.status === 410 ? '信息已撤回' : p.status === 429 ? '访问过于频繁' : p.status >= 500 ? '服务暂时不可用' : '请求无法处理';
  return (
    <Layout {...p} meta={{ title }} breadcrumb={[{ label: '首页', href: '/' }, { label: title }]}>
      <h1>{title}</h1>
      <p>{p.status === 404 ? '您访问的页面不存在，可能已被移动或地址有误。' : p.detail}</p>
      <p>
        您可以返回<a href="/">网站首页</a>，或查看<a href="/sitemap">网站地图</a>。
      </p>
      <p className="muted">请求编号：{p.requestId}</p>
    </Layout>
  );
}
