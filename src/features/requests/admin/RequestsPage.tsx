import { useCallback, useEffect, useState } from 'react';
import { App as AntApp, Button, Drawer, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { api, applyProblem, call } from '../../../admin/api/client';
import type { paths } from '../../../admin/api/schema';
import { useSession } from '../../../admin/session';
import { opts } from '../../../admin/options';
import { APPLICANT_TYPES, CHANNELS, DELIVERY, ID_DOC_TYPES, OUTCOMES, PROVISION_FORMS, STATUSES } from '../requests.rules';

type Query = NonNullable<paths['/api/v1/requests']['get']['parameters']['query']>;
type Result = paths['/api/v1/requests']['get']['responses'][200]['content']['application/json'];
export type CaseRow = Result['items'][number];

export { opts };
export const statusLabel = (s: string) => STATUSES[s as keyof typeof STATUSES] ?? s;
export const outcomeLabel = (o: string | null) => (o ? (OUTCOMES[o as keyof typeof OUTCOMES]?.label ?? o) : '');

/** Days left as a coloured tag: red when overdue or within 2 working days, orange within 5. */
export function DaysLeft({ days, paused }: { days: number | null; paused: string | null }) {
  if (paused) return <Tag color="blue">{paused === 'fee' ? '待缴费，暂停计时' : '征求意见，暂停计时'}</Tag>;
  if (days === null) return <Typography.Text type="secondary">—</Typography.Text>;
  if (days < 0) return <Tag color="red">已超期 {-days} 个工作日</Tag>;
  return <Tag color={days <= 2 ? 'red' : days <= 5 ? 'orange' : 'green'}>剩 {days} 个工作日</Tag>;
}

const FILTERS = [
  { value: 'open', label: '办理中（全部未办结）' },
  { value: 'due_soon', label: '临近期限' },
  { value: 'overdue', label: '已超期' },
  { value: 'concluded', label: '已办结' },
  { value: 'all', label: '全部' },
  ...opts(STATUSES),
];

/** 依申请公开 case list: filter, sort by deadline, export to Excel, print, register a paper application. */
export function RequestsPage() {
  const { session, can } = useSession();
  const { message } = AntApp.useApp();
  const nav = useNavigate();
  const [filters, setFilters] = useState<Pick<Query, 'status' | 'q'>>({ status: 'open' });
  const [page, setPage] = useState({ page: 1, pageSize: 50 });
  const [data, setData] = useState<Result>({ total: 0, today: '', items: [] });
  const [loading, setLoading] = useState(false);
  const [registering, setRegistering] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await call(api.GET('/api/v1/requests', { params: { query: { ...filters, ...page } } })));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setLoading(false);
    }
  }, [filters, page, message]);
  useEffect(() => void load(), [load]);
  const exportHref = `/api/v1/requests/export.xlsx?${new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][])}`;
  const mayRegister = can('requests.handle');

  return (
    <>
      <div className="page-header">
        <h1>依申请公开</h1>
        <Space className="no-print">
          {mayRegister && (
            <Button type="primary" onClick={() => setRegistering(true)}>
              登记申请
            </Button>
          )}
          <Button href={exportHref}>导出 Excel</Button>
          <Button onClick={() => window.print()}>打印</Button>
        </Space>
      </div>
      <Form
        layout="inline"
        className="toolbar no-print"
        initialValues={filters}
        onFinish={(v) => {
          setFilters({ status: v.status, q: v.q || undefined });
          setPage((p) => ({ ...p, page: 1 }));
        }}
      >
        <Form.Item name="status" label="状态">
          <Select style={{ width: 200 }} options={FILTERS} aria-label="状态" />
        </Form.Item>
        <Form.Item name="q" label="查找">
          <Input allowClear placeholder="受理编号或所需信息" style={{ width: 220 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          查询
        </Button>
      </Form>
      <Table<CaseRow>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data.items}
        pagination={{ current: page.page, pageSize: page.pageSize, total: data.total, showTotal: (t) => `共 ${t} 件`, onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
        onRow={(r) => ({ onDoubleClick: () => nav(`/requests/${r.id}`) })}
        columns={[
          { title: '受理编号', dataIndex: 'receiptNo', render: (v, r) => <Link to={`/requests/${r.id}`} style={{ whiteSpace: 'nowrap' }}>{v}</Link> },
          { title: '申请人', dataIndex: 'applicantName' },
          { title: '所需信息', dataIndex: 'subject', ellipsis: true },
          { title: '渠道', dataIndex: 'channel', render: (v) => CHANNELS[v as keyof typeof CHANNELS]?.label ?? v },
          { title: '状态', dataIndex: 'status', render: (v) => <Tag>{statusLabel(v)}</Tag> },
          { title: '收到日期', dataIndex: 'receivedOn', render: (v) => v ?? '待确认' },
          { title: '答复期限', dataIndex: 'dueOn', render: (v) => v ?? '—' },
          { title: '剩余', key: 'left', render: (_, r) => (r.concludedOn ? outcomeLabel(r.outcome) : <DaysLeft days={r.daysLeft} paused={r.paused} />) },
          { title: '承办人', dataIndex: 'officerName' },
        ]}
      />
      {registering && session?.currentOrgId && (
        <RegisterDrawer
          orgId={session.currentOrgId}
          today={data.today}
          onClose={() => setRegistering(false)}
          onDone={(id) => {
            setRegistering(false);
            nav(`/requests/${id}`);
          }}
        />
      )}
    </>
  );
}

/** Registers an application that came by post, fax or in person (条例 Art 31 decides when the clock starts). */
function RegisterDrawer({ orgId, today, onClose, onDone }: { orgId: string; today: string; onClose: () => void; onDone: (id: string) => void }) {
  const [form] = Form.useForm();
  const { message } = AntApp.useApp();
  const [key] = useState(() => crypto.randomUUID());
  const [saving, setSaving] = useState(false);
  const submit = async (v: Record<string, string>) => {
    setSaving(true);
    try {
      const r = await call(api.POST('/api/v1/orgs/{orgId}/requests', { params: { path: { orgId } }, body: { ...v, idempotencyKey: key } as never }));
      message.success(`已登记，受理编号 ${r.receiptNo}，查询码 ${r.trackingCode}（已写入登记回执）`);
      onDone(r.id);
    } catch (e) {
      message.error(applyProblem(form, e));
    } finally {
      setSaving(false);
    }
  };
  const req = (label: string) => [{ required: true, message: `请填写${label}` }];
  return (
    <Drawer open title="登记政府信息公开申请" size="large" onClose={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ channel: 'IN_PERSON', arrivedOn: today, applicantType: 'NATURAL_PERSON', idType: 'ID_CARD', provisionForm: 'PAPER', delivery: 'POST' }}>
        <Form.Item name="channel" label="申请渠道" rules={req('申请渠道')} extra="当面提交、邮寄签收的，到达之日即收到申请之日；传真、平常信函须与申请人确认后起算（条例第三十一条）。">
          <Select options={Object.entries(CHANNELS).map(([value, c]) => ({ value, label: c.label }))} />
        </Form.Item>
        <Form.Item name="arrivedOn" label="到达日期" rules={req('到达日期')}>
          <Input type="date" max={today} />
        </Form.Item>
        <Form.Item name="applicantType" label="申请人类型" rules={req('申请人类型')}>
          <Select options={opts(APPLICANT_TYPES)} />
        </Form.Item>
        <Form.Item name="name" label="姓名或名称" rules={req('姓名或名称')}>
          <Input />
        </Form.Item>
        <Form.Item name="contactPerson" label="联系人">
          <Input />
        </Form.Item>
        <Space wrap>
          <Form.Item name="idType" label="证件类型" rules={req('证件类型')}>
            <Select style={{ width: 220 }} options={opts(ID_DOC_TYPES)} />
          </Form.Item>
          <Form.Item name="idNumber" label="证件号码" rules={req('证件号码')}>
            <Input style={{ width: 240 }} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="phone" label="联系电话" rules={req('联系电话')}>
            <Input />
          </Form.Item>
          <Form.Item name="email" label="电子邮箱">
            <Input />
          </Form.Item>
        </Space>
        <Form.Item name="address" label="通信地址">
          <Input />
        </Form.Item>
        <Form.Item name="postcode" label="邮政编码">
          <Input style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="infoTitle" label="信息名称">
          <Input />
        </Form.Item>
        <Form.Item name="infoDocNo" label="文号">
          <Input />
        </Form.Item>
        <Form.Item name="infoDescription" label="所需信息的描述" rules={req('所需信息的描述')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="purpose" label="用途">
          <Input />
        </Form.Item>
        <Space wrap>
          <Form.Item name="provisionForm" label="提供形式" rules={req('提供形式')}>
            <Select style={{ width: 160 }} options={opts(PROVISION_FORMS)} />
          </Form.Item>
          <Form.Item name="delivery" label="获取方式" rules={req('获取方式')}>
            <Select style={{ width: 160 }} options={opts(DELIVERY)} />
          </Form.Item>
        </Space>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={saving}>
            登记
          </Button>
        </Form.Item>
      </Form>
    </Drawer>
  );
}
