import { useCallback, useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Collapse, Descriptions, Drawer, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { RESULT_ROWS } from '../reports.data';
import { api, applyProblem, call } from '../../../admin/api/client';
import type { paths } from '../../../admin/api/schema';
import { useSession } from '../../../admin/session';
import { activeDisclosureGrid, appealsGrid, applicationsGrid, cellLabel, gridsOf, headingsOf, rowLabel, SECTIONS, type Grid, type GridCell } from '../reports.layout';

type Report = paths['/api/v1/annual-reports/{orgCode}/{year}/report']['get']['responses'][200]['content']['application/json'];
type Overview = paths['/api/v1/annual-reports/overview/{year}']['get']['responses'][200]['content']['application/json'];
type CellRecords = paths['/api/v1/annual-reports/{orgCode}/{year}/cells/{cell}']['get']['responses'][200]['content']['application/json'];
type Texts = Report['texts'];
type Settings = paths['/api/v1/annual-reports/settings/{orgCode}']['get']['responses'][200]['content']['application/json'];

const TEXT_FIELDS: [keyof Texts, string][] = [
  ['active', `${SECTIONS.overall} ${SECTIONS.active}`],
  ['requests', SECTIONS.requests],
  ['management', SECTIONS.management],
  ['platform', SECTIONS.platform],
  ['supervision', SECTIONS.supervision],
  ['problems', SECTIONS.problems],
  ['other', SECTIONS.other],
];
const STATUS_COLORS: Record<string, string> = { new: 'default', draft: 'blue', reviewed: 'gold', published: 'green' };
/** Cells computed from the catalogue, the cases or the appeals can be opened to their records. */
const drillable = (key: string) => /^(applications|review|litigation|art20_1)/.test(key);

/**
 * 政府信息公开工作年度报告 (issue 6): the computed tables with every figure opening to the records
 * it counts, the cells entered by hand with their source, the text sections, the checks, and the
 * workflow draft → reviewed → published; a superior bureau sees its subordinates' status.
 */
export function AnnualReportPage() {
  const { session, can } = useSession();
  const { message } = AntApp.useApp();
  const lastYear = new Date().getFullYear() - 1;
  const [year, setYear] = useState(lastYear);
  const [overview, setOverview] = useState<Overview | null>(null);
  const [orgCode, setOrgCode] = useState<string | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<{ key: string; label: string } | null>(null);
  const [drill, setDrill] = useState<{ key: string; label: string; data: CellRecords | null } | null>(null);
  const [returning, setReturning] = useState(false);
  const [form] = Form.useForm<Texts>();
  const [cellForm] = Form.useForm<{ value: number; note: string }>();
  const [returnForm] = Form.useForm<{ comment: string }>();
  /** An earlier year in the trial format: every figure typed in from the published report. */
  const [values, setValues] = useState<Record<string, number | null>>({});
  const [settings, setSettings] = useState<Settings | null>(null);
  const [editingSettings, setEditingSettings] = useState(false);
  const [settingsForm] = Form.useForm<{ specialRegimeRow: string; blankZeros: boolean }>();

  useEffect(() => {
    call(api.GET('/api/v1/annual-reports/overview/{year}', { params: { path: { year } } })).then(
      (o) => {
        setOverview(o);
        const own = o.items.find((i) => i.org.id === session?.currentOrgId) ?? o.items[0];
        setOrgCode((c) => (c && o.items.some((i) => i.org.code === c) ? c : (own?.org.code ?? null)));
      },
      (e) => message.error((e as Error).message),
    );
  }, [year, session?.currentOrgId, message]);

  const load = useCallback(async () => {
    if (!orgCode) return;
    const r = await call(api.GET('/api/v1/annual-reports/{orgCode}/{year}/report', { params: { path: { orgCode, year } } }));
    setReport(r);
    setValues(r.cells);
    form.setFieldsValue(r.texts);
    setSettings(await call(api.GET('/api/v1/annual-reports/settings/{orgCode}', { params: { path: { orgCode } } })));
  }, [orgCode, year, form]);
  const saveSettings = async (v: { specialRegimeRow: string; blankZeros: boolean }) => {
    if (!report) return;
    try {
      setSettings(await call(api.PUT('/api/v1/annual-reports/settings/{orgCode}', { params: { path: { orgCode: report.org.code } }, body: v })));
      setEditingSettings(false);
      message.success('已保存统计口径；已发布的年报不受影响');
      await load();
    } catch (e) {
      message.error(applyProblem(settingsForm, e));
    }
  };
  useEffect(() => void load().catch((e) => message.error((e as Error).message)), [load, message]);

  const mine = report?.org.id === session?.currentOrgId;
  const editable = !!report && mine && can('catalog.edit') && (report.status === 'new' || report.status === 'draft');
  const trial = report?.layout === 'trial2019';
  const enteredBody = (extra: Record<string, { value: number; note: string }> = {}) =>
    trial
      ? Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === 'number').map(([k, v]) => [k, { value: v as number, note: report!.entered[k]?.note ?? '' }]))
      : { ...Object.fromEntries(Object.entries(report!.entered).map(([k, e]) => [k, { value: e.value, note: e.note }])), ...extra };

  const save = async (extra?: Record<string, { value: number; note: string }>) => {
    if (!report) return;
    setBusy(true);
    try {
      const r = await call(api.PUT('/api/v1/annual-reports/{orgCode}/{year}/report', { params: { path: { orgCode: report.org.code, year } }, body: { texts: form.getFieldsValue(true) as Texts, entered: enteredBody(extra) } }));
      setReport(r);
      message.success('草稿已保存');
      return true;
    } catch (e) {
      message.error(applyProblem(cellForm, e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const act = async (action: 'review' | 'return' | 'publish', comment = '') => {
    if (!report) return;
    setBusy(true);
    try {
      setReport(await call(api.POST('/api/v1/annual-reports/{orgCode}/{year}/report/actions', { params: { path: { orgCode: report.org.code, year } }, body: { action, comment } })));
      message.success({ review: '已审核通过', return: '已退回修改', publish: '已发布到网站' }[action]);
      setReturning(false);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const openCell = async (c: GridCell, label: string) => {
    if (!report || !c.key) return;
    if (trial || !drillable(c.key)) {
      if (editable) (cellForm.setFieldsValue({ value: report.entered[c.key]?.value ?? (report.cells[c.key] as number | null) ?? 0, note: report.entered[c.key]?.note ?? '' }), setEditing({ key: c.key, label }));
      return;
    }
    setDrill({ key: c.key, label, data: null });
    try {
      setDrill({ key: c.key, label, data: await call(api.GET('/api/v1/annual-reports/{orgCode}/{year}/cells/{cell}', { params: { path: { orgCode: report.org.code, year, cell: c.key } } })) });
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  /** A grid with each figure a button: it opens the records behind it (or, for a figure entered by hand, its form). */
  const ReportGrid = ({ grid, caption, interactive = true }: { grid: Grid; caption: string; interactive?: boolean }) => (
    <div className="table-scroll">
      <table className="report-table">
        <caption>{caption}</caption>
        <tbody>
          {grid.map((row, i) => (
            <tr key={i}>
              {row.map((c, j) => {
                if (c.header || !c.key) return <th key={j} colSpan={c.colSpan} rowSpan={c.rowSpan} scope={c.header ? 'col' : 'row'}>{c.text}</th>;
                if (!interactive) return <td key={j} colSpan={c.colSpan}>{c.text}</td>;
                const label = cellLabel(c.key);
                if (trial && editable)
                  return (
                    <td key={j} colSpan={c.colSpan}>
                      <InputNumber size="small" min={0} controls={false} style={{ width: 64 }} aria-label={label} value={values[c.key] ?? null} onChange={(v) => setValues((x) => ({ ...x, [c.key!]: typeof v === 'number' ? v : null }))} />
                    </td>
                  );
                const entered = report?.entered[c.key];
                return (
                  <td key={j} colSpan={c.colSpan} className={entered ? 'cell-entered' : undefined}>
                    <button type="button" className="cell-button" onClick={() => void openCell(c, label)} aria-label={`${label}：${c.text || '未填报'}${entered ? '（已填报）' : ''}`}>
                      {c.text || (report?.status === 'published' ? '' : '填报')}
                      {entered && <span className="cell-mark">*</span>}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );

  const failing = report?.checks.filter((c) => !c.ok) ?? [];
  return (
    <>
      <div className="page-header">
        <h1>政府信息公开工作年度报告</h1>
        <Space>
          <label htmlFor="report-year">年度</label>
          <Select id="report-year" value={year} onChange={setYear} style={{ width: 110 }} options={Array.from({ length: lastYear + 2 - 2019 }, (_, d) => lastYear + 1 - d).map((y) => ({ value: y, label: `${y}年${y <= 2020 ? '（试行格式，录入）' : ''}` }))} />
        </Space>
      </div>
      {overview && overview.items.length > 1 && (
        <Card size="small" title={`本机构及下级机构 ${year} 年度报告（发布期限 ${overview.deadline}）`} style={{ marginBottom: 12 }}>
          {overview.daysLeft !== null && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={`距年报发布期限还有 ${overview.daysLeft} 天（条例第四十九条：每年 1 月 31 日前）。`} />}
          <Table
            size="small"
            rowKey={(r) => r.org.id}
            pagination={false}
            dataSource={overview.items}
            columns={[
              { title: '机构', render: (_, r) => <Button type="link" onClick={() => setOrgCode(r.org.code)}>{r.org.name}</Button> },
              { title: '状态', render: (_, r) => <Tag color={STATUS_COLORS[r.status]}>{r.statusLabel}</Tag> },
              { title: '发布日期', render: (_, r) => r.publishedAt?.slice(0, 10) ?? '' },
              { title: '期限', render: (_, r) => (r.overdue ? <Tag color="red">已超过 {r.deadline}</Tag> : r.deadline) },
              { title: '未通过的校验', dataIndex: 'failing' },
            ]}
          />
          <Collapse
            style={{ marginTop: 8 }}
            items={[
              {
                key: 'sum',
                label: '汇总表：以上各机构数字之和（仅供参考，不是法定报告）',
                children: (
                  <>
                    <Alert type="info" style={{ marginBottom: 8 }} title="汇总表把各机构报告中的数字逐格相加（已发布的按发布时的数字，其余按当前记录计算），供上级机关了解全系统情况；每个机构仍须发布自己的年度报告。是否需要全系统汇总报告，国家层面尚未明确（待确认）。" />
                    <ReportGrid grid={activeDisclosureGrid(overview.consolidated)} caption={`汇总表 ${SECTIONS.table2}`} interactive={false} />
                    <ReportGrid grid={applicationsGrid(overview.consolidated)} caption={`汇总表 ${SECTIONS.table3}`} interactive={false} />
                    <ReportGrid grid={appealsGrid(overview.consolidated)} caption={`汇总表 ${SECTIONS.table4}`} interactive={false} />
                  </>
                ),
              },
            ]}
          />
        </Card>
      )}
      {report && (
        <>
          <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
            <Descriptions.Item label="机构">{report.org.name}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <Tag color={STATUS_COLORS[report.status]}>{report.statusLabel}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="发布期限">{report.overdue ? <Tag color="red">已超过 {report.deadline}</Tag> : report.deadline}</Descriptions.Item>
            <Descriptions.Item label="格式">{report.template}</Descriptions.Item>
            {report.publishedAt && <Descriptions.Item label="发布时间">{new Date(report.publishedAt).toLocaleString('zh-CN')}</Descriptions.Item>}
          </Descriptions>
          <Space wrap style={{ marginBottom: 12 }} className="no-print">
            {editable && (
              <Button type="primary" loading={busy} onClick={() => void save()}>
                保存草稿
              </Button>
            )}
            {mine && can('catalog.review') && report.status === 'draft' && (
              <Button type="primary" loading={busy} onClick={() => void act('review')}>
                审核通过
              </Button>
            )}
            {mine && can('catalog.review') && report.status === 'reviewed' && <Button onClick={() => (returnForm.resetFields(), setReturning(true))}>退回修改</Button>}
            {mine && can('catalog.edit') && report.status === 'reviewed' && (
              <Button type="primary" loading={busy} onClick={() => void act('publish')}>
                发布
              </Button>
            )}
            {report.status === 'published' && (
              <>
                <a href={`/org/${report.org.slug}/xxgk/nb/${year}/`} target="_blank" rel="noopener">
                  在网站查看
                </a>
                <a href={`/org/${report.org.slug}/xxgk/nb/${year}/report.docx`}>下载 Word 版</a>
                <a href={`/org/${report.org.slug}/xxgk/nb/${year}/report.pdf`}>下载 PDF 版</a>
              </>
            )}
            <Button onClick={() => window.print()}>打印</Button>
            {mine && can('catalog.settings') && settings && (
              <Button onClick={() => (settingsForm.setFieldsValue({ specialRegimeRow: settings.specialRegimeRow, blankZeros: settings.blankZeros }), setEditingSettings(true))}>统计口径设置</Button>
            )}
          </Space>
          {failing.length > 0 && (
            <Alert
              type={failing.some((c) => c.rule !== 'R5') ? 'error' : 'warning'}
              showIcon
              style={{ marginBottom: 12 }}
              title={`校验：${failing.length} 项未通过（审核前须全部通过；R5 为提示）`}
              description={
                <ul className="plain-list">
                  {failing.map((c, i) => (
                    <li key={i}>
                      <Tag>{c.rule}</Tag>
                      {c.message}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
          <Tabs
            items={[
              {
                key: 'tables',
                label: '表格（二、三、四）',
                children: (
                  <>
                    {trial ? (
                      <Alert type="info" style={{ marginBottom: 8 }} title={`${year}年报告使用 2019 年试行格式（${report.template}），本平台没有当年的记录：请按已发布的报告逐格录入数字和文字，审核后发布，供网站历年年报栏目查阅。`} />
                    ) : (
                      <Typography.Paragraph type="secondary">点击数字查看计入该数字的记录；带 * 的为人工填报或修改的数字，点击可查看或修改来源和理由。</Typography.Paragraph>
                    )}
                    {!trial && <Alert
                      type="info"
                      style={{ marginBottom: 8 }}
                      title="统计口径（国家层面待确认的，按下列做法计算，可人工修改并说明理由）"
                      description={
                        <ul className="plain-list">
                          <li>申请按收到之日计入“本年新收”，按办结之日计入办理结果；每件只计一种结果，部分公开只计“部分公开”，不予公开按第一项理由计入。</li>
                          <li>按特定查询程序办理（条例第三十六条第（七）项）的计入“{rowLabel(settings?.specialRegimeRow ?? 'other.other')}”（待确认，可在“统计口径设置”中修改）。</li>
                          <li>行政复议、行政诉讼按提起之日计入当年，结果以 12 月 31 日为准，未审结的计“尚未审结”；先复议后起诉的，复议计入“行政复议”，起诉计入“复议后起诉”（待确认）。</li>
                          <li>数字为 0 的单元格在网站和 Word、PDF 中{settings?.blankZeros ? '留空' : '写 0'}（可在“统计口径设置”中修改）。</li>
                          <li>“本年制发件数”按成文日期统计，修订不另计（待确认）；“现行有效件数”为 12 月 31 日有效或部分失效的件数。</li>
                        </ul>
                      }
                    />}
                    <ReportGrid grid={gridsOf(report.layout, report.cells).active} caption={headingsOf(report.layout).table2} />
                    <ReportGrid grid={gridsOf(report.layout, report.cells).applications} caption={headingsOf(report.layout).table3} />
                    <ReportGrid grid={gridsOf(report.layout, report.cells).appeals} caption={headingsOf(report.layout).table4} />
                  </>
                ),
              },
              {
                key: 'texts',
                label: '文字部分',
                children: (
                  <Form form={form} layout="vertical" disabled={!editable}>
                    {TEXT_FIELDS.map(([k, label]) => (
                      <Form.Item key={k} name={k} label={k === 'problems' ? headingsOf(report.layout).problems : label} extra={k === 'other' ? '须写明实际收取的信息处理费；烟草系统还应说明重点领域信息公开情况。' : undefined}>
                        <Input.TextArea rows={k === 'supervision' || k === 'problems' ? 4 : 3} maxLength={5000} />
                      </Form.Item>
                    ))}
                  </Form>
                ),
              },
            ]}
          />
        </>
      )}
      <Drawer open={!!drill} title={drill ? `计入的记录：${drill.label}` : ''} size="large" onClose={() => setDrill(null)} destroyOnHidden>
        {drill && report?.status === 'published' && <Alert type="warning" style={{ marginBottom: 8 }} title="年报已发布，报告中的数字是发布时锁定的；这里按当前记录列出，发布后有改动的，两者可能不一致。" />}
        {drill && report?.entered[drill.key] && <Alert type="info" style={{ marginBottom: 8 }} title={`报告中的数字为人工修改：${report.entered[drill.key].value}（${report.entered[drill.key].by}：${report.entered[drill.key].note}）；计算值 ${report.computed[drill.key] ?? ''}`} />}
        {drill && editable && (
          <Button style={{ marginBottom: 8 }} onClick={() => (cellForm.setFieldsValue({ value: report!.entered[drill.key]?.value ?? (report!.cells[drill.key] as number) ?? 0, note: report!.entered[drill.key]?.note ?? '' }), setEditing({ key: drill.key, label: drill.label }))}>
            修改此数字（须说明理由）
          </Button>
        )}
        <Table
          size="small"
          rowKey="id"
          loading={!drill?.data}
          dataSource={drill?.data?.items ?? []}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: drill?.data?.kind === 'documents' ? '名称' : '编号', render: (_, r) => (drill?.data?.kind === 'requests' ? <a href={`/admin/requests/${r.id}`}>{r.ref}</a> : drill?.data?.kind === 'documents' ? <a href={`/admin/catalog/${r.id}`}>{r.label}</a> : r.ref) },
            ...(drill?.data?.kind === 'documents' ? [] : [{ title: drill?.data?.kind === 'appeals' ? '复议机关或法院' : '申请人类型', dataIndex: 'label' }]),
            { title: drill?.data?.kind === 'appeals' ? '提起日期' : '收到日期', dataIndex: 'from' },
            { title: '办结日期', dataIndex: 'to' },
            { title: '结果', dataIndex: 'outcome' },
          ]}
        />
      </Drawer>
      <Modal open={!!editing} title={editing ? `填报：${editing.label}` : ''} okText="保存" confirmLoading={busy} onCancel={() => setEditing(null)} onOk={() => cellForm.submit()} destroyOnHidden>
        <Form form={cellForm} layout="vertical" onFinish={async (v) => editing && (await save({ [editing.key]: { value: v.value, note: v.note } })) && setEditing(null)}>
          <Form.Item name="value" label="数字" rules={[{ required: true, message: '请填写数字' }]}>
            <InputNumber min={0} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="note" label={drillable(editing?.key ?? '') ? '修改理由' : '数据来源'} rules={[{ required: true, min: 2, message: '请注明来源或理由' }]}>
            <Input.TextArea rows={2} maxLength={300} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={editingSettings} title="统计口径设置" okText="保存" onCancel={() => setEditingSettings(false)} onOk={() => settingsForm.submit()} destroyOnHidden>
        <Alert type="info" style={{ marginBottom: 12 }} title="以下事项国家层面尚未明确（待确认），按本机关的做法设置；默认值来自年报格式的通行做法。已发布的年报不受影响。" />
        <Form form={settingsForm} layout="vertical" onFinish={(v) => void saveSettings(v)}>
          <Form.Item name="specialRegimeRow" label="按特定查询程序办理的答复（条例第三十六条第（七）项）计入" extra="默认：（六）其他处理 3.其他">
            <Select options={RESULT_ROWS.map((r) => ({ value: r, label: rowLabel(r) }))} />
          </Form.Item>
          <Form.Item name="blankZeros" label="数字为 0 的单元格">
            <Radio.Group options={[{ value: false, label: '写 0（默认）' }, { value: true, label: '留空' }]} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={returning} title="退回修改" okText="退回修改" confirmLoading={busy} onCancel={() => setReturning(false)} onOk={() => returnForm.submit()} destroyOnHidden>
        <Form form={returnForm} layout="vertical" onFinish={(v) => void act('return', v.comment)}>
          <Form.Item name="comment" label="退回意见" rules={[{ required: true, message: '请填写退回意见' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
