import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Form, Input, Row, Space, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { api, call } from '../../../admin/api/client';
import type { paths } from '../../../admin/api/schema';
import { categoryLabel } from './MessagesPage';

// Only what the two charts use (STACK.md: import from echarts/core and register).
echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

type Stats = paths['/api/v1/messages/stats']['get']['responses'][200]['content']['application/json'];

function Chart({ option, label }: { option: echarts.EChartsCoreOption; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  return <div ref={ref} role="img" aria-label={label} style={{ height: 280 }} />;
}

const yearStart = (today: string) => `${today.slice(0, 4)}-01-01`;

/** 留言办理统计: received, answered on time, working days to answer, satisfaction, the 3-month warnings; charts and Excel. */
export function MessageStatsPage() {
  const { message } = AntApp.useApp();
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const [s, setS] = useState<Stats | null>(null);

  const load = useCallback(async (r: { from: string; to: string }) => {
    try {
      setS(await call(api.GET('/api/v1/messages/stats', { params: { query: r } })));
    } catch (e) {
      message.error((e as Error).message);
    }
  }, [message]);
  useEffect(() => {
    // The first range is this year up to today as the server sees it.
    call(api.GET('/api/v1/messages', { params: { query: { status: 'all', pageSize: 1 } } }))
      .then((r) => {
        const first = { from: yearStart(r.today), to: r.today };
        setRange(first);
        return load(first);
      })
      .catch((e) => message.error((e as Error).message));
  }, [load, message]);
  if (!range) return null;

  const byMonth = s?.byMonth ?? [];
  const monthOption: echarts.EChartsCoreOption = {
    tooltip: { trigger: 'axis' },
    legend: { data: ['收到', '已答复'] },
    grid: { left: 40, right: 16, bottom: 30, top: 40 },
    xAxis: { type: 'category', data: byMonth.map((m) => m.month) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '收到', type: 'bar', data: byMonth.map((m) => m.received), itemStyle: { color: '#0b4a91' } },
      { name: '已答复', type: 'bar', data: byMonth.map((m) => m.answered), itemStyle: { color: '#1d6b2f' } },
    ],
  };
  const catOption: echarts.EChartsCoreOption = {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [{ type: 'pie', radius: ['35%', '65%'], data: Object.entries(s?.byCategory ?? {}).map(([k, v]) => ({ name: categoryLabel(k), value: v })) }],
  };
  const exportHref = `/api/v1/messages/stats.xlsx?${new URLSearchParams(range)}`;

  return (
    <>
      <div className="page-header">
        <h1>留言办理统计</h1>
        <Space className="no-print">
          <Link to="/messages">返回留言列表</Link>
          <Button href={exportHref}>导出 Excel</Button>
          <Button onClick={() => window.print()}>打印</Button>
        </Space>
      </div>
      <Form
        layout="inline"
        className="toolbar no-print"
        initialValues={range}
        onFinish={(v) => {
          setRange(v);
          void load(v);
        }}
      >
        <Form.Item name="from" label="收到日期从" rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="to" label="至" rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          统计
        </Button>
      </Form>
      {s && s.warnings.length > 0 && (
        <Alert
          type={s.warnings.some((w) => w.level === 'exceeded') ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          title={`${s.warnings.length} 件有效留言临近或超过三个月未答复（网站检查单项否决：互动回应差）`}
          description={
            <ul className="plain-list">
              {s.warnings.slice(0, 10).map((w) => (
                <li key={w.id}>
                  <Link to={`/messages/${w.id}`}>{w.receiptNo}</Link> {w.subject}（{w.orgName}，收到 {w.receivedOn}，三个月期满 {w.vetoOn}）{w.level === 'exceeded' && <Tag color="red">已超过</Tag>}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title="按月收到与答复" size="small">
            <Chart option={monthOption} label={`按月收到与答复：${byMonth.map((m) => `${m.month} 收到 ${m.received} 件，答复 ${m.answered} 件`).join('；')}`} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title="按类别" size="small">
            <Chart option={catOption} label={`按类别：${Object.entries(s?.byCategory ?? {}).map(([k, v]) => `${categoryLabel(k)} ${v} 件`).join('，')}`} />
          </Card>
        </Col>
      </Row>
      <Table
        style={{ marginTop: 16 }}
        rowKey={(r) => `${r.orgName}|${r.departmentName ?? ''}`}
        size="small"
        pagination={false}
        dataSource={s?.rows ?? []}
        columns={[
          { title: '机构', dataIndex: 'orgName' },
          { title: '内设机构', dataIndex: 'departmentName', render: (v) => v ?? '（全机构）' },
          { title: '收到', dataIndex: 'received' },
          { title: '已答复', dataIndex: 'answered' },
          { title: '按期答复', dataIndex: 'onTime' },
          { title: '按期率', dataIndex: 'onTimeRate', render: (v) => (v === null ? '—' : `${v}%`) },
          { title: '用时中位数', dataIndex: 'medianDays', render: (v) => (v === null ? '—' : `${v} 个工作日`) },
          { title: '用时 90 分位', dataIndex: 'p90Days', render: (v) => (v === null ? '—' : `${v} 个工作日`) },
          { title: '满意/基本满意/不满意', key: 'rating', render: (_, r) => `${r.satisfied} / ${r.fair} / ${r.unsatisfied}` },
          { title: '满意率', dataIndex: 'satisfactionRate', render: (v) => (v === null ? '—' : `${v}%`) },
          { title: '临近/超过三个月', key: 'veto', render: (_, r) => `${r.approaching} / ${r.exceeded}` },
        ]}
      />
    </>
  );
}
