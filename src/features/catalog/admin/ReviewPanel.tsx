import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Collapse, Descriptions, Form, Input, Modal, Space, Steps, Table, Tag, Typography } from 'antd';
import { api, applyProblem, call } from '../../../admin/api/client';
import type { paths } from '../../../admin/api/schema';
import { Highlighted, PII_LABELS } from '../../review/admin/Highlighted';

export type Review = paths['/api/v1/catalog/documents/{id}/review']['get']['responses'][200]['content']['application/json'];
type Finding = Review['findings'][number];
type LinkResult = paths['/api/v1/review/links']['post']['responses'][200]['content']['application/json']['items'][number];

/** A word diff: additions and removals in words and colour (the tags say it without colour too). */
export function DiffText({ parts }: { parts: { text: string; change: 'same' | 'added' | 'removed' }[] }) {
  return (
    <p className="diff-text">
      {parts.map((p, i) =>
        p.change === 'added' ? (
          <ins key={i} className="diff-add">
            {p.text}
          </ins>
        ) : p.change === 'removed' ? (
          <del key={i} className="diff-del">
            {p.text}
          </del>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </p>
  );
}

const OUTCOMES = { unchanged: '无个人信息，原样发布', masked_copy: '发布时自动生成去除个人信息的副本', blocked: '不能自动处理：须上传处理后的文件' } as const;

/**
 * 公开审查 of one item (issue 4 §10): the approval chain and who approved, the personal data
 * found in the texts and attachments, marked in place, with the reviewer's decision on each
 * (mask as suggested, or keep with a reason), the checks that block, and what will be published
 * against the original.
 */
export function ReviewPanel({ docId, review, onChange }: { docId: string; review: Review; onChange: (r: Review) => void }) {
  const { message } = AntApp.useApp();
  const [keeping, setKeeping] = useState<Finding | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [form] = Form.useForm();
  const [links, setLinks] = useState<LinkResult[] | null>(null);
  const checkLinks = async () => {
    setBusy('links');
    try {
      setLinks((await call(api.POST('/api/v1/review/links', { body: { text: review.links.join('\n') } }))).items);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  const decide = async (f: Finding, action: 'mask' | 'keep', reason = '') => {
    setBusy(f.key);
    try {
      onChange(await call(api.POST('/api/v1/catalog/documents/{id}/review/decisions', { params: { path: { id: docId } }, body: { key: f.key, action, reason } })));
      message.success(action === 'mask' ? '已采纳去标识化' : '已保留原文并记录理由');
      setKeeping(null);
    } catch (e) {
      message.error(applyProblem(form, e));
    } finally {
      setBusy(null);
    }
  };
  const current = review.status === 'reviewing' ? review.step : review.approvals.length;
  const done = review.published;
  return (
    <Card size="small" title="公开审查" className="review-panel" style={{ marginBottom: 12 }}>
      <Steps
        size="small"
        current={Math.min(current, review.chain.steps.length)}
        items={review.chain.steps.map((st, i) => {
          const a = [...review.approvals].reverse().find((x) => x.step === i);
          return { title: `${st.name}${st.secrecy ? '（保密审查）' : ''}`, description: a ? `${a.name} ${new Date(a.at).toLocaleString('zh-CN')} 同意${a.comment ? `：${a.comment}` : ''}` : i === current && review.status === 'reviewing' ? '待办理' : '' };
        })}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        审核流程：{review.chain.name}。脱敏规则：{review.profile.label}。{review.profile.note}
      </Typography.Paragraph>
      {review.override && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={`保密审查问题已由${review.override.name}放行`} description={`理由：${review.override.reason}（${new Date(review.override.at).toLocaleString('zh-CN')}）`} />}
      {review.blockers.length > 0 && review.status !== 'published' && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          title="以下问题解决前不能发布"
          description={
            <ul className="plain-list">
              {review.blockers.map((b) => (
                <li key={b}>{b}</li>
              ))}
            </ul>
          }
        />
      )}
      <h3 className="section-title">个人信息（{review.findings.length} 项）</h3>
      {review.findings.length === 0 ? (
        <Typography.Text type="secondary">未发现个人信息。</Typography.Text>
      ) : (
        <Table<Finding>
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={review.findings}
          columns={[
            { title: '类型', dataIndex: 'type', width: 100, render: (t: string) => <Tag>{PII_LABELS[t] ?? t}</Tag> },
            { title: '原文', dataIndex: 'text', render: (t: string) => <mark className="finding finding-pii">{t}</mark> },
            { title: '发布为', dataIndex: 'masked', render: (m: string, f) => (f.decision?.action === 'keep' ? <span>{f.text}（保留）</span> : <code>{m}</code>) },
            { title: '位置', dataIndex: 'where', render: (w: string[], f) => `${w.join('、')}（${f.occurrences} 处）` },
            {
              title: '决定',
              dataIndex: 'decision',
              render: (d: Finding['decision']) =>
                !d ? <Tag color="blue">默认去标识化</Tag> : d.action === 'mask' ? <Tag color="green">{`采纳去标识化（${d.name}）`}</Tag> : <Tag color="orange">{`保留原文（${d.name}）：${d.reason}`}</Tag>,
            },
            ...(review.canAct
              ? [
                  {
                    title: '操作',
                    key: 'act',
                    width: 190,
                    render: (_: unknown, f: Finding) => (
                      <Space>
                        <Button size="small" loading={busy === f.key} disabled={f.decision?.action === 'mask'} onClick={() => void decide(f, 'mask')} aria-label={`采纳去标识化：${PII_LABELS[f.type]} ${f.masked}`}>
                          采纳
                        </Button>
                        <Button size="small" disabled={f.decision?.action === 'keep'} onClick={() => (form.resetFields(), setKeeping(f))} aria-label={`保留原文：${PII_LABELS[f.type]} ${f.masked}`}>
                          保留原文
                        </Button>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {review.files.length > 0 && (
        <>
          <h3 className="section-title">附件</h3>
          <ul className="plain-list">
            {review.files.map((f) => (
              <li key={f.id}>
                {f.fileName}：{f.toMask > 0 ? `${f.toMask} 处个人信息，` : ''}
                <Tag color={f.outcome === 'blocked' ? 'red' : f.outcome === 'masked_copy' ? 'green' : 'default'}>{OUTCOMES[f.outcome]}</Tag>
              </li>
            ))}
          </ul>
        </>
      )}
      {review.links.length > 0 && (
        <>
          <h3 className="section-title">链接（{review.links.length} 个）</h3>
          <Button size="small" loading={busy === 'links'} onClick={() => void checkLinks()}>
            检查链接能否访问
          </Button>
          {links && (
            <ul className="plain-list">
              {links.map((l) => (
                <li key={l.url}>
                  <Tag color={l.ok ? 'green' : l.ok === false ? 'red' : 'default'}>{l.ok ? '可访问' : l.ok === false ? '无法访问' : '未检查'}</Tag>
                  {l.url}
                  {l.reason && `（${l.reason}）`}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <Collapse
        style={{ marginTop: 12 }}
        items={[
          {
            key: 'original',
            label: '原文（标出个人信息）',
            children: review.pieces.map((p) => (
              <div key={p.where} className="review-piece">
                <h4>{p.where}</h4>
                <Highlighted text={p.text} marks={p.spans.map((s) => ({ start: s.start, end: s.end, label: PII_LABELS[s.type] ?? s.type, tone: 'pii' as const }))} />
                {p.truncated && <Typography.Text type="secondary">（内容较长，只显示前 3 万字；检查覆盖全文。）</Typography.Text>}
              </div>
            )),
          },
          {
            key: 'diff',
            label: '发布预览：原文与拟发布内容对照',
            children:
              review.diff.length === 0 ? (
                <Typography.Text type="secondary">拟发布内容与原文相同。</Typography.Text>
              ) : (
                <>
                  <p>
                    <span className="diff-del">删除</span> <span className="diff-add">替换为</span>
                  </p>
                  {review.diff.map((d) => (
                    <div key={d.label} className="diff-field">
                      <h4>{d.label}</h4>
                      <DiffText parts={d.parts} />
                    </div>
                  ))}
                </>
              ),
          },
        ]}
      />
      {done && (
        <Descriptions size="small" bordered column={1} style={{ marginTop: 12 }} title="发布时的去标识化记录">
          <Descriptions.Item label="发布时间">{new Date(done.at).toLocaleString('zh-CN')}</Descriptions.Item>
          <Descriptions.Item label="脱敏规则">{done.profile}</Descriptions.Item>
          <Descriptions.Item label="已去标识化">{done.masked.map((m) => `${PII_LABELS[m.type]} → ${m.as}（${m.occurrences} 处）`).join('；') || '无'}</Descriptions.Item>
          <Descriptions.Item label="保留原文">{done.kept.map((k) => `${PII_LABELS[k.type]}：${k.reason}`).join('；') || '无'}</Descriptions.Item>
          <Descriptions.Item label="附件副本">{done.files.map((f) => f.fileName).join('、') || '无'}</Descriptions.Item>
        </Descriptions>
      )}
      <Modal open={!!keeping} title="保留原文（不去标识化）" okText="保留原文" onCancel={() => setKeeping(null)} onOk={() => form.submit()} confirmLoading={!!busy} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v: { reason: string }) => keeping && void decide(keeping, 'keep', v.reason)}>
          <p>
            {keeping && `${PII_LABELS[keeping.type]}“${keeping.text}”将按原文发布。`}请写明理由，例如“系执法人员履职信息”“当事人书面同意公开”。
          </p>
          <Form.Item name="reason" label="理由" rules={[{ required: true, min: 4, message: '请写明理由（至少 4 个字）' }]}>
            <Input.TextArea rows={3} maxLength={300} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
