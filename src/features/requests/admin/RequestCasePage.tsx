import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Descriptions, Dropdown, Form, Input, Modal, Row, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api, applyProblem, call } from '../../../admin/api/client';
import { fileToBase64 } from '../../../admin/files';
import type { paths } from '../../../admin/api/schema';
import { APPLICANT_TYPES, CHANNELS, DELIVERY, ID_DOC_TYPES, OUTCOMES, PROVISION_FORMS, REPLY_OUTCOMES, WITHHOLD_REASONS } from '../requests.rules';
import { DaysLeft, opts, outcomeLabel, statusLabel } from './RequestsPage';
import { FieldInput, type Field } from '../../../admin/ActionFields';

type Case = paths['/api/v1/requests/{id}']['get']['responses'][200]['content']['application/json'];
type Appeal = Case['appeals'][number];

const label = <T extends Record<string, string>>(o: T, k: string) => o[k as keyof T] ?? k;

/** What each action asks the officer for; the server checks it again with the statutory rules. */
function fieldsFor(action: string, c: Case, officers: { value: string; label: string }[], departments: { value: string; label: string }[]): Field[] {
  // Today as the server sees it (Asia/Shanghai), not as this computer's clock says.
  const today = () => c.today;
  switch (action) {
    case 'confirm':
      return [
        { name: 'confirmedOn', label: '确认日期（即收到申请之日）', kind: 'date', required: true, initial: today() },
        { name: 'method', label: '确认方式', kind: 'select', required: true, options: ['电话', '短信', '电子邮件', '当面', '传真回执'].map((v) => ({ value: v, label: v })), initial: '电话' },
        { name: 'note', label: '备注', kind: 'text' },
      ];
    case 'request_correction':
      return [
        { name: 'items', label: '需要补正的事项（每行一项，须一次性告知全部事项）', kind: 'lines', required: true },
        { name: 'correctionDueBy', label: '补正期限', kind: 'date', required: true },
        { name: 'note', label: '备注', kind: 'text' },
      ];
    case 'receive_correction':
      return [{ name: 'receivedOn', label: '收到补正材料的日期（答复期限重新起算）', kind: 'date', required: true, initial: today() }];
    case 'assign':
      return [
        { name: 'departmentId', label: '承办内设机构', kind: 'select', options: departments, initial: c.departmentId },
        { name: 'officerId', label: '承办人', kind: 'select', options: officers, initial: c.officerId },
      ];
    case 'start_consultation':
      return [
        { name: 'kind', label: '征求意见对象', kind: 'select', required: true, options: [{ value: 'third_party', label: '第三方（条例第三十二条）' }, { value: 'agency', label: '其他机关（条例第三十四条）' }] },
        { name: 'party', label: '单位或个人名称', kind: 'text', required: true },
        { name: 'note', label: '备注', kind: 'text' },
      ];
    case 'end_consultation':
      return [
        { name: 'result', label: '意见', kind: 'select', required: true, options: [{ value: 'agree', label: '同意公开' }, { value: 'disagree', label: '不同意公开' }, { value: 'no_reply', label: '逾期未答复（其他机关逾期未答复视为同意）' }] },
        { name: 'note', label: '备注', kind: 'text' },
      ];
    case 'extend':
      return [
        { name: 'days', label: '延长的工作日数（累计不超过 20 个）', kind: 'number', required: true, initial: 20 - c.clock.extensionDays },
        { name: 'approvedBy', label: '同意延期的政府信息公开工作机构负责人', kind: 'text', required: true },
        { name: 'reason', label: '延期理由（写入延期答复告知书）', kind: 'textarea', required: true },
      ];
    case 'ask_reasons':
      return [{ name: 'note', label: '要求申请人说明的事项', kind: 'textarea', required: true }];
    case 'set_deadline':
      return [
        { name: 'due', label: '合理的答复期限', kind: 'date', required: true },
        { name: 'reason', label: '理由', kind: 'textarea', required: true },
      ];
    case 'fee_notice':
      return [
        { name: 'method', label: '计费方式（同一申请只能选一种）', kind: 'select', required: true, options: [{ value: 'per_application', label: `按件计收（本月第 ${c.feeQuote.nthThisMonth} 件，${c.feeQuote.perApplication} 元）` }, { value: 'per_volume', label: '按量计收（按页数）' }] },
        { name: 'pages', label: '页数（按量计收时填写）', kind: 'number' },
        { name: 'receivedOn', label: '申请人收到通知的日期', kind: 'date', initial: today() },
      ];
    case 'fee_paid':
      return [
        { name: 'paidOn', label: '缴费日期', kind: 'date', required: true, initial: today() },
        { name: 'voucherNo', label: '财政票据号', kind: 'text', required: true },
      ];
    case 'draft_reply':
      return [
        { name: 'outcome', label: '答复类型', kind: 'select', required: true, options: REPLY_OUTCOMES.map((o) => ({ value: o, label: OUTCOMES[o].basis ? `${OUTCOMES[o].label}（${OUTCOMES[o].basis}）` : OUTCOMES[o].label })), initial: c.reply?.outcome },
        { name: 'reasons', label: '不予公开的理由（不予公开、部分公开时必选）', kind: 'multi', options: Object.entries(WITHHOLD_REASONS).map(([value, r]) => ({ value, label: r.label })), initial: c.reply?.reasons ?? [] },
        { name: 'body', label: '具体说明（写入答复告知书）', kind: 'textarea', initial: c.reply?.body, extra: '如负责公开的机关及联系方式、获取途径、不予公开部分的具体理由。' },
        { name: 'documents', label: '提供的政府信息或获取途径（每行一项，作为附件列出）', kind: 'textarea', initial: c.reply?.documents },
      ];
    case 'approve_reply':
      return [{ name: 'comment', label: '审核意见', kind: 'text' }];
    case 'return_reply':
      return [{ name: 'comment', label: '退回理由', kind: 'textarea', required: true }];
    case 'deliver':
      return [
        { name: 'method', label: '送达方式', kind: 'select', required: true, options: opts(DELIVERY), initial: c.delivery },
        { name: 'deliveredOn', label: '送达日期', kind: 'date', required: true, initial: today() },
        { name: 'proof', label: '送达凭证（挂号单号、邮件回执等）', kind: 'text' },
      ];
    case 'withdraw':
      return [{ name: 'note', label: '撤回说明', kind: 'textarea' }];
    case 'abandon':
      return [{ name: 'reason', label: '理由', kind: 'select', required: true, options: [{ value: 'no_correction', label: '无正当理由逾期不补正（条例第三十条）' }, { value: 'unpaid', label: '逾期未缴纳信息处理费' }] }];
    case 'note':
      return [{ name: 'text', label: '内部备注（申请人看不到）', kind: 'textarea', required: true }];
    default:
      return [];
  }
}

