import { useCallback, useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Drawer, Form, Input, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { api, applyProblem, call } from '../../../admin/api/client';
import type { paths } from '../../../admin/api/schema';
import { useSession } from '../../../admin/session';
import { fileToBase64 } from '../../../admin/files';
import { CatalogSettingsDrawer } from './CatalogSettings';

type Query = NonNullable<paths['/api/v1/catalog/documents']['get']['parameters']['query']>;
type Result = paths['/api/v1/catalog/documents']['get']['responses'][200]['content']['application/json'];
export type DocRow = Result['items'][number];

const STATUS_COLORS: Record<string, string> = { draft: 'default', reviewing: 'orange', approved: 'cyan', scheduled: 'purple', published: 'green', withdrawn: 'red' };
const FILTERS = [
  { value: 'all', label: '全部' },
  { value: 'mine', label: '我起草的' },
  { value: 'draft', label: '草稿' },
  { value: 'reviewing', label: '待审核' },
  { value: 'approved', label: '已审核待发布' },
  { value: 'scheduled', label: '定时发布' },
  { value: 'published', label: '已发布' },
  { value: 'withdrawn', label: '已撤回' },
  { value: 'late', label: '超期或解读滞后' },
];

/** Timeliness flags: Art 26 (20 working days) and 三同步. */
export function Flags({ r }: { r: Pick<DocRow, 'lateDays' | 'interpretationLateDays' | 'missingInterpretation' | 'dueBy' | 'publishedAt' | 'status'> }) {
  return (
    <Space size={4} wrap>
      {r.lateDays > 0 && <Tag color="red">{r.publishedAt ? `超期 ${r.lateDays} 个工作日发布` : `已超发布期限 ${r.lateDays} 个工作日`}</Tag>}
      {r.lateDays === 0 && !r.publishedAt && r.dueBy && r.status !== 'withdrawn' && <Tag>应于 {r.dueBy} 前发布</Tag>}
      {r.interpretationLateDays > 0 && <Tag color="orange">解读滞后 {r.interpretationLateDays} 个工作日</Tag>}
      {r.missingInterpretation && <Tag color="orange">尚无解读</Tag>}
    </Space>
  );
}

/** The catalogue in the console: filter, open, export to Excel, print; draft, import, settings. */
export function CatalogPage() {
  const { session, can } = useSession();
  const { message } = AntApp.useApp();
  const nav = useNavigate();
  const [filters, setFilters] = useState<Pick<Query, 'status' | 'q' | 'kind'>>({ status: 'all' });
  const [page, setPage] = useState({ page: 1, pageSize: 50 });
  const [data, setData] = useState<Result>({ total: 0, today: '', items: [] });
  const [loading, setLoading] = useState(false);
  const [settings, setSettings] = useState(false);
  const [importing, setImporting] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await call(api.GET('/api/v1/catalog/documents', { params: { query: { ...filters, ...page } } })));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setLoading(false);
    }
  }, [filters, page, message]);
  useEffect(() => void load(), [load]);
  const exportHref = `/api/v1/catalog/documents.xlsx?${new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][])}`;

  return (
    <>
      <div className="page-header">
        <h1>主动公开信息</h1>
        <Space className="no-print" wrap>
          {can('catalog.edit') && (
            <>
              <Button type="primary" onClick={() => nav('/catalog/new?kind=DOCUMENT')}>
                起草文件
              </Button>
              <Button onClick={() => nav('/catalog/new?kind=INTERPRETATION')}>起草政策解读</Button>
              <Button onClick={() => setImporting(true)}>批量导入</Button>
            </>
          )}
          <Button onClick={() => setSettings(true)}>目录与指南设置</Button>
          <Button href={exportHref}>导出 Excel</Button>
          <Button onClick={() => window.print()}>打印</Button>
        </Space>
      </div>
      <Form
        layout="inline"
        className="toolbar no-print"
        initialValues={filters}
        onFinish={(v) => {
          setFilters({ status: v.status, q: v.q || undefined, kind: v.kind || undefined });
          setPage((p) => ({ ...p, page: 1 }));
        }}
      >
        <Form.Item name="status" label="状态">
          <Select style={{ width: 180 }} options={FILTERS} aria-label="状态" />
        </Form.Item>
        <Form.Item name="kind" label="类型">
          <Select
            style={{ width: 120 }}
            allowClear
            aria-label="类型"
            options={[
              { value: 'DOCUMENT', label: '文件' },
              { value: 'INTERPRETATION', label: '政策解读' },
            ]}
          />
        </Form.Item>
        <Form.Item name="q" label="查找">
          <Input allowClear placeholder="索引号、名称或发文字号" style={{ width: 240 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          查询
        </Button>
      </Form>
      <Table<DocRow>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data.items}
        pagination={{ current: page.page, pageSize: page.pageSize, total: data.total, showTotal: (t) => `共 ${t} 条`, onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
        onRow={(r) => ({ onDoubleClick: () => nav(`/catalog/${r.id}`) })}
        columns={[
          { title: '名称', dataIndex: 'title', render: (v, r) => <Link to={`/catalog/${r.id}`}>{v}</Link> },
          { title: '索引号', dataIndex: 'indexNo', width: 170, render: (v) => v ?? <Typography.Text type="secondary">发布时生成</Typography.Text> },
          { title: '发文字号', dataIndex: 'docNumber', width: 130 },
          { title: '类型', key: 'kind', width: 110, render: (_, r) => (r.kind === 'INTERPRETATION' ? '政策解读' : (r.genre ?? '')) },
          { title: '机构', dataIndex: 'orgName', width: 140, ellipsis: true },
          { title: '状态', dataIndex: 'statusLabel', width: 110, render: (v, r) => (<Space size={2} wrap><Tag color={STATUS_COLORS[r.status]}>{v}</Tag>{r.edition > 1 && <Tag>第 {r.edition} 版</Tag>}</Space>) },
          { title: '发布时间', dataIndex: 'publishedAt', width: 100, render: (v: string | null, r) => (v ? v.slice(0, 10) : r.scheduledAt ? `定时 ${r.scheduledAt.slice(0, 16).replace('T', ' ')}` : '') },
          { title: '时效', key: 'flags', width: 190, render: (_, r) => <Flags r={r} /> },
        ]}
      />
      {settings && session?.currentOrgId && <CatalogSettingsDrawer orgId={session.currentOrgId} canEdit={can('catalog.settings')} onClose={() => setSettings(false)} />}
      {importing && (
        <ImportDrawer
          onClose={() => setImporting(false)}
          onDone={() => {
            setImporting(false);
            setFilters({ status: 'draft' });
          }}
        />
      )}
    </>
  );
}

type ImportResult = paths['/api/v1/catalog/import']['post']['responses'][200]['content']['application/json'];

/** Bulk import: a sheet (and a ZIP of files), a dry run listing every row's problems, then the import. */
function ImportDrawer({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const { message } = AntApp.useApp();
  const [sheet, setSheet] = useState<File | null>(null);
  const [zip, setZip] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (dryRun: boolean) => {
    if (!sheet) return message.warning('请先选择目录表格');
    setBusy(true);
    try {
      const r = await call(api.POST('/api/v1/catalog/import', { body: { sheetName: sheet.name, sheetBase64: await fileToBase64(sheet), zipBase64: zip ? await fileToBase64(zip) : undefined, dryRun } }));
      setResult(r);
      if (!dryRun && r.created) {
        message.success(`已导入 ${r.created} 条草稿`);
        onDone();
      }
    } catch (e) {
      message.error(applyProblem(undefined, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer open title="批量导入主动公开信息" size="large" onClose={onClose} destroyOnHidden>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="每行一条信息，第一行为列名（中文）：名称、内容概述、发布机构、联合发文单位、发文字号、成文日期、生成日期、实施日期、废止日期、主题分类、公文种类、内容类型、文件类别、公开目录、五公开、公开属性、不予公开理由、关键词、正文、附件、信息形成日期、是否政策文件、解读方案。附件列写压缩包中的文件名，多个用“；”分隔。导入的信息为草稿，仍须提交审核。"
      />
      <Space direction="vertical" style={{ width: '100%' }}>
        <Upload accept=".xlsx,.csv" maxCount={1} beforeUpload={(f) => (setSheet(f), setResult(null), false)} onRemove={() => setSheet(null)}>
          <Button>选择目录表格（XLSX 或 CSV）</Button>
        </Upload>
        <Upload accept=".zip" maxCount={1} beforeUpload={(f) => (setZip(f), setResult(null), false)} onRemove={() => setZip(null)}>
          <Button>选择附件压缩包（ZIP，可选）</Button>
        </Upload>
        <Space>
          <Button type="primary" loading={busy} onClick={() => run(true)}>
            试导入（只检查）
          </Button>
          <Button loading={busy} disabled={!result || result.problems > 0 || !result.dryRun} onClick={() => run(false)}>
            正式导入
          </Button>
        </Space>
        {result && (
          <>
            <Alert type={result.problems ? 'error' : 'success'} showIcon title={result.problems ? `共 ${result.rows.length} 行，发现 ${result.problems} 个问题。请修改表格后重新试导入；有问题时不会导入任何一行。` : `共 ${result.rows.length} 行，检查通过，可以正式导入。`} />
            <Table
              rowKey="row"
              size="small"
              pagination={false}
              dataSource={result.rows}
              columns={[
                { title: '行号', dataIndex: 'row', width: 60 },
                { title: '名称', dataIndex: 'title' },
                { title: '问题', dataIndex: 'problems', render: (p: string[]) => (p.length ? <ul className="plain-list">{p.map((x) => <li key={x}>{x}</li>)}</ul> : <Tag color="green">无</Tag>) },
              ]}
            />
          </>
        )}
      </Space>
    </Drawer>
  );
}

