import type { ReactNode } from 'react';
import type { Organisation } from '../../organisations/organisations.tables.js';
import { COLUMNS } from '../portal.columns.js';

export interface PageMeta {
  title: string;
  columnName?: string;
  columnType?: string;
  description?: string;
}

export interface LayoutProps {
  org: Organisation;
  /** The top organisation, for the site-wide links. */
  root: Organisation;
  meta: PageMeta;
  elder: boolean;
  path: string;
  activeColumn?: string;
  breadcrumb?: { label: string; href?: string }[];
  children: ReactNode;
}

export const orgHome = (o: Organisation, root: Organisation) => (o.id === root.id ? '/' : `/org/${o.slug}/`);
export const columnHref = (o: Organisation, key: string) => `/org/${o.slug}/${key}/`;
/** A catalogue item's permanent address: it never changes with revisions (issue 3 §9). */
export const docHref = (o: Pick<Organisation, 'slug'>, kind: string, id: string) => `/org/${o.slug}/${kind === 'INTERPRETATION' ? 'zcjd' : 'xxgk'}/content/${id}/`;

/** The page frame every public page shares: skip link, header, navigation, footer with the site identifiers. */
export function Layout({ org, root, meta, elder, path, activeColumn, breadcrumb, children }: LayoutProps) {
  const sponsor = org.sponsor || org.name;
  const psbDigits = org.psbRecord.match(/\d{10,}/)?.[0];
  return (
    <html lang="zh-CN" className={elder ? 'elder' : undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{meta.title === org.name ? org.name : `${meta.title} - ${org.name}`}</title>
        <meta name="SiteName" content={org.name} />
        <meta name="SiteDomain" content={orgHome(org, root)} />
        <meta name="SiteIDCode" content={org.siteIdCode} />
        {meta.columnName && <meta name="ColumnName" content={meta.columnName} />}
        {meta.columnType && <meta name="ColumnType" content={meta.columnType} />}
        {meta.description && <meta name="ColumnDescription" content={meta.description} />}
        {meta.description && <meta name="description" content={meta.description} />}
        <link rel="stylesheet" href="/static/portal.css" />
      </head>
      <body>
        <a className="skip-link" href="#main">
          跳到主要内容
        </a>
        <header className="site-header">
          <div className="wrap header-inner">
            <a className="site-title" href={orgHome(org, root)}>
              <span className="emblem" aria-hidden="true" />
              <span>{org.name}</span>
            </a>
            <form method="get" action="/search" role="search" aria-label="全站搜索" className="site-search">
              <label htmlFor="site-q" className="visually-hidden">
                搜索
              </label>
              <input id="site-q" name="q" type="search" maxLength={60} placeholder="搜索信息公开内容" />
              {org.id !== root.id && <input type="hidden" name="org" value={org.slug} />}
              <button type="submit">搜索</button>
            </form>
            <ElderToggle elder={elder} path={path} />
          </div>
          <nav aria-label="主栏目" className="site-nav">
            <ul className="wrap">
              <li>
                <a href={orgHome(org, root)} aria-current={activeColumn === 'home' ? 'page' : undefined}>
                  首页
                </a>
              </li>
              {COLUMNS.map((c) => (
                <li key={c.key}>
                  <a href={columnHref(org, c.key)} aria-current={activeColumn === c.key ? 'page' : undefined}>
                    {c.name}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        {breadcrumb && (
          <nav aria-label="当前位置" className="wrap breadcrumb">
            <ol>
              {breadcrumb.map((b, i) => (
                <li key={i}>{b.href ? <a href={b.href}>{b.label}</a> : <span aria-current="page">{b.label}</span>}</li>
              ))}
            </ol>
          </nav>
        )}
        <main id="main" className="wrap" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <div className="wrap">
            <ul className="footer-links">
              <li>
                <a href="/sitemap">网站地图</a>
              </li>
              <li>
                <a href={columnHref(org, 'hdjl')}>联系我们</a>
              </li>
              {org.siteIdCode && (
                <li>
                  <a href={`https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=${encodeURIComponent(org.siteIdCode)}`} rel="noopener">
                    我为政府网站找错
                  </a>
                </li>
              )}
            </ul>
            <dl className="site-ids">
              <div>
                <dt>主办单位</dt>
                <dd>{sponsor}</dd>
              </div>
              {org.organiser && (
                <div>
                  <dt>承办单位</dt>
                  <dd>{org.organiser}</dd>
                </div>
              )}
              {(org.address || org.phone || org.email) && (
                <div>
                  <dt>联系方式</dt>
                  <dd>
                    {[org.address && `地址：${org.address}${org.postcode ? `（邮编 ${org.postcode}）` : ''}`, org.phone && `电话：${org.phone}`, org.email && `邮箱：${org.email}`]
                      .filter(Boolean)
                      .join('　')}
                  </dd>
                </div>
              )}
              {org.siteIdCode && (
                <div>
                  <dt>网站标识码</dt>
                  <dd>{org.siteIdCode}</dd>
                </div>
              )}
              {org.icpRecord && (
                <div>
                  <dt>ICP备案</dt>
                  <dd>
                    <a href="https://beian.miit.gov.cn/" rel="noopener">
                      {org.icpRecord}
                    </a>
                  </dd>
                </div>
              )}
              {org.psbRecord && (
                <div>
                  <dt>公安机关备案</dt>
                  <dd>
                    {psbDigits ? (
                      <a href={`https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=${psbDigits}`} rel="noopener">
                        {org.psbRecord}
                      </a>
                    ) : (
                      org.psbRecord
                    )}
                  </dd>
                </div>
              )}
            </dl>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** 长者模式 switch: a plain form, so it works without JavaScript; the choice is kept in a cookie. */
function ElderToggle({ elder, path }: { elder: boolean; path: string }) {
  return (
    <form method="post" action="/preferences/elder" className="elder-toggle">
      <input type="hidden" name="next" value={path} />
      <input type="hidden" name="on" value={elder ? '0' : '1'} />
      <button type="submit">{elder ? '退出长者模式' : '长者模式'}</button>
    </form>
  );
}
