import { useCallback, useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Descriptions, Form, Input, Modal, Row, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, applyProblem, call } from '../../../admin/api/client';
import type { paths } from '../../../admin/api/schema';
import { FieldInput, type Field } from '../../../admin/ActionFields';
import { opts } from '../../../admin/options';
import { CHANNELS, REFERRALS } from '../messages.rules';
import { categoryLabel, Due, messageStatus, ratingLabel, VetoTag } from './MessagesPage';

type Msg = paths['/api/v1/messages/{id}']['get']['responses'][200]['content']['application/json'];

/** What each action asks for; the server checks it again. */
function fieldsFor(action: string, m: Msg): Field[] {
  const deps = m.transferTargets.departments.map((d) => ({ value: d.id, label: d.name }));
  switch (action) {
    case 'accept':
      return [
        { name: 'departmentId', label: '承办内设机构（可稍后转办）', kind: 'select', options: deps },
        { name: 'note', label: '备注', kind: 'text' },
      ];
    case 'decline':
      return [
        { name: 'reason', label: '不予受理的理由（留言人可见）', kind: 'textarea', required: true },
        { name: 'referral', label: '告知的渠道', kind: 'select', required: true, options: opts(REFERRALS), initial: '12313' },
      ];
    case 'transfer':
      return [
        { name: 'toOrgId', label: '转办给下级机构', kind: 'select', options: m.transferTargets.organisations.map((o) => ({ value: o.id, label: o.name })), extra: '下级机构与内设机构二者选一' },
        { name: 'toDepartmentId', label: '或转给本机关内设机构', kind: 'select', options: deps },
        { name: 'due', label: '办理期限（默认为答复期限）', kind: 'date', initial: m.deadlines.answerBy ?? undefined },
        { name: 'note', label: '转办说明', kind: 'textarea' },
      ];
    case 'send_back':
      return [{ name: 'reason', label: '退回理由（如不属本机关职责）', kind: 'textarea', required: true }];
    case 'extend':
      return [
        { name: 'days', label: '延长的工作日数', kind: 'number', required: true, initial: 10 },
        { name: 'reason', label: '延期理由（留言人可见）', kind: 'textarea', required: true },
      ];
    case 'draft_reply':
      return [{ name: 'body', label: '答复内容', kind: 'textarea', required: true, initial: m.reply?.body }];
    case 'approve_reply':
      return [{ name: 'comment', label: '审核意见', kind: 'text' }];
    case 'return_reply':
      return [{ name: 'comment', label: '退回修改的理由', kind: 'textarea', required: true }];
    case 'follow_up':
      return [
        { name: 'method', label: '回访方式', kind: 'select', required: true, options: ['电话', '短信', '当面', '电子邮件'].map((v) => ({ value: v, label: v })), initial: '电话' },
        { name: 'result', label: '回访结果', kind: 'textarea', required: true },
      ];
    case 'merge':
      return [{ name: 'intoId', label: '并入的留言', kind: 'select', required: true, options: m.duplicates.filter((d) => ['received', 'processing', 'reviewing', 'approved'].includes(d.status)).map((d) => ({ value: d.id, label: `${d.receiptNo} ${d.subject}` })) }];
    default:
      return [];
  }
}

const PRIMARY = ['accept', 'draft_reply', 'approve_reply', 'send_reply'];

