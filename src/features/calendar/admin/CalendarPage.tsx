import { useCallback, useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, applyProblem, call } from '../../../admin/api/client';
import type { paths } from '../../../admin/api/schema';
import { useSession } from '../../../admin/session';

type Year = paths['/api/v1/public/calendar/years']['get']['responses'][200]['content']['application/json']['items'][number];
const fmt = (d: Dayjs) => d.format('YYYY-MM-DD');

/** The official working-day calendar: compute a due date, read each year's notice, enter next year's. */
export function CalendarPage() {
  const { session, can } = useSession();
  const { message } = AntApp.useApp();
  const [years, setYears] = useState<Year[]>([]);
  const [viewing, setViewing] = useState<Year | null>(null);
  const [entering, setEntering] = useState<{ year: number; existing?: Year } | null>(null);
  const load = useCallback(async () => setYears((await call(api.GET('/api/v1/public/calendar/years'))).items as Year[]), []);
  useEffect(() => void load().catch((e) => message.error(e.message)), [load, message]);
  // Entering a notice is for the system administrator acting for the top organisation.
  const mayEnter = can('calendar.manage') && session?.organisations.find((o) => o.id === session.currentOrgId)?.roles.includes('sys_admin');
  const nextYear = years.length ? years[years.length - 1].year + 1 : new Date().getFullYear();

  return (
    <>
      <div className="page-header">
        <h1>工作日历</h1>
        {mayEnter && (
          <Button type="primary" onClick={() => setEntering({ year: nextYear })}>
            录入 {nextYear} 年安排
          </Button>
        )}
      </div>
      <DueDateCalculator />
      <Card title="已录入的节假日安排" style={{ marginTop: 16 }}>
        <Typography.Paragraph type="secondary">
          工作日按国务院办公厅每年发布的部分节假日安排通知计算（含调休上班日）。未录入的年度不作推算，相关期限会提示“尚未录入”。
        </Typography.Paragraph>
        <Table<Year>
          rowKey="year"
          size="small"
          pagination={false}
          dataSource={[...years].reverse()}
          columns={[
            { title: '年度', dataIndex: 'year', width: 80 },
            {
              title: '通知文号',
              dataIndex: 'notice',
              render: (v: string, y) => (
                <Space wrap>
                  {v}
                  {y.noticeUnverified && <Tag color="orange">文号待核对</Tag>}
                  {y.amendments.map((a) => (
                    <Tag key={a}>{a}</Tag>
                  ))}
                </Space>
              ),
            },
            { title: '来源', dataIndex: 'source', width: 90, render: (s: string) => (s === 'bundled' ? '系统内置' : '人工录入') },
            { title: '放假天数', dataIndex: 'holidays', width: 90 },
            { title: '调休上班', dataIndex: 'workdays', width: 90 },
            {
              title: '操作',
              key: 'ops',
              width: 150,
              render: (_, y) => (
                <Space>
                  <Button size="small" onClick={() => setViewing(y)}>
                    查看
                  </Button>
                  {mayEnter && (
                    <Button size="small" onClick={() => setEntering({ year: y.year, existing: y })}>
                      更正
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Modal open={!!viewing} title={`${viewing?.year} 年节假日安排（${viewing?.notice}）`} footer={null} onCancel={() => setViewing(null)} width={640}>
        <Table
          rowKey="festival"
          size="small"
          pagination={false}
          dataSource={viewing?.periods ?? []}
          columns={[
            { title: '节日', dataIndex: 'festival' },
            { title: '放假', dataIndex: 'off', render: (o: string[]) => (o[0] === o[1] ? o[0] : `${o[0]} 至 ${o[1]}`) },
            { title: '调休上班', dataIndex: 'work', render: (w: string[]) => w.join('、') || '—' },
          ]}
        />
      </Modal>
      {entering && (
        <YearEditor
          year={entering.year}
          existing={entering.existing}
          onClose={() => setEntering(null)}
          onSaved={async () => {
            setEntering(null);
            message.success('已保存，期限计算即时生效。');
            await load();
          }}
        />
      )}
    </>
  );
}

function DueDateCalculator() {
  const [result, setResult] = useState<{ text: string; ok: boolean } | null>(null);
  const run = async (v: { from: Dayjs; days: number }) => {
    try {
      const r = await call(api.GET('/api/v1/public/calendar/add-working-days', { params: { query: { from: fmt(v.from), days: v.days } } }));
      setResult({ ok: true, text: `自 ${r.from} 起第 ${r.days} 个工作日是 ${r.due}（${['周日', '周一', '周二', '周三', '周四', '周五', '周六'][dayjs(r.due).day()]}）。` });
    } catch (e) {
      setResult({ ok: false, text: (e as Error).message });
    }
  };
  return (
    <Card title="期限计算">
      <Form layout="inline" onFinish={run} initialValues={{ from: dayjs(), days: 20 }}>
        <Form.Item label="起算日" name="from" rules={[{ required: true, message: '请选择起算日' }]}>
          <DatePicker allowClear={false} />
        </Form.Item>
        <Form.Item label="工作日数" name="days" rules={[{ required: true, message: '请输入天数' }]}>
          <InputNumber min={0} max={400} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          计算
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        起算日当日不计入，自次日开始计算（民法典第二百零一条）。《政府信息公开条例》期限是否同样适用该起算规则尚待确认，目前按此默认规则计算。
      </Typography.Paragraph>
      {result && <Alert style={{ marginTop: 12 }} type={result.ok ? 'success' : 'warning'} showIcon title={result.text} role="status" />}
    </Card>
  );
}

interface PeriodForm {
  festival: string;
  off: [Dayjs, Dayjs];
  work?: Dayjs[];
}

function YearEditor({ year, existing, onClose, onSaved }: { year: number; existing?: Year; onClose: () => void; onSaved: () => Promise<void> }) {
  const [form] = Form.useForm();
  const [error, setError] = useState('');
  const initial = existing
    ? { notice: existing.notice, periods: existing.periods.map((p) => ({ festival: p.festival, off: [dayjs(p.off[0]), dayjs(p.off[1])], work: p.work.map((w) => dayjs(w)) })) }
    : { periods: ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'].map((festival) => ({ festival })) };
  const save = async (v: { notice: string; reason?: string; periods: PeriodForm[] }) => {
    setError('');
    try {
      await call(
        api.PUT('/api/v1/calendar/years/{year}', {
          params: { path: { year } },
          body: { notice: v.notice, reason: v.reason, amendments: existing?.amendments ?? [], periods: v.periods.map((p) => ({ festival: p.festival, off: [fmt(p.off[0]), fmt(p.off[1])], work: (p.work ?? []).map(fmt) })) },
        }),
      );
      await onSaved();
    } catch (e) {
      setError(applyProblem(form, e));
    }
  };
  return (
    <Modal open title={`${existing ? '更正' : '录入'} ${year} 年节假日安排`} onCancel={onClose} onOk={() => form.submit()} okText="保存" width={760} destroyOnHidden>
      <Typography.Paragraph type="secondary">请按国务院办公厅通知逐项录入放假起止日和调休上班日；保存前系统会检查日期是否在本年度内、是否重叠、调休日是否为周末。</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={save} initialValues={initial}>
        <Form.Item label="通知文号" name="notice" rules={[{ required: true, message: '请填写通知文号' }]}>
          <Input placeholder={`如：国办发明电〔${year - 1}〕12号`} />
        </Form.Item>
        {existing && (
          <Form.Item label="更正原因" name="reason" rules={[{ required: true, message: '请填写更正原因' }]}>
            <Input />
          </Form.Item>
        )}
        <Form.List name="periods">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap>
                  <Form.Item name={[f.name, 'festival']} label="节日" rules={[{ required: true, message: '请填写节日' }]}>
                    <Input style={{ width: 130 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'off']} label="放假起止" rules={[{ required: true, message: '请选择放假日期' }]}>
                    <DatePicker.RangePicker />
                  </Form.Item>
                  <Form.Item name={[f.name, 'work']} label="调休上班日">
                    <DatePicker multiple style={{ minWidth: 180 }} />
                  </Form.Item>
                  <Button onClick={() => remove(f.name)} style={{ marginTop: 30 }} aria-label="删除此节日">
                    删除
                  </Button>
                </Space>
              ))}
              <Button onClick={() => add({ festival: '' })}>增加一个节日</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
