import { useCallback, useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, call } from '../api/client';
import type { paths } from '../api/schema';
import { ACTION_LABELS, OUTCOME_LABELS, actionLabel } from '../../platform/audit/audit.labels';

type Query = NonNullable<paths['/api/v1/audit']['get']['parameters']['query']>;
type Result = paths['/api/v1/audit']['get']['responses'][200]['content']['application/json'];
type Row = Result['items'][number];

interface Filters {
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  outcome?: 'success' | 'failure' | 'denied';
  range?: [Dayjs, Dayjs];
}

function toQuery(f: Filters): Omit<Query, 'page' | 'pageSize'> {
  return {
    actor: f.actor || undefined,
    action: f.action || undefined,
    objectType: f.objectType || undefined,
    objectId: f.objectId || undefined,
    outcome: f.outcome,
    from: f.range?.[0]?.format('YYYY-MM-DD'),
    to: f.range?.[1]?.format('YYYY-MM-DD'),
  };
}

/** The audit trail for the audit administrator: filter, page, export to Excel, print, verify the chain. */
export function AuditPage() {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ page: 1, pageSize: 50 });
  const [data, setData] = useState<Result>({ total: 0, items: [] });
  const [loading, setLoading] = useState(false);
  const [verify, setVerify] = useState<{ ok: boolean; text: string } | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await call(api.GET('/api/v1/audit', { params: { query: { ...toQuery(filters), ...page } } })));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setLoading(false);
    }
  }, [filters, page, message]);
  useEffect(() => void load(), [load]);

  const exportHref = () => {
    const q = new URLSearchParams(Object.entries(toQuery(filters)).filter(([, v]) => v) as [string, string][]);
    return `/api/v1/audit/export.xlsx?${q}`;
  };

  const runVerify = async () => {
    const r = await call(api.POST('/api/v1/audit/verify'));
    setVerify(r.ok ? { ok: true, text: `审计链完整：已校验 ${r.checked} 条记录。` } : { ok: false, text: r.problems.map((p) => p.message).join(' ') });
  };

  return (
    <>
      <div className="page-header">
        <h1>审计记录</h1>
        <Space className="no-print">
          <Button onClick={runVerify}>校验审计链</Button>
          <Button href={exportHref()}>导出 Excel</Button>
          <Button onClick={() => window.print()}>打印</Button>
        </Space>
      </div>
      {verify && <Alert type={verify.ok ? 'success' : 'error'} showIcon title={verify.text} style={{ marginBottom: 16 }} closable onClose={() => setVerify(null)} />}
      <Form
        form={form}
        layout="inline"
        className="toolbar no-print"
        onFinish={(v) => {
          setFilters(v);
          setPage((p) => ({ ...p, page: 1 }));
        }}
      >
        <Form.Item name="actor" label="操作人">
          <Input allowClear placeholder="姓名或用户名" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="action" label="操作">
          <Select allowClear showSearch optionFilterProp="label" style={{ width: 180 }} placeholder="全部" options={Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="objectType" label="对象类型">
          <Select allowClear style={{ width: 130 }} placeholder="全部" options={['user', 'organisation', 'department', 'audit', 'system'].map((v) => ({ value: v, label: v }))} />
        </Form.Item>
        <Form.Item name="objectId" label="对象编号">
          <Input allowClear style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="outcome" label="结果">
          <Select allowClear style={{ width: 100 }} placeholder="全部" options={Object.entries(OUTCOME_LABELS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="range" label="日期">
          <DatePicker.RangePicker />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            查询
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setFilters({});
            }}
          >
            重置
          </Button>
        </Space>
      </Form>
      <Table<Row>
        rowKey="seq"
        size="small"
        loading={loading}
        dataSource={data.items}
        scroll={{ x: 1100 }}
        pagination={{ current: page.page, pageSize: page.pageSize, total: data.total, showSizeChanger: true, showTotal: (t) => `共 ${t} 条`, onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 70 },
          { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => new Date(v).toLocaleString('zh-CN', { hourCycle: 'h23' }) },
          { title: '操作人', dataIndex: 'actorName', width: 200 },
          { title: '机构', dataIndex: 'orgName', width: 160 },
          { title: '操作', dataIndex: 'action', width: 140, render: (v: string) => <span title={v}>{actionLabel(v)}</span> },
          { title: '对象', key: 'object', render: (_, r) => (r.objectType ? `${r.objectType} ${r.objectId}` : '') },
          { title: '结果', dataIndex: 'outcome', width: 70, render: (v: string) => <Tag color={v === 'success' ? 'green' : v === 'denied' ? 'orange' : 'red'}>{OUTCOME_LABELS[v] ?? v}</Tag> },
          { title: 'IP', dataIndex: 'ip', width: 120 },
          { title: '摘要', dataIndex: 'summary', render: (v: object) => <Typography.Text style={{ fontSize: 12 }}>{Object.keys(v).length ? JSON.stringify(v) : ''}</Typography.Text> },
        ]}
      />
    </>
  );
}
