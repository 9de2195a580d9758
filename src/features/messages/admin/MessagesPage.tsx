import { useCallback, useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Checkbox, Drawer, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { api, applyProblem, call } from '../../../admin/api/client';
import type { paths } from '../../../admin/api/schema';
import { useSession } from '../../../admin/session';
import { opts } from '../../../admin/options';
import { CATEGORIES, CHANNELS, RATINGS, STAFF_CHANNELS, STATUSES } from '../messages.rules';

type Query = NonNullable<paths['/api/v1/messages']['get']['parameters']['query']>;
type Result = paths['/api/v1/messages']['get']['responses'][200]['content']['application/json'];
export type MessageRow = Result['items'][number];

export const categoryLabel = (c: string) => CATEGORIES[c as keyof typeof CATEGORIES] ?? c;
export const messageStatus = (s: string) => STATUSES[s as keyof typeof STATUSES] ?? s;
export const ratingLabel = (r: string | null) => (r ? (RATINGS[r as keyof typeof RATINGS] ?? r) : '');

/** Working days left as a coloured tag; red when overdue or due within a day. */
export function Due({ days, on }: { days: number | null; on: string | null }) {
  if (!on) return <Typography.Text type="secondary">—</Typography.Text>;
  if (days === null) return <span>{on}</span>;
  if (days < 0) return <Tag color="red">{on} 已超期 {-days} 个工作日</Tag>;
  return <Tag color={days <= 1 ? 'red' : days <= 3 ? 'orange' : 'green'}>{on} 剩 {days} 个工作日</Tag>;
}

/** The 3-month line of the website inspection veto (互动回应差). */
export function VetoTag({ warning, on }: { warning: string | null; on: string }) {
  if (warning === 'exceeded') return <Tag color="red">超过三个月未答复（{on}）</Tag>;
  if (warning === 'approaching') return <Tag color="orange">临近三个月（{on}）</Tag>;
  return null;
}

const FILTERS = [
  { value: 'open', label: '未办结' },
  { value: 'due_soon', label: '临近期限' },
  { value: 'overdue', label: '已超期' },
  { value: 'veto', label: '临近或超过三个月未答复' },
  { value: 'closed', label: '已办结' },
  { value: 'all', label: '全部' },
  ...opts(STATUSES),
];

/** The message list: filter, sort by deadline, export to Excel, print; deadline settings. */
export function MessagesPage() {
  const { session, can } = useSession();
  const { message } = AntApp.useApp();
  const nav = useNavigate();
  const [filters, setFilters] = useState<Pick<Query, 'status' | 'q' | 'category'>>({ status: 'open' });
  const [page, setPage] = useState({ page: 1, pageSize: 50 });
  const [data, setData] = useState<Result>({ total: 0, today: '', items: [] });
  const [loading, setLoading] = useState(false);
  const [settings, setSettings] = useState(false);
  const [registering, setRegistering] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await call(api.GET('/api/v1/messages', { params: { query: { ...filters, ...page } } })));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setLoading(false);
    }
  }, [filters, page, message]);
  useEffect(() => void load(), [load]);
  const exportHref = `/api/v1/messages/export.xlsx?${new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][])}`;
  const vetoCount = data.items.filter((r) => r.vetoWarning).length;

  return (
    <>
      <div className="page-header">
        <h1>网民留言</h1>
        <Space className="no-print">
          <Link to="/messages/stats">办理统计</Link>
          {can('messages.handle') && (
            <Button type="primary" onClick={() => setRegistering(true)}>
              登记留言
            </Button>
          )}
          {can('records.read') && <Button onClick={() => setSettings(true)}>期限设置</Button>}
          <Button href={exportHref}>导出 Excel</Button>
          <Button onClick={() => window.print()}>打印</Button>
        </Space>
      </div>
      {vetoCount > 0 && filters.status !== 'veto' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`本页有 ${vetoCount} 件留言临近或超过三个月未答复。网站检查中，政务咨询类栏目一年内有效留言超过 3 个月未答复即单项否决（互动回应差）。`}
          action={
            <Button size="small" onClick={() => setFilters({ status: 'veto' })}>
              只看这些
            </Button>
          }
        />
      )}
      <Form
        key={filters.status}
        layout="inline"
        className="toolbar no-print"
        initialValues={filters}
        onFinish={(v) => {
          setFilters({ status: v.status, q: v.q || undefined, category: v.category || undefined });
          setPage((p) => ({ ...p, page: 1 }));
        }}
      >
        <Form.Item name="status" label="状态">
          <Select style={{ width: 220 }} options={FILTERS} aria-label="状态" />
        </Form.Item>
        <Form.Item name="category" label="类别">
          <Select style={{ width: 120 }} allowClear options={opts(CATEGORIES)} aria-label="类别" />
        </Form.Item>
        <Form.Item name="q" label="查找">
          <Input allowClear placeholder="留言编号、标题或内容" style={{ width: 220 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          查询
        </Button>
      </Form>
      <Table<MessageRow>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data.items}
        pagination={{ current: page.page, pageSize: page.pageSize, total: data.total, showTotal: (t) => `共 ${t} 件`, onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
        onRow={(r) => ({ onDoubleClick: () => nav(`/messages/${r.id}`) })}
        columns={[
          { title: '留言编号', dataIndex: 'receiptNo', width: 190, render: (v, r) => <Link to={`/messages/${r.id}`} style={{ whiteSpace: 'nowrap' }}>{v}</Link> },
          { title: '类别', dataIndex: 'category', width: 56, render: categoryLabel },
          { title: '标题', dataIndex: 'subject', ellipsis: true },
          {
            title: '留言对象 / 承办',
            key: 'org',
            width: 140,
            render: (_, r) => (
              <>
                {r.originOrgName}
                {(r.orgId !== r.originOrgId || r.departmentName) && <div className="muted">→ {[r.orgId !== r.originOrgId ? r.orgName : '', r.departmentName].filter(Boolean).join(' / ')}</div>}
              </>
            ),
          },
          { title: '状态', dataIndex: 'status', width: 100, render: (v, r) => (<Space size={4} wrap><Tag>{messageStatus(v)}</Tag>{r.published && <Tag color="blue">已公开</Tag>}</Space>) },
          { title: '收到日期', dataIndex: 'receivedOn', width: 96 },
          { title: '期限', key: 'due', width: 190, render: (_, r) => (<Space size={4} wrap><Due days={r.daysLeft} on={r.dueOn} /><VetoTag warning={r.vetoWarning} on={r.vetoOn} /></Space>) },
          { title: '满意度', dataIndex: 'rating', width: 64, render: ratingLabel },
        ]}
      />
      {registering && session?.currentOrgId && (
        <RegisterDrawer
          orgId={session.currentOrgId}
          onClose={() => setRegistering(false)}
          onDone={(id) => {
            setRegistering(false);
            nav(`/messages/${id}`);
          }}
        />
      )}
      {settings && session?.currentOrgId && <SettingsDrawer orgId={session.currentOrgId} canEdit={can('messages.settings')} onClose={() => setSettings(false)} />}
    </>
  );
}

/** A call to 12313, a letter or a visit, entered at once; the caller is told the number and code to follow it. */
function RegisterDrawer({ orgId, onClose, onDone }: { orgId: string; onClose: () => void; onDone: (id: string) => void }) {
  const [form] = Form.useForm();
  const { message, modal } = AntApp.useApp();
  const [key] = useState(() => crypto.randomUUID());
  const [saving, setSaving] = useState(false);
  const submit = async (v: Record<string, unknown>) => {
    setSaving(true);
    try {
      const r = await call(api.POST('/api/v1/orgs/{orgId}/messages', { params: { path: { orgId } }, body: { ...v, publishConsent: !!v.publishConsent, idempotencyKey: key } as never }));
      await modal.info({ title: '已登记', content: `留言编号 ${r.receiptNo}，查询码 ${r.trackingCode}。请告知留言人，凭此在网站查询答复。` });
      onDone(r.id);
    } catch (e) {
      message.error(applyProblem(form, e));
    } finally {
      setSaving(false);
    }
  };
  const req = (label: string) => [{ required: true, message: `请填写${label}` }];
  return (
    <Drawer open title="登记留言（电话、信件、来访）" size="large" onClose={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ channel: 'PHONE_12313', category: 'consult' }}>
        <Space wrap>
          <Form.Item name="channel" label="来源渠道" rules={req('来源渠道')}>
            <Select style={{ width: 180 }} options={STAFF_CHANNELS.map((c) => ({ value: c, label: CHANNELS[c] }))} />
          </Form.Item>
          <Form.Item name="category" label="类别" rules={req('类别')}>
            <Select style={{ width: 120 }} options={opts(CATEGORIES)} />
          </Form.Item>
        </Space>
        <Form.Item name="subject" label="标题" rules={req('标题')}>
          <Input />
        </Form.Item>
        <Form.Item name="content" label="内容" rules={req('内容')}>
          <Input.TextArea rows={5} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="name" label="姓名" rules={req('姓名')} extra="匿名举报可填“匿名”">
            <Input />
          </Form.Item>
          <Form.Item name="phone" label="联系电话">
            <Input />
          </Form.Item>
          <Form.Item name="email" label="电子邮箱">
            <Input />
          </Form.Item>
        </Space>
        <Form.Item name="publishConsent" valuePropName="checked">
          <Checkbox>留言人同意在去除个人信息后公开</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>
          登记
        </Button>
      </Form>
    </Drawer>
  );
}