const EDITABLE = ['registered', 'processing', 'consulting', 'drafting'];

/** The documents disclosed with the reply: uploaded before approval, downloadable by the applicant after delivery. */
function ReplyFiles({ c, onChange }: { c: Case; onChange: () => Promise<void> }) {
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const files = c.files.filter((f) => f.kind === 'reply');
  const editable = EDITABLE.includes(c.status);
  if (!editable && files.length === 0) return null;
  const upload = async (file: File) => {
    setBusy(true);
    try {
      await call(api.POST('/api/v1/requests/{id}/files', { params: { path: { id: c.id } }, body: { fileName: file.name, contentBase64: await fileToBase64(file) } }));
      message.success(`已添加 ${file.name}`);
      await onChange();
    } catch (e) {
      message.error(applyProblem(undefined, e));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (fileId: string) => {
    try {
      await call(api.DELETE('/api/v1/requests/{id}/files/{fileId}', { params: { path: { id: c.id, fileId } } }));
      await onChange();
    } catch (e) {
      message.error(applyProblem(undefined, e));
    }
  };
  return (
    <Card title="提供的政府信息（答复附件）" size="small" style={{ marginTop: 16 }}>
      <ul className="plain-list">
        {files.map((f) => (
          <li key={f.id}>
            <a href={`/api/v1/requests/${c.id}/files/${f.id}`}>{f.fileName}</a>（{Math.ceil(f.size / 1024)} KB）
            {editable && (
              <Button size="small" type="link" danger onClick={() => remove(f.id)}>
                删除
              </Button>
            )}
          </li>
        ))}
      </ul>
      {editable && (
        <label className="file-pick">
          <span>添加文件（PDF、Word、Excel、JPG、PNG，不超过 10 MB）：</span>
          <input type="file" disabled={busy} accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png" onChange={(e) => e.target.files?.[0] && upload(e.target.files[0]).then(() => (e.target.value = ''))} />
        </label>
      )}
    </Card>
  );
}

/** The officer's case screen: the clock with the reason for every change, the actions the rules allow, letters, history, appeals. */
export function RequestCasePage() {
  const { id } = useParams<{ id: string }>();
  const { message } = AntApp.useApp();
  const [c, setC] = useState<Case | null>(null);
  const [acting, setActing] = useState<string | null>(null);
  const [officers, setOfficers] = useState<{ value: string; label: string }[]>([]);
  const [departments, setDepartments] = useState<{ value: string; label: string }[]>([]);
  const [form] = Form.useForm();
  const [appealForm] = Form.useForm();
  const [editingAppeal, setEditingAppeal] = useState<Partial<Appeal> | null>(null);

  const load = useCallback(async () => {
    try {
      const data = await call(api.GET('/api/v1/requests/{id}', { params: { path: { id: id! } } }));
      setC(data);
      const [o, d] = await Promise.all([
        call(api.GET('/api/v1/orgs/{orgId}/request-officers', { params: { path: { orgId: data.orgId } } })),
        call(api.GET('/api/v1/orgs/{orgId}/departments', { params: { path: { orgId: data.orgId } } })),
      ]);
      setOfficers(o.items.map((x) => ({ value: x.id, label: x.displayName })));
      setDepartments(d.items.filter((x) => x.active).map((x) => ({ value: x.id, label: x.name })));
    } catch (e) {
      message.error((e as Error).message);
    }
  }, [id, message]);
  useEffect(() => void load(), [load]);
  if (!c) return null;

  const fields = acting ? fieldsFor(acting, c, officers, departments) : [];
  const initial = Object.fromEntries(fields.filter((f) => f.initial !== undefined).map((f) => [f.name, f.initial]));
  const submit = async (v: Record<string, unknown>) => {
    const data: Record<string, unknown> = {};
    for (const f of fields) {
      const val = v[f.name];
      if (val === undefined || val === '' || val === null) {
        if (f.kind === 'select' && !f.required) data[f.name] = null;
        continue;
      }
      data[f.name] = f.kind === 'lines' ? String(val).split('\n').map((s) => s.trim()).filter(Boolean) : val;
    }
    try {
      setC(await call(api.POST('/api/v1/requests/{id}/actions', { params: { path: { id: c.id } }, body: { action: acting as never, data } })));
      message.success(`已${c.actions.find((a) => a.action === acting)?.label ?? '保存'}`);
      setActing(null);
    } catch (e) {
      message.error(applyProblem(form, e));
    }
  };
  const saveAppeal = async (v: Record<string, string>) => {
    const body = { ...v, concludedOn: v.concludedOn || null } as never;
    try {
      if (editingAppeal?.id) await call(api.PUT('/api/v1/requests/{id}/appeals/{appealId}', { params: { path: { id: c.id, appealId: editingAppeal.id } }, body }));
      else await call(api.POST('/api/v1/requests/{id}/appeals', { params: { path: { id: c.id } }, body }));
      setEditingAppeal(null);
      await load();
    } catch (e) {
      message.error(applyProblem(appealForm, e));
    }
  };

  const letterItems = c.letters.flatMap((l) => [
    { key: `${l.kind}.docx`, label: <a href={`/api/v1/requests/${c.id}/letters/${l.kind}?format=docx`}>{l.title}（Word）</a> },
    { key: `${l.kind}.pdf`, label: <a href={`/api/v1/requests/${c.id}/letters/${l.kind}?format=pdf`}>{l.title}（PDF）</a> },
  ]);
  const a = c.applicant;
  const clock = c.clock;
  let clockNote: ReactNode = null;
  if (c.concludedOn) clockNote = <Alert type="success" showIcon title={`已于 ${c.concludedOn} 办结：${outcomeLabel(c.outcome)}`} />;
  else if (clock.calendarMissing) clockNote = <Alert type="warning" showIcon title={`答复期限落入 ${clock.calendarMissing} 年，该年节假日安排尚未录入，暂无法计算。请系统管理员在“工作日历”中录入。`} />;
  else if (clock.due)
    clockNote = (
      <Alert
        type={clock.daysLeft !== null && clock.daysLeft <= 2 ? 'error' : clock.daysLeft !== null && clock.daysLeft <= 5 ? 'warning' : 'info'}
        showIcon
        title={
          <span>
            收到申请 {clock.receivedOn}，答复期限 <strong>{clock.due}</strong> <DaysLeft days={clock.daysLeft} paused={clock.paused} />
            {clock.extensionDays > 0 && ` 已延期 ${clock.extensionDays} 个工作日`}
            {clock.pausedDays > 0 && ` 不计算的期间 ${clock.pausedDays} 个工作日`}
          </span>
        }
        description={[
          clock.correctionIssueBy && `如需补正，应于 ${clock.correctionIssueBy} 前一次性告知。`,
          clock.consultationReplyBy && `征求意见答复期限 ${clock.consultationReplyBy}（15 个工作日）。`,
          clock.feePayBy && `缴费期限 ${clock.feePayBy}。`,
        ]
          .filter(Boolean)
          .join(' ')}
      />
    );
  else clockNote = <Alert type="info" showIcon title={c.status === 'correction' ? `等待补正，补正期限 ${clock.correctionDueBy}；收到补正材料后重新计算答复期限。` : '待与申请人确认收到申请，确认之日为收到申请之日（条例第三十一条）。'} />;

  return (
    <>
      <div className="page-header">
        <h1>
          申请 {c.receiptNo} <Tag>{statusLabel(c.status)}</Tag>
        </h1>
        <Space className="no-print">
          <Link to="/requests">返回列表</Link>
          <Dropdown menu={{ items: letterItems }}>
            <Button>下载告知书</Button>
          </Dropdown>
          <Button onClick={() => window.print()}>打印</Button>
        </Space>
      </div>
      {clockNote}
      <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
        期限按工作日计算，收到申请当日不计入、自次日起算（民法典第二百零一条；条例期限是否同样适用尚待确认，为默认设置）。收费通知后的缴费期间{c.feePausesClock ? '不计入' : '计入'}答复期限（法规未明确，为可配置项）。
      </Typography.Paragraph>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={14}>
          <Card title="申请信息" size="small">
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label="申请人">{a.name}</Descriptions.Item>
              <Descriptions.Item label="类型">{label(APPLICANT_TYPES, c.applicantType)}</Descriptions.Item>
              {a.contactPerson && <Descriptions.Item label="联系人">{a.contactPerson}</Descriptions.Item>}
              <Descriptions.Item label="证件">
                {label(ID_DOC_TYPES, a.idType)} {a.idNumber}
              </Descriptions.Item>
              <Descriptions.Item label="电话">{a.phone}</Descriptions.Item>
              <Descriptions.Item label="邮箱">{a.email || '—'}</Descriptions.Item>
              <Descriptions.Item label="地址" span={2}>
                {a.address || '—'} {a.postcode}
              </Descriptions.Item>
              <Descriptions.Item label="渠道">{CHANNELS[c.channel as keyof typeof CHANNELS]?.label ?? c.channel}</Descriptions.Item>
              <Descriptions.Item label="到达日期">{c.arrivedOn}</Descriptions.Item>
              {c.infoTitle && <Descriptions.Item label="信息名称">{c.infoTitle}</Descriptions.Item>}
              {c.infoDocNo && <Descriptions.Item label="文号">{c.infoDocNo}</Descriptions.Item>}
              <Descriptions.Item label="所需信息" span={2}>
                {c.infoDescription}
              </Descriptions.Item>
              {c.purpose && <Descriptions.Item label="用途">{c.purpose}</Descriptions.Item>}
              <Descriptions.Item label="提供形式">{label(PROVISION_FORMS, c.provisionForm)}</Descriptions.Item>
              <Descriptions.Item label="获取方式">{label(DELIVERY, c.delivery)}</Descriptions.Item>
              <Descriptions.Item label="承办人">{c.officerName || '未分办'}</Descriptions.Item>
            </Descriptions>
            {c.files.some((f) => f.kind !== 'reply') && (
              <Typography.Paragraph>
                证明材料：
                {c.files.filter((f) => f.kind !== 'reply').map((f) => (
                  <a key={f.id} href={`/api/v1/requests/${c.id}/files/${f.id}`} style={{ marginRight: 12 }}>
                    {f.fileName}（{Math.ceil(f.size / 1024)} KB）
                  </a>
                ))}
              </Typography.Paragraph>
            )}
          </Card>
          {c.reply && (
            <Card title={`答复${c.letterNo ? `（${c.letterNo}）` : '（草稿）'}`} size="small" style={{ marginTop: 16 }}>
              {c.reply.returnedNote && c.status === 'drafting' && <Alert type="warning" showIcon title={`审核退回：${c.reply.returnedNote}`} style={{ marginBottom: 8 }} />}
              <Descriptions column={1} size="small">
                <Descriptions.Item label="答复类型">{outcomeLabel(c.reply.outcome)}</Descriptions.Item>
                {c.reply.reasons.length > 0 && <Descriptions.Item label="不予公开理由">{c.reply.reasons.map((r) => WITHHOLD_REASONS[r as keyof typeof WITHHOLD_REASONS]?.label ?? r).join('、')}</Descriptions.Item>}
                {c.reply.body && <Descriptions.Item label="具体说明">{c.reply.body}</Descriptions.Item>}
                {c.reply.documents && <Descriptions.Item label="提供的信息">{c.reply.documents}</Descriptions.Item>}
              </Descriptions>
              {c.checks.length > 0 && (
                <Alert
                  type={c.checks.some((x) => x.blocking) ? 'error' : 'warning'}
                  showIcon
                  title="公开审查提示"
                  description={c.checks.map((x) => `“${x.text}”${x.suggestion ? `（建议：${x.suggestion}）` : ''}${x.blocking ? '【须修改】' : ''}`).join('；')}
                />
              )}
            </Card>
          )}
          <ReplyFiles c={c} onChange={load} />
          <Card title="复议诉讼" size="small" style={{ marginTop: 16 }} extra={<Button size="small" onClick={() => { appealForm.resetFields(); appealForm.setFieldsValue({ kind: 'reconsideration', result: 'pending' }); setEditingAppeal({}); }}>登记</Button>}>
            <Table<Appeal>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={c.appeals}
              locale={{ emptyText: '无' }}
              columns={[
                { title: '类别', dataIndex: 'kind', render: (v) => (v === 'reconsideration' ? '行政复议' : '行政诉讼') },
                { title: '立案日期', dataIndex: 'filedOn' },
                { title: '复议机关或法院', dataIndex: 'body' },
                { title: '结果', dataIndex: 'result', render: (v) => ({ pending: '尚未审结', maintained: '维持', corrected: '纠正', other: '其他结果' })[v as string] ?? v },
                { title: '审结日期', dataIndex: 'concludedOn' },
                { title: '', key: 'edit', render: (_, r) => <Button size="small" onClick={() => { appealForm.setFieldsValue(r); setEditingAppeal(r); }}>更新</Button> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title="办理操作" size="small" className="no-print">
            <Space wrap>
              {c.actions.map((x) => (
                <Tooltip key={x.action} title={x.reason ?? undefined}>
                  <Button type={['deliver', 'approve_reply', 'confirm', 'draft_reply'].includes(x.action) ? 'primary' : 'default'} disabled={!x.allowed} onClick={() => setActing(x.action)}>
                    {x.label}
                  </Button>
                </Tooltip>
              ))}
              <Button onClick={() => setActing('note')}>内部备注</Button>
            </Space>
            {c.actions.filter((x) => !x.allowed && x.reason).map((x) => (
              <Typography.Paragraph key={x.action} type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                {x.label}：{x.reason}
              </Typography.Paragraph>
            ))}
          </Card>
          <Card title="期限变化" size="small" style={{ marginTop: 16 }}>
            <ol className="plain-list">
              {clock.changes.map((ch, i) => (
                <li key={i}>
                  {ch.on}：{ch.reason}
                  {ch.due && <>，期限 {ch.due}</>}
                </li>
              ))}
            </ol>
          </Card>
          <Card title="办理记录" size="small" style={{ marginTop: 16 }}>
            <ol className="plain-list">
              {c.events.map((e) => (
                <li key={e.seq}>
                  <strong>{e.on}</strong> {e.label}（{e.actorName}）{!e.public && <Tag>内部</Tag>}
                  {typeof e.data.text === 'string' && <div>{e.data.text}</div>}
                  {typeof e.data.comment === 'string' && e.data.comment && <div>意见：{e.data.comment}</div>}
                  {Array.isArray(e.data.items) && <div>补正事项：{(e.data.items as string[]).join('；')}</div>}
                  {typeof e.data.reason === 'string' && <div>理由：{e.data.reason}</div>}
                  {typeof e.data.amount === 'number' && <div>收费 {e.data.amount} 元</div>}
                </li>
              ))}
            </ol>
          </Card>
        </Col>
      </Row>
      <Modal open={!!acting} title={c.actions.find((x) => x.action === acting)?.label ?? '内部备注'} onCancel={() => setActing(null)} onOk={() => form.submit()} okText="确定" cancelText="取消" destroyOnHidden>
        <Form key={acting ?? ''} form={form} layout="vertical" onFinish={submit} initialValues={initial}>
          {fields.map((f) => (
            <Form.Item key={f.name} name={f.name} label={f.label} extra={f.extra} rules={f.required ? [{ required: true, message: `请填写${f.label}` }] : undefined}>
              <FieldInput f={f} />
            </Form.Item>
          ))}
          {fields.length === 0 && <Typography.Paragraph>确定要{c.actions.find((x) => x.action === acting)?.label}吗？</Typography.Paragraph>}
        </Form>
      </Modal>
      <Modal open={!!editingAppeal} title="行政复议或行政诉讼" onCancel={() => setEditingAppeal(null)} onOk={() => appealForm.submit()} okText="保存" cancelText="取消" destroyOnHidden>
        <Form form={appealForm} layout="vertical" onFinish={saveAppeal}>
          <Form.Item name="kind" label="类别" rules={[{ required: true }]}>
            <Select options={[{ value: 'reconsideration', label: '行政复议' }, { value: 'litigation', label: '行政诉讼' }]} />
          </Form.Item>
          <Form.Item name="filedOn" label="立案日期" rules={[{ required: true, message: '请填写立案日期' }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="body" label="复议机关或法院" rules={[{ required: true, message: '请填写复议机关或法院' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="result" label="结果">
            <Select options={[{ value: 'pending', label: '尚未审结' }, { value: 'maintained', label: '维持' }, { value: 'corrected', label: '纠正' }, { value: 'other', label: '其他结果' }]} />
          </Form.Item>
          <Form.Item name="concludedOn" label="审结日期">
            <Input type="date" />
          </Form.Item>
          <Form.Item name="note" label="备注">
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