/** The handling screen: deadlines, the hand-off chain, the reply with its review, duplicates, publication, promotion to the knowledge base. */
export function MessageCasePage() {
  const { id } = useParams<{ id: string }>();
  const { message } = AntApp.useApp();
  const nav = useNavigate();
  const [m, setM] = useState<Msg | null>(null);
  const [acting, setActing] = useState<string | null>(null);
  const [publishing, setPublishing] = useState<{ subject: string; content: string; reply: string } | null>(null);
  const [form] = Form.useForm();
  const [pubForm] = Form.useForm();

  const load = useCallback(async () => {
    try {
      setM(await call(api.GET('/api/v1/messages/{id}', { params: { path: { id: id! } } })));
    } catch (e) {
      message.error((e as Error).message);
    }
  }, [id, message]);
  useEffect(() => void load(), [load]);
  if (!m) return null;

  const fields = acting ? fieldsFor(acting, m) : [];
  const initial = Object.fromEntries(fields.filter((f) => f.initial !== undefined).map((f) => [f.name, f.initial]));
  const submit = async (v: Record<string, unknown>) => {
    // Empty fields are left out: the server's defaults apply (null for optional choices).
    const data = Object.fromEntries(fields.map((f) => [f.name, v[f.name]]).filter(([, val]) => val !== undefined && val !== '' && val !== null));
    try {
      setM(await call(api.POST('/api/v1/messages/{id}/actions', { params: { path: { id: m.id } }, body: { action: acting as never, data } })));
      message.success(`已${m.actions.find((a) => a.action === acting)?.label ?? '保存'}`);
      setActing(null);
    } catch (e) {
      message.error(applyProblem(form, e));
    }
  };
  const openPublish = async () => {
    try {
      const p = await call(api.GET('/api/v1/messages/{id}/publish-preview', { params: { path: { id: m.id } } }));
      setPublishing(p);
      pubForm.setFieldsValue(p);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const publish = async (v: { subject: string; content: string; reply: string }) => {
    try {
      setM(await call(api.POST('/api/v1/messages/{id}/publish', { params: { path: { id: m.id } }, body: v })));
      message.success('已在互动交流栏目公开');
      setPublishing(null);
    } catch (e) {
      message.error(applyProblem(pubForm, e));
    }
  };
  const unpublish = async () => {
    try {
      setM(await call(api.POST('/api/v1/messages/{id}/unpublish', { params: { path: { id: m.id } }, body: { reason: '撤下公开' } })));
      message.success('已撤下');
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const d = m.deadlines;

  return (
    <>
      <div className="page-header">
        <h1>
          留言 {m.receiptNo} <Tag>{messageStatus(m.status)}</Tag>
          {m.published && <Tag color="blue">已公开</Tag>}
        </h1>
        <Space className="no-print">
          <Link to="/messages">返回列表</Link>
          {m.reply && ['answered', 'visited'].includes(m.status) && (
            <Button onClick={() => nav('/knowledge', { state: { promote: { sourceMessageId: m.id, question: m.subject, answer: m.reply!.body } } })}>转为知识库问答</Button>
          )}
          {m.canPublish && !m.published && (
            <Button type="primary" onClick={openPublish}>
              公开
            </Button>
          )}
          {m.canPublish && m.published && <Button onClick={unpublish}>撤下公开</Button>}
          <Button onClick={() => window.print()}>打印</Button>
        </Space>
      </div>
      {d.calendarMissing ? (
        <Alert type="warning" showIcon title={`期限落入 ${d.calendarMissing} 年，该年节假日安排尚未录入，暂无法计算。`} />
      ) : (
        <Alert
          type={m.vetoWarning ? 'error' : m.daysLeft !== null && m.daysLeft < 0 ? 'error' : 'info'}
          showIcon
          title={
            <Space wrap>
              <span>收到 {d.receivedOn}</span>
              <span>受理期限 {d.acceptBy}{d.acceptedOn && `（${d.acceptedOn} 已受理）`}</span>
              {d.transferBy && <span>转办期限 {d.transferBy}</span>}
              {d.answerBy && <span>答复期限 <strong>{d.answerBy}</strong>{d.extensionDays > 0 && `（已延期 ${d.extensionDays} 个工作日）`}</span>}
              {d.handlerDueOn && <span>承办单位办理期限 {d.handlerDueOn}</span>}
              {d.answeredOn && <span>已于 {d.answeredOn} 答复</span>}
              {d.followUpBy && m.status === 'answered' && <span>回访期限 {d.followUpBy}</span>}
              <Due days={m.daysLeft} on={m.dueOn} />
              <VetoTag warning={m.vetoWarning} on={m.vetoOn} />
            </Space>
          }
        />
      )}
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={14}>
          <Card title={m.subject} size="small">
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label="类别">{categoryLabel(m.category)}</Descriptions.Item>
              <Descriptions.Item label="渠道">{CHANNELS[m.channel as keyof typeof CHANNELS] ?? m.channel}</Descriptions.Item>
              <Descriptions.Item label="留言对象">{m.originOrgName}</Descriptions.Item>
              <Descriptions.Item label="留言人">{m.writer.name}</Descriptions.Item>
              <Descriptions.Item label="联系电话">{m.writer.phone}</Descriptions.Item>
              {m.writer.email && <Descriptions.Item label="邮箱">{m.writer.email}</Descriptions.Item>}
              <Descriptions.Item label="同意公开">{m.publishConsent ? '是' : '否'}</Descriptions.Item>
              <Descriptions.Item label="当前承办">{[m.orgName, m.departmentName].filter(Boolean).join(' / ')}</Descriptions.Item>
              {m.rating && <Descriptions.Item label="满意度">{ratingLabel(m.rating)}{m.ratingComment && `：${m.ratingComment}`}</Descriptions.Item>}
            </Descriptions>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>{m.content}</Typography.Paragraph>
            {m.files.length > 0 && (
              <Typography.Paragraph>
                附件：
                {m.files.map((f) => (
                  <a key={f.id} href={`/api/v1/messages/${m.id}/files/${f.id}`} style={{ marginRight: 12 }}>
                    {f.fileName}（{Math.ceil(f.size / 1024)} KB）
                  </a>
                ))}
              </Typography.Paragraph>
            )}
          </Card>
          {m.reply && (
            <Card title={`答复（${m.reply.orgName}）`} size="small" style={{ marginTop: 16 }}>
              {m.reply.returnedNote && m.status === 'processing' && <Alert type="warning" showIcon title={`审核退回：${m.reply.returnedNote}`} style={{ marginBottom: 8 }} />}
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{m.reply.body}</Typography.Paragraph>
              {m.reply.approvedBy && <Typography.Text type="secondary">审核：{m.reply.approvedBy}</Typography.Text>}
              {m.checks.length > 0 && (
                <Alert
                  type={m.checks.some((x) => x.blocking) ? 'error' : 'warning'}
                  showIcon
                  title="公开审查提示"
                  description={m.checks.map((x) => `“${x.text}”${x.suggestion ? `（建议：${x.suggestion}）` : ''}${x.blocking ? '【须修改】' : ''}`).join('；')}
                />
              )}
            </Card>
          )}
          {m.publicText && (
            <Card title="公开的内容（已去除个人信息）" size="small" style={{ marginTop: 16 }}>
              <Typography.Paragraph strong>{m.publicText.subject}</Typography.Paragraph>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{m.publicText.content}</Typography.Paragraph>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>答复：{m.publicText.reply}</Typography.Paragraph>
            </Card>
          )}
          {(m.duplicates.length > 0 || m.mergedHere.length > 0) && (
            <Card title="疑似重复留言" size="small" style={{ marginTop: 16 }}>
              {m.mergedHere.length > 0 && <Typography.Paragraph>已并入本件：{m.mergedHere.map((x) => x.receiptNo).join('、')}（答复将一并送达这些留言人）</Typography.Paragraph>}
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={m.duplicates}
                columns={[
                  { title: '留言编号', dataIndex: 'receiptNo', render: (v, r) => <Link to={`/messages/${r.id}`}>{v}</Link> },
                  { title: '标题', dataIndex: 'subject', ellipsis: true },
                  { title: '状态', dataIndex: 'status', render: messageStatus },
                  { title: '收到日期', dataIndex: 'receivedOn' },
                  { title: '依据', key: 'why', render: (_, r) => (r.reason === 'same_writer' ? '同一留言人' : `内容相似 ${Math.round(r.similarity * 100)}%`) },
                ]}
              />
            </Card>
          )}
        </Col>
        <Col xs={24} xl={10}>
          <Card title="办理操作" size="small" className="no-print">
            <Space wrap>
              {m.actions.map((x) => {
                // 并案 needs a message to merge into: offered only when duplicates were found.
                const noTarget = x.action === 'merge' && fieldsFor('merge', m)[0].options!.length === 0;
                return (
                  <Tooltip key={x.action} title={noTarget && x.allowed ? '没有可并入的疑似重复留言' : (x.reason ?? undefined)}>
                    <Button type={PRIMARY.includes(x.action) ? 'primary' : 'default'} disabled={!x.allowed || noTarget} onClick={() => setActing(x.action)}>
                      {x.label}
                    </Button>
                  </Tooltip>
                );
              })}
            </Space>
          </Card>
          {m.handOffs.length > 0 && (
            <Card title="转办链" size="small" style={{ marginTop: 16 }}>
              <ol className="plain-list">
                {m.handOffs.map((h, i) => (
                  <li key={i}>
                    <strong>{h.on}</strong> {h.action === 'transfer' ? '转办' : '退回'}：{h.fromOrgName} → {h.toDepartmentName ?? h.toOrgName}
                    {h.due && `，办理期限 ${h.due}`}
                    {h.reason && <div>{h.reason}</div>}
                  </li>
                ))}
              </ol>
            </Card>
          )}
          <Card title="办理记录" size="small" style={{ marginTop: 16 }}>
            <ol className="plain-list">
              {m.events.map((e) => (
                <li key={e.seq}>
                  <strong>{e.on}</strong> {e.label}（{[e.orgName, e.actorName].filter(Boolean).join(' ')}）{!e.public && <Tag>内部</Tag>}
                  {typeof e.data.reason === 'string' && e.data.reason && <div>理由：{e.data.reason}</div>}
                  {typeof e.data.comment === 'string' && e.data.comment && <div>意见：{e.data.comment}</div>}
                  {typeof e.data.result === 'string' && <div>结果：{e.data.result}</div>}
                  {e.data.late === true && <Tag color="orange">超过转办期限</Tag>}
                </li>
              ))}
            </ol>
          </Card>
        </Col>
      </Row>
      <Modal open={!!acting} title={m.actions.find((x) => x.action === acting)?.label} onCancel={() => setActing(null)} onOk={() => form.submit()} okText="确定" cancelText="取消" destroyOnHidden width={640}>
        <Form key={acting ?? ''} form={form} layout="vertical" onFinish={submit} initialValues={initial}>
          {fields.map((f) => (
            <Form.Item key={f.name} name={f.name} label={f.label} extra={f.extra} rules={f.required ? [{ required: true, message: `请填写${f.label}` }] : undefined}>
              <FieldInput f={f} />
            </Form.Item>
          ))}
          {fields.length === 0 && <Typography.Paragraph>确定要{m.actions.find((x) => x.action === acting)?.label}吗？</Typography.Paragraph>}
        </Form>
      </Modal>
      <Modal open={!!publishing} title="公开留言和答复" onCancel={() => setPublishing(null)} onOk={() => pubForm.submit()} okText="公开" cancelText="取消" destroyOnHidden width={720}>
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title="以下内容已自动去除姓名、电话、身份证号、住址等个人信息，请核对后公开。公开时会再次检查，仍含个人信息的不能公开。" />
        <Form form={pubForm} layout="vertical" onFinish={publish}>
          <Form.Item name="subject" label="标题" rules={[{ required: true, message: '请填写标题' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="content" label="留言内容" rules={[{ required: true, message: '请填写留言内容' }]}>
            <Input.TextArea rows={5} />
          </Form.Item>
          <Form.Item name="reply" label="答复内容" rules={[{ required: true, message: '请填写答复内容' }]}>
            <Input.TextArea rows={5} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