type Settings = paths['/api/v1/orgs/{orgId}/message-settings']['get']['responses'][200]['content']['application/json'];

/** The organisation's own deadlines (working days). The platform defaults are marked as such. */
function SettingsDrawer({ orgId, canEdit, onClose }: { orgId: string; canEdit: boolean; onClose: () => void }) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const [s, setS] = useState<Settings | null>(null);
  useEffect(() => {
    call(api.GET('/api/v1/orgs/{orgId}/message-settings', { params: { path: { orgId } } }))
      .then((v) => {
        setS(v);
        form.setFieldsValue(v);
      })
      .catch((e) => message.error((e as Error).message));
  }, [orgId, form, message]);
  const save = async (v: Settings) => {
    try {
      const { isDefault: _a, defaults: _b, ...body } = v;
      setS(await call(api.PUT('/api/v1/orgs/{orgId}/message-settings', { params: { path: { orgId } }, body })));
      message.success('已保存；已受理留言的答复期限不变');
    } catch (e) {
      message.error(applyProblem(form, e));
    }
  };
  const num = (name: string | string[], label: string, extra?: string) => (
    <Form.Item name={name} label={label} extra={extra} rules={[{ required: true, message: `请填写${label}` }]}>
      <InputNumber min={0} max={60} suffix="个工作日" disabled={!canEdit} />
    </Form.Item>
  );
  return (
    <Drawer open title="留言办理期限" onClose={onClose} destroyOnHidden size="default">
      {s && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={s.isDefault ? '正在使用平台默认期限' : '本机关已自定义期限'}
          description="国家层面的留言办理天数尚无统一规定（待确认），默认值取自常见做法：受理当日、转办 1 个工作日、咨询 5 个工作日、建议投诉举报 15 个工作日、延期一次、答复后 3 个工作日内回访。"
        />
      )}
      <Form form={form} layout="vertical" onFinish={save}>
        {num('acceptDays', '受理期限', '0 表示当个工作日受理')}
        {num('transferDays', '转办期限（受理后）')}
        {num(['answerDays', 'consult'], '咨询答复期限')}
        {num(['answerDays', 'suggest'], '建议答复期限')}
        {num(['answerDays', 'complain'], '投诉答复期限')}
        {num(['answerDays', 'report'], '举报答复期限')}
        {num('extensionMaxDays', '单次延期上限')}
        {num('followUpDays', '回访期限（答复后）')}
        <Form.Item name="vetoWarnDays" label="三个月期限提前提醒" rules={[{ required: true }]}>
          <InputNumber min={1} max={60} suffix="天" disabled={!canEdit} />
        </Form.Item>
        {canEdit && (
          <Button type="primary" htmlType="submit">
            保存
          </Button>
        )}
      </Form>
    </Drawer>
  );
}
