import { useCallback, useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Form, Input, Modal, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { api, applyProblem, call } from '../../../admin/api/client';
import type { paths } from '../../../admin/api/schema';
import { useSession } from '../../../admin/session';
import { fileToBase64, saveBlob } from '../../../admin/files';
import { Highlighted, PII_LABELS, type Mark } from './Highlighted';

type Result = paths['/api/v1/review/check']['post']['responses'][200]['content']['application/json'];
type Entry = paths['/api/v1/orgs/{orgId}/wording']['get']['responses'][200]['content']['application/json']['items'][number];

const PROFILE_OPTIONS = [
  { value: 'default', label: '通用（答复、留言回复等）' },
  { value: 'penalty_decision_v1', label: '行政处罚决定书' },
];
const KIND_LABELS: Record<string, string> = { serious: '严重错误', outdated: '过时表述', typo: '错别字', banned: '禁用词', classified: '密级标志', internal: '内部标识' };

/** 公开审查: check a text before publication, and keep the organisation's 错敏词 dictionary. */
export function ReviewPage() {
  const { can } = useSession();
  return (
    <>
      <div className="page-header">
        <h1>公开审查</h1>
      </div>
      <Tabs
        items={[
          { key: 'check', label: '审查工具', children: <Checker /> },
          { key: 'attachment', label: '附件检查', children: <AttachmentChecker /> },
          { key: 'links', label: '链接检查', children: <LinkChecker /> },
          { key: 'dictionary', label: can('review.dictionary') ? '错敏词库' : '错敏词库（只读）', children: <Dictionary editable={can('review.dictionary')} /> },
        ]}
      />
    </>
  );
}

function Checker() {
  const [text, setText] = useState('');
  const [profile, setProfile] = useState<'default' | 'penalty_decision_v1'>('default');
  const [result, setResult] = useState<{ text: string; r: Result } | null>(null);
  const [error, setError] = useState('');
  const run = async () => {
    setError('');
    try {
      setResult({ text, r: await call(api.POST('/api/v1/review/check', { body: { text, profile } })) });
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const marks: Mark[] = result
    ? [
        ...result.r.spans.map((s) => ({ start: s.start, end: s.end, label: PII_LABELS[s.type] ?? s.type, tone: 'pii' as const })),
        ...result.r.findings.map((f) => ({ start: f.start, end: f.end, label: `${KIND_LABELS[f.kind] ?? f.kind}${f.suggestion ? `，建议：${f.suggestion}` : ''}`, tone: f.category })),
      ]
    : [];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Form layout="vertical">
          <Form.Item label="待检查的文本" htmlFor="review-text">
            <Input.TextArea id="review-text" rows={8} value={text} onChange={(e) => setText(e.target.value)} maxLength={200000} placeholder="粘贴拟公开的正文、答复书或处罚决定书……" />
          </Form.Item>
          <Space wrap>
            <span id="profile-label">脱敏规则</span>
            <Select aria-labelledby="profile-label" value={profile} onChange={setProfile} style={{ width: 300 }} options={PROFILE_OPTIONS} />
            <Button type="primary" onClick={run} disabled={!text.trim()}>
              检查
            </Button>
          </Space>
        </Form>
      </Card>
      {error && <Alert type="error" showIcon title={error} role="alert" />}
      {result && (
        <>
          {result.r.blocking ? (
            <Alert type="error" showIcon role="alert" title="发现密级或内部资料标识：涉密不上网，此文本不得公开，除非经有权审核人确认并说明理由。" />
          ) : (
            <Alert type="success" showIcon role="status" title={`未发现保密标识。个人信息 ${result.r.spans.length} 处，错敏词 ${result.r.findings.length} 处。`} />
          )}
          <Card title="标注结果">
            <Highlighted text={result.text} marks={marks} />
          </Card>
          <Card title={`脱敏后文本（${result.r.profile.label}）`} extra={<Typography.Text type="secondary">{result.r.profile.note}</Typography.Text>}>
            <div className="review-text" data-testid="masked-text">{result.r.masked}</div>
          </Card>
          <Card title="问题清单">
            <Table
              size="small"
              rowKey={(r) => `${r.start}-${r.kind}`}
              pagination={false}
              dataSource={[
                ...result.r.findings.map((f) => ({ start: f.start, kind: KIND_LABELS[f.kind] ?? f.kind, text: f.text, suggestion: f.suggestion, note: f.note, blocking: f.blocking })),
                ...result.r.spans.map((s) => ({ start: s.start, kind: `个人信息：${PII_LABELS[s.type]}`, text: s.text, suggestion: '按脱敏规则处理', note: '', blocking: false })),
              ].sort((a, b) => a.start - b.start)}
              columns={[
                { title: '类别', dataIndex: 'kind', width: 160, render: (v: string, r) => (r.blocking ? <Tag color="red">{v}</Tag> : v) },
                { title: '原文', dataIndex: 'text' },
                { title: '建议', dataIndex: 'suggestion' },
                { title: '说明', dataIndex: 'note' },
              ]}
            />
          </Card>
        </>
      )}
    </Space>
  );
}

type AttachmentResult = paths['/api/v1/review/attachment']['post']['responses'][200]['content']['application/json'];

/** Checks a DOCX, XLSX or PDF attachment page by page; a Word file can be masked into a clean copy. */
function AttachmentChecker() {
  const [file, setFile] = useState<File | null>(null);
  const [profile, setProfile] = useState<'default' | 'penalty_decision_v1'>('default');
  const [result, setResult] = useState<AttachmentResult | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const body = async () => ({ fileName: file!.name, contentBase64: await fileToBase64(file!), profile });
  const run = async () => {
    setError('');
    setBusy(true);
    try {
      setResult(await call(api.POST('/api/v1/review/attachment', { body: await body() })));
    } catch (e) {
      setError(applyProblem(undefined, e));
    } finally {
      setBusy(false);
    }
  };
  const mask = async () => {
    const r = await api.POST('/api/v1/review/attachment/masked', { body: await body(), parseAs: 'blob' });
    if (!r.response.ok) return setError('生成脱敏副本失败。');
    saveBlob(r.data as Blob, `脱敏-${file!.name}`);
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space wrap>
          <label htmlFor="attachment-file">附件（Word、Excel 或 PDF，不超过 10 MB）</label>
          <input id="attachment-file" type="file" accept=".docx,.xlsx,.pdf" onChange={(e) => { setFile(e.target.files?.[0] ?? null); setResult(null); }} />
          <span id="att-profile-label">脱敏规则</span>
          <Select aria-labelledby="att-profile-label" value={profile} onChange={setProfile} style={{ width: 260 }} options={PROFILE_OPTIONS} />
          <Button type="primary" onClick={run} disabled={!file} loading={busy}>
            检查附件
          </Button>
        </Space>
      </Card>
      {error && <Alert type="error" showIcon title={error} role="alert" />}
      {result && (
        <>
          {result.blocking ? (
            <Alert type="error" showIcon role="alert" title={`不得公开：${result.reasons.join('；')}。`} />
          ) : (
            <Alert type="success" showIcon role="status" title={`未发现保密标识。个人信息 ${result.piiCount} 处。`} />
          )}
          {result.maskable && (
            <Button onClick={mask}>下载去除个人信息的 Word 副本</Button>
          )}
          {result.parts.map((p) => (
            <Card key={p.where} title={`${p.where}（个人信息 ${p.spans.length} 处，错敏词和标识 ${p.findings.length} 处）`} size="small">
              <Highlighted
                text={p.text}
                marks={[
                  ...p.spans.map((s) => ({ start: s.start, end: s.end, label: PII_LABELS[s.type] ?? s.type, tone: 'pii' as const })),
                  ...p.findings.map((f) => ({ start: f.start, end: f.end, label: KIND_LABELS[f.kind] ?? f.kind, tone: f.category })),
                ]}
              />
            </Card>
          ))}
        </>
      )}
    </Space>
  );
}

type LinkItem = paths['/api/v1/review/links']['post']['responses'][200]['content']['application/json']['items'][number];

/** Checks whether the links in a text still answer. */
function LinkChecker() {
  const [text, setText] = useState('');
  const [items, setItems] = useState<LinkItem[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const run = async () => {
    setBusy(true);
    setError('');
    try {
      setItems((await call(api.POST('/api/v1/review/links', { body: { text } }))).items);
    } catch (e) {
      setError(applyProblem(undefined, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Form layout="vertical">
          <Form.Item label="含链接的文本" htmlFor="links-text" extra="只检查 http 和 https 链接，每次最多 50 个；内网地址不予检查。">
            <Input.TextArea id="links-text" rows={6} value={text} onChange={(e) => setText(e.target.value)} />
          </Form.Item>
          <Button type="primary" onClick={run} disabled={!text.trim()} loading={busy}>
            检查链接
          </Button>
        </Form>
      </Card>
      {error && <Alert type="error" showIcon title={error} role="alert" />}
      {items && (
        <Table<LinkItem>
          size="small"
          rowKey="url"
          pagination={false}
          dataSource={items}
          locale={{ emptyText: '文本中没有 http 或 https 链接。' }}
          columns={[
            { title: '链接', dataIndex: 'url' },
            { title: '结果', dataIndex: 'ok', width: 120, render: (ok: boolean | null) => (ok === null ? <Tag>未检查</Tag> : ok ? <Tag color="green">可以访问</Tag> : <Tag color="red">无法访问</Tag>) },
            { title: '说明', dataIndex: 'reason' },
          ]}
        />
      )}
    </Space>
  );
}

function Dictionary({ editable }: { editable: boolean }) {
  const { session } = useSession();
  const { message } = AntApp.useApp();
  const orgId = session!.currentOrgId!;
  const [items, setItems] = useState<Entry[]>([]);
  const [editing, setEditing] = useState<Partial<Entry> | null>(null);
  const [form] = Form.useForm();
  const [error, setError] = useState('');
  const load = useCallback(async () => setItems((await call(api.GET('/api/v1/orgs/{orgId}/wording', { params: { path: { orgId } } }))).items), [orgId]);
  useEffect(() => void load().catch((e) => message.error(e.message)), [load, message]);
  const save = async (v: { term: string; kind: 'serious' | 'outdated' | 'typo' | 'banned'; suggestion?: string; note?: string; active?: boolean }) => {
    setError('');
    try {
      if (editing?.id) await call(api.PATCH('/api/v1/orgs/{orgId}/wording/{id}', { params: { path: { orgId, id: editing.id } }, body: v }));
      else await call(api.POST('/api/v1/orgs/{orgId}/wording', { params: { path: { orgId } }, body: { term: v.term, kind: v.kind, suggestion: v.suggestion ?? '', note: v.note ?? '' } }));
      setEditing(null);
      message.success('已保存');
      await load();
    } catch (e) {
      setError(applyProblem(form, e));
    }
  };
  return (
    <Card
      title="本机构错敏词"
      extra={
        editable && (
          <Button type="primary" onClick={() => { form.resetFields(); setEditing({}); }}>
            新增词条
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">
        检查时使用：国家默认词库（2018年机构改革后的机构名称、常见错别字等）+ 上级机构词库 + 本机构词库。本机构词条对下级机构同样生效。
      </Typography.Paragraph>
      <Table<Entry>
        rowKey="id"
        size="small"
        dataSource={items}
        pagination={{ pageSize: 50 }}
        columns={[
          { title: '词条', dataIndex: 'term' },
          { title: '类别', dataIndex: 'kind', width: 100, render: (k: string) => KIND_LABELS[k] ?? k },
          { title: '建议改为', dataIndex: 'suggestion' },
          { title: '说明', dataIndex: 'note' },
          { title: '状态', dataIndex: 'active', width: 80, render: (a: boolean) => (a ? '启用' : '停用') },
          ...(editable ? [{ title: '操作', key: 'ops', width: 80, render: (_: unknown, e: Entry) => <Button size="small" onClick={() => { form.setFieldsValue(e); setEditing(e); }}>编辑</Button> }] : []),
        ]}
      />
      <Modal open={!!editing} title={editing?.id ? '编辑词条' : '新增词条'} onCancel={() => setEditing(null)} onOk={() => form.submit()} okText="保存" destroyOnHidden forceRender>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form form={form} layout="vertical" onFinish={save} initialValues={{ kind: 'outdated', active: true }}>
          <Form.Item label="词条" name="term" rules={[{ required: true, message: '请填写词条' }]}>
            <Input />
          </Form.Item>
          <Form.Item label="类别" name="kind">
            <Select options={['serious', 'outdated', 'typo', 'banned'].map((k) => ({ value: k, label: KIND_LABELS[k] }))} />
          </Form.Item>
          <Form.Item label="建议改为" name="suggestion">
            <Input />
          </Form.Item>
          <Form.Item label="说明" name="note">
            <Input />
          </Form.Item>
          {editing?.id && (
            <Form.Item label="启用" name="active" valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
