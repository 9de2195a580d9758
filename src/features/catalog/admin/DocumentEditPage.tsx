import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Checkbox, Col, Descriptions, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Switch, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, applyProblem, call } from '../../../admin/api/client';
import type { paths } from '../../../admin/api/schema';
import { useSession } from '../../../admin/session';
import { fileToBase64 } from '../../../admin/files';
import { opts } from '../../../admin/options';
import { CONTENT_TYPES, DISCLOSURE_ATTRIBUTES, FIVE_OPEN, GENRES, INTERPRETATION_FORMS, TOPIC_LABELS, TOPICS, topicCode, VALIDITY } from '../catalog.data';
import { Flags } from './CatalogPage';
import { DiffText, ReviewPanel, type Review } from './ReviewPanel';

type Doc = paths['/api/v1/catalog/documents/{id}']['get']['responses'][200]['content']['application/json'];
type Content = Doc['content'];
type Diff = paths['/api/v1/catalog/documents/{id}/compare']['get']['responses'][200]['content']['application/json'];
type Policy = paths['/api/v1/catalog/policies']['get']['responses'][200]['content']['application/json']['items'][number];
type DocAction = NonNullable<paths['/api/v1/catalog/documents/{id}/actions']['post']['requestBody']>['content']['application/json']['action'];
type Node = paths['/api/v1/catalog/nodes/{orgId}']['get']['responses'][200]['content']['application/json']['items'][number];

const DOC_CLASSES = { NORMATIVE: '行政规范性文件', REGULATION: '规章', OTHER: '其他文件' };
const TOPIC_OPTIONS = TOPICS.map((t, i) => ({ label: t.name, options: (t.children.length ? t.children.map((_, j) => topicCode(i, j)) : [topicCode(i)]).map((c) => ({ value: c, label: TOPIC_LABELS[c] })) }));

/**
 * Rich text for the body: headings, paragraphs, emphasis, lists, links, pasted tables. What is
 * pasted from Word keeps its structure; the server sanitises every save (catalog.html.ts).
 */
function RichText({ value, onChange, id, disabled }: { value?: string; onChange?: (v: string) => void; id: string; disabled?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.innerHTML !== (value ?? '')) ref.current.innerHTML = value ?? '';
  }, [value]);
  const exec = (cmd: string, arg?: string) => {
    ref.current?.focus();
    document.execCommand(cmd, false, arg);
    onChange?.(ref.current?.innerHTML ?? '');
  };
  const tools: [string, string, () => void][] = [
    ['标题', '二级标题', () => exec('formatBlock', 'h2')],
    ['小标题', '三级标题', () => exec('formatBlock', 'h3')],
    ['正文', '普通段落', () => exec('formatBlock', 'p')],
    ['加粗', '加粗', () => exec('bold')],
    ['项目列表', '项目符号列表', () => exec('insertUnorderedList')],
    ['编号列表', '编号列表', () => exec('insertOrderedList')],
    [
      '链接',
      '插入链接',
      () => {
        const url = window.prompt('链接地址（http:// 或 https:// 开头）');
        if (url && /^https?:\/\//.test(url)) exec('createLink', url);
      },
    ],
    ['清除格式', '清除格式', () => exec('removeFormat')],
  ];
  return (
    <div className="rich-text">
      {!disabled && (
        <div role="toolbar" aria-label="正文格式" className="rich-toolbar">
          {tools.map(([label, title, fn]) => (
            <Button key={label} size="small" title={title} onMouseDown={(e) => e.preventDefault()} onClick={fn}>
              {label}
            </Button>
          ))}
        </div>
      )}
      <div
        id={id}
        ref={ref}
        className="rich-body doc-body"
        role="textbox"
        aria-multiline="true"
        aria-label="正文"
        contentEditable={!disabled}
        suppressContentEditableWarning
        onInput={() => onChange?.(ref.current?.innerHTML ?? '')}
        onBlur={() => onChange?.(ref.current?.innerHTML ?? '')}
      />
    </div>
  );
}

const EMPTY: Partial<Content> = { disclosureAttribute: 'PROACTIVE', docClass: 'OTHER', keywords: [], jointPublishers: [], attachmentIds: [], bodyHtml: '' };

/** Drafting, reviewing and publishing one catalogue item; its editions, revisions and history. */
export function DocumentEditPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const isNew = !id || id === 'new';
  const nav = useNavigate();
  const { session, can } = useSession();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const [doc, setDoc] = useState<Doc | null>(null);
  const [policies, setPolicies] = useState<Policy[]>([]);
  const [nodes, setNodes] = useState<Node[]>([]);
  const [saving, setSaving] = useState(false);
  const [action, setAction] = useState<string | null>(null);
  const [diff, setDiff] = useState<Diff | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [review, setReview] = useState<Review | null>(null);
  const kind = doc?.kind ?? (params.get('kind') === 'INTERPRETATION' ? 'INTERPRETATION' : 'DOCUMENT');
  const editable = isNew || !!doc?.mayEdit;
  const orgId = doc?.orgId ?? session?.currentOrgId ?? '';

  const load = useCallback(async () => {
    if (isNew) {
      form.setFieldsValue({ ...EMPTY, ...(kind === 'INTERPRETATION' ? { interpretation: { form: 'TEXT', policyId: null, conference: null, chart: null } } : {}) });
      return;
    }
    const d = await call(api.GET('/api/v1/catalog/documents/{id}', { params: { path: { id: id! } } }));
    setDoc(d);
    form.resetFields();
    form.setFieldsValue({ ...d.content, changeNote: d.edition.changeNote, override: !!d.content.validityOverride });
  }, [id, isNew, kind, form]);
  useEffect(() => void load().catch((e) => message.error((e as Error).message)), [load, message]);
  // 公开审查: once submitted, for those who write or review the organisation's items.
  const mayReview = can('catalog.review') || can('catalog.edit');
  useEffect(() => {
    if (!doc || doc.status === 'draft' || !mayReview) return setReview(null);
    call(api.GET('/api/v1/catalog/documents/{id}/review', { params: { path: { id: doc.id } } })).then(setReview, () => setReview(null));
  }, [doc, mayReview]);
  useEffect(() => {
    if (!orgId) return;
    call(api.GET('/api/v1/catalog/nodes/{orgId}', { params: { path: { orgId } } })).then((r) => setNodes(r.items), () => {});
    if (kind === 'INTERPRETATION') call(api.GET('/api/v1/catalog/policies', { params: { query: { orgId } } })).then((r) => setPolicies(r.items), () => {});
  }, [orgId, kind]);

  const contentOf = (v: Record<string, unknown>): Content => {
    const { changeNote: _c, override, ...rest } = v;
    const c = { ...EMPTY, ...(doc?.content ?? {}), ...rest } as Content;
    if (!override) c.validityOverride = null;
    return c;
  };
  const save = async () => {
    const v = form.getFieldsValue(true);
    setSaving(true);
    try {
      if (isNew) {
        const d = await call(api.POST('/api/v1/catalog/documents', { body: { kind, content: contentOf(v) } }));
        message.success('已保存草稿');
        nav(`/catalog/${d.id}`, { replace: true });
      } else {
        const d = await call(api.PUT('/api/v1/catalog/documents/{id}', { params: { path: { id: id! } }, body: { baseRevisionId: doc!.revisionId, content: contentOf(v), changeNote: doc!.edition.number > 1 ? v.changeNote ?? '' : undefined } }));
        setDoc(d);
        message.success('已保存');
      }
    } catch (e) {
      message.error(applyProblem(form, e));
    } finally {
      setSaving(false);
    }
  };
  const upload = async (file: File) => {
    if (!doc) return message.warning('请先保存草稿，再上传附件');
    try {
      const f = await call(api.POST('/api/v1/catalog/documents/{id}/files', { params: { path: { id: doc.id } }, body: { fileName: file.name, contentBase64: await fileToBase64(file) } }));
      const ids = [...(form.getFieldValue('attachmentIds') ?? []), f.id];
      form.setFieldValue('attachmentIds', ids);
      await save();
      await load();
    } catch (e) {
      message.error(applyProblem(undefined, e));
    }
  };
  const compare = async () => {
    const [a, b] = [...picked].sort((x, y) => (doc!.revisions.find((r) => r.id === x)!.number - doc!.revisions.find((r) => r.id === y)!.number));
    setDiff(await call(api.GET('/api/v1/catalog/documents/{id}/compare', { params: { path: { id: doc!.id }, query: { from: a, to: b } } })));
  };
  const watch = Form.useWatch([], form) as (Content & { override?: boolean }) | undefined;
  const files = doc?.files ?? [];
  const attached = new Set<string>(watch?.attachmentIds ?? []);

  return (
    <>
      <div className="page-header">
        <h1>{isNew ? (kind === 'INTERPRETATION' ? '起草政策解读' : '起草文件') : doc?.content.title || '（未命名）'}</h1>
        <Space className="no-print">
          <Link to="/catalog">返回列表</Link>
          {doc?.publicUrl && (
            <a href={doc.publicUrl} target="_blank" rel="noopener">
              在网站查看
            </a>
          )}
          <Button onClick={() => window.print()}>打印</Button>
        </Space>
      </div>
      {doc && (
        <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
          <Descriptions.Item label="状态">
            <Tag>{doc.statusLabel}</Tag> 第 {doc.edition.number} 版
          </Descriptions.Item>
          <Descriptions.Item label="索引号">{doc.indexNo ?? '首次发布时生成'}</Descriptions.Item>
          <Descriptions.Item label="机构">{doc.orgName}</Descriptions.Item>
          <Descriptions.Item label="时效">
            <Flags r={{ ...doc.flags, publishedAt: doc.edition.publishedAt, status: doc.status }} />
          </Descriptions.Item>
          {doc.edition.scheduledAt && <Descriptions.Item label="定时发布">{new Date(doc.edition.scheduledAt).toLocaleString('zh-CN')}</Descriptions.Item>}
          {doc.withdrawalReason && <Descriptions.Item label="撤回理由">{doc.withdrawalReason}</Descriptions.Item>}
        </Descriptions>
      )}
      {doc && (
        <Card size="small" title="办理" className="no-print" style={{ marginBottom: 12 }}>
          <Space wrap>
            {doc.actions
              .filter((a) => a.allowed || a.reason !== '您没有此操作的权限')
              .map((a) => (
                <Tooltip key={a.action} title={a.reason ?? undefined}>
                  <Button type={['submit', 'approve', 'publish'].includes(a.action) ? 'primary' : 'default'} danger={a.action === 'withdraw'} disabled={!a.allowed} onClick={() => setAction(a.action)}>
                    {a.label}
                  </Button>
                </Tooltip>
              ))}
          </Space>
          {doc.findings.length > 0 && (
            <Alert
              style={{ marginTop: 12 }}
              type={doc.findings.some((f) => f.blocking) ? 'error' : 'warning'}
              showIcon
              title="审核检查结果"
              description={
                <ul className="plain-list">
                  {doc.findings.map((f, i) => (
                    <li key={i}>
                      <Tag color={f.blocking ? 'red' : 'orange'}>{f.check}</Tag>
                      {f.message}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
        </Card>
      )}
      {doc && review && <ReviewPanel docId={doc.id} review={review} onChange={setReview} />}
      {doc && !editable && doc.status !== 'draft' && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={doc.status === 'published' ? '已发布的信息不能直接修改：点击“修订”生成新版本，审核发布后替换网站上的内容，并公开修订说明。' : '当前状态下内容不能修改。'} />}
      <Form form={form} layout="vertical" disabled={!editable} onFinish={save}>
        <Row gutter={16}>
          <Col xs={24} lg={16}>
            <Form.Item name="title" label="名称" required>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="summary" label="内容概述" required extra="条例第十二条：目录须包含内容概述。">
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
            <Form.Item name="bodyHtml" label="正文" extra="可直接从 Word 粘贴，保存时自动清理格式，保留标题、段落、列表、表格和链接。">
              <RichText id="body-editor" disabled={!editable} />
            </Form.Item>
            {kind === 'INTERPRETATION' && (
              <Card size="small" title="解读" style={{ marginBottom: 16 }}>
                <Space wrap>
                  <Form.Item name={['interpretation', 'form']} label="解读形式" required>
                    <Select style={{ width: 160 }} options={opts(INTERPRETATION_FORMS)} />
                  </Form.Item>
                  <Form.Item name={['interpretation', 'policyId']} label="解读的政策文件" required>
                    <Select style={{ width: 420 }} showSearch optionFilterProp="label" options={policies.map((p) => ({ value: p.id, label: `${p.title}${p.docNumber ? `（${p.docNumber}）` : ''}` }))} />
                  </Form.Item>
                </Space>
                {['PRESS_CONFERENCE', 'BRIEFING'].includes(watch?.interpretation?.form ?? '') && (
                  <>
                    <Space wrap>
                      <Form.Item name={['interpretation', 'conference', 'date']} label="举行日期" required>
                        <Input type="date" />
                      </Form.Item>
                      <Form.Item name={['interpretation', 'conference', 'speakers']} label="发布人" required>
                        <Input style={{ width: 320 }} />
                      </Form.Item>
                      <Form.Item name={['interpretation', 'conference', 'media']} label="出席媒体">
                        <Input style={{ width: 320 }} />
                      </Form.Item>
                    </Space>
                    <Form.Item name={['interpretation', 'conference', 'transcript']} label="文字实录">
                      <Input.TextArea rows={6} />
                    </Form.Item>
                  </>
                )}
                {watch?.interpretation?.form === 'DATA' && (
                  <>
                    <Space wrap>
                      <Form.Item name={['interpretation', 'chart', 'title']} label="图表标题">
                        <Input style={{ width: 300 }} />
                      </Form.Item>
                      <Form.Item name={['interpretation', 'chart', 'unit']} label="单位">
                        <Input style={{ width: 120 }} />
                      </Form.Item>
                    </Space>
                    <Form.List name={['interpretation', 'chart', 'rows']}>
                      {(fields, { add, remove }) => (
                        <>
                          {fields.map((f) => (
                            <Space key={f.key} align="baseline">
                              <Form.Item name={[f.name, 'label']} label="项目">
                                <Input />
                              </Form.Item>
                              <Form.Item name={[f.name, 'value']} label="数值">
                                <InputNumber />
                              </Form.Item>
                              <Button onClick={() => remove(f.name)}>删除</Button>
                            </Space>
                          ))}
                          <Button onClick={() => add({ label: '', value: 0 })}>添加一项数据</Button>
                        </>
                      )}
                    </Form.List>
                  </>
                )}
              </Card>
            )}
            <Card size="small" title="附件" style={{ marginBottom: 16 }}>
              <Form.Item name="attachmentIds" hidden>
                <Select mode="multiple" />
              </Form.Item>
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={files}
                locale={{ emptyText: '暂无附件' }}
                columns={[
                  { title: '文件', dataIndex: 'fileName', render: (v, f) => <a href={`/api/v1/catalog/documents/${doc!.id}/files/${f.id}`}>{v}</a> },
                  { title: '大小', dataIndex: 'size', width: 90, render: (n: number) => `${Math.max(1, Math.round(n / 1024))} KB` },
                  {
                    title: '随本版发布',
                    key: 'in',
                    width: 110,
                    render: (_, f) => <Checkbox checked={attached.has(f.id)} aria-label={`随本版发布：${f.fileName}`} onChange={(e) => form.setFieldValue('attachmentIds', e.target.checked ? [...attached, f.id] : [...attached].filter((x) => x !== f.id))} />,
                  },
                ]}
              />
              {editable && (
                <Upload accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png" showUploadList={false} beforeUpload={(f) => (void upload(f), false)}>
                  <Button style={{ marginTop: 8 }} disabled={!doc}>
                    {doc ? '上传附件（PDF、Word、Excel、图片，20 MB 以内）' : '保存草稿后可上传附件'}
                  </Button>
                </Upload>
              )}
            </Card>
            {doc && doc.edition.number > 1 && (
              <Form.Item name="changeNote" label="修订说明（在网页上公开，注明修改了什么）" required>
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            )}
          </Col>
          <Col xs={24} lg={8}>
            <Form.Item name="disclosureAttribute" label="公开属性" required extra="起草时必须确定（实施细则）。只有主动公开的信息在网站发布。">
              <Radio.Group options={opts(DISCLOSURE_ATTRIBUTES)} />
            </Form.Item>
            {watch?.disclosureAttribute === 'NOT_DISCLOSED' && (
              <Form.Item name="withholdReason" label="不予公开的法律依据和理由" required>
                <Input.TextArea rows={2} />
              </Form.Item>
            )}
            <Form.Item name="catalogNodeId" label="公开目录" required>
              <Select allowClear options={nodes.map((n) => ({ value: n.id, label: n.name }))} notFoundContent="请先在“目录与指南设置”中建立公开目录" />
            </Form.Item>
            <Form.Item name="topic" label="主题分类" required>
              <Select showSearch optionFilterProp="label" options={TOPIC_OPTIONS} />
            </Form.Item>
            <Form.Item name="fiveOpen" label="五公开" required>
              <Select allowClear options={opts(FIVE_OPEN)} />
            </Form.Item>
            {kind === 'DOCUMENT' && (
              <>
                <Space wrap>
                  <Form.Item name="genre" label="公文种类">
                    <Select allowClear style={{ width: 130 }} options={GENRES.map((g) => ({ value: g, label: g }))} />
                  </Form.Item>
                  <Form.Item name="contentType" label="或内容类型（非公文）">
                    <Select allowClear style={{ width: 150 }} options={opts(CONTENT_TYPES).filter((o) => o.value !== 'INTERPRETATION')} />
                  </Form.Item>
                </Space>
                <Form.Item name="docNumber" label="发文字号" extra="如：浙烟专〔2026〕8号（年份用六角括号〔〕，序号不加“第”、不编虚位）">
                  <Input />
                </Form.Item>
                <Form.Item name="docClass" label="文件类别">
                  <Select options={opts(DOC_CLASSES)} />
                </Form.Item>
              </>
            )}
            <Form.Item name="publisher" label="发布机构" extra="默认为本机构">
              <Input />
            </Form.Item>
            <Form.Item name="jointPublishers" label="联合发文单位">
              <Select mode="tags" tokenSeparators={['，', ',', '、']} />
            </Form.Item>
            <Space wrap>
              {kind === 'DOCUMENT' && (
                <Form.Item name="writtenDate" label="成文日期">
                  <Input type="date" />
                </Form.Item>
              )}
              <Form.Item name="generatedDate" label="生成日期" required>
                <Input type="date" />
              </Form.Item>
              <Form.Item name="formedOn" label="信息形成或变更日期" extra="条例第二十六条：自此日起 20 个工作日内公开">
                <Input type="date" />
              </Form.Item>
            </Space>
            {kind === 'DOCUMENT' && (
              <>
                <Space wrap>
                  <Form.Item name="effectiveDate" label="实施日期">
                    <Input type="date" />
                  </Form.Item>
                  <Form.Item name="expiryDate" label="有效期至">
                    <Input type="date" />
                  </Form.Item>
                  <Form.Item name="repealDate" label="废止日期">
                    <Input type="date" />
                  </Form.Item>
                </Space>
                <Form.Item name="override" valuePropName="checked">
                  <Checkbox>手工设定有效性（如部分失效、已修改）</Checkbox>
                </Form.Item>
                {watch?.override && (
                  <Space wrap>
                    <Form.Item name={['validityOverride', 'validity']} label="有效性">
                      <Select style={{ width: 130 }} options={opts(VALIDITY)} />
                    </Form.Item>
                    <Form.Item name={['validityOverride', 'reason']} label="理由">
                      <Input style={{ width: 260 }} />
                    </Form.Item>
                  </Space>
                )}
                <Form.Item name="isPolicy" label="政策文件（需要解读）" valuePropName="checked">
                  <Switch />
                </Form.Item>
                {watch?.isPolicy && (
                  <Form.Item name="interpretationPlan" label="解读方案（三同步：与政策同步报审）" required>
                    <Input.TextArea rows={3} />
                  </Form.Item>
                )}
              </>
            )}
            <Form.Item name="keywords" label="关键词">
              <Select mode="tags" tokenSeparators={['，', ',', '、', ' ']} />
            </Form.Item>
            <Form.Item name="source" label="文件来源">
              <Input />
            </Form.Item>
          </Col>
        </Row>
        {editable && (
          <Button type="primary" htmlType="submit" loading={saving} className="no-print">
            保存草稿
          </Button>
        )}
      </Form>
      {doc && (
        <Row gutter={16} style={{ marginTop: 16 }}>
          <Col xs={24} lg={12}>
            <Card size="small" title="办理记录">
              <Table
                rowKey={(r) => `${r.at}-${r.action}`}
                size="small"
                pagination={false}
                dataSource={doc.history}
                columns={[
                  { title: '时间', dataIndex: 'at', width: 150, render: (v: string) => new Date(v).toLocaleString('zh-CN') },
                  { title: '操作', dataIndex: 'label', width: 100 },
                  { title: '人员', dataIndex: 'actorName', width: 90 },
                  { title: '意见', dataIndex: 'comment' },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title="修订版本" extra={<Button size="small" disabled={picked.length !== 2} onClick={() => void compare()}>比较所选两个版本</Button>}>
              <Table
                rowKey="id"
                size="small"
                pagination={{ pageSize: 10 }}
                rowSelection={{ selectedRowKeys: picked, onChange: (k) => setPicked((k as string[]).slice(-2)), hideSelectAll: true }}
                dataSource={doc.revisions}
                columns={[
                  { title: '修订', dataIndex: 'number', width: 60, render: (n: number, r) => `#${n}（第 ${r.edition} 版）` },
                  { title: '保存人', dataIndex: 'createdByName', width: 100 },
                  { title: '时间', dataIndex: 'createdAt', render: (v: string) => new Date(v).toLocaleString('zh-CN') },
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}
      {action && doc && <ActionModal doc={doc} review={review} action={action} onClose={() => setAction(null)} onDone={(d) => (setAction(null), setDoc(d), form.setFieldsValue({ ...d.content, changeNote: d.edition.changeNote }))} />}
      <Modal open={!!diff} title="版本比较" width={900} footer={null} onCancel={() => setDiff(null)} destroyOnHidden>
        {diff && (
          <>
            <p>
              从修订 #{diff.from.number}（{diff.from.by}，{new Date(diff.from.createdAt).toLocaleString('zh-CN')}）到 #{diff.to.number}（{diff.to.by}，{new Date(diff.to.createdAt).toLocaleString('zh-CN')}）。
              <span className="diff-add">新增</span> <span className="diff-del">删除</span>
            </p>
            {diff.fields.length === 0 && <Typography.Text type="secondary">两个版本内容相同。</Typography.Text>}
            {diff.fields.map((f) => (
              <div key={f.key} className="diff-field">
                <h3>{f.label}</h3>
                <DiffText parts={f.parts} />
              </div>
            ))}
          </>
        )}
      </Modal>
    </>
  );
}

function ActionModal({ doc, review, action, onClose, onDone }: { doc: Doc; review: Review | null; action: string; onClose: () => void; onDone: (d: Doc) => void }) {
  const [form] = Form.useForm();
  const timing = Form.useWatch('timing', form) as 'now' | 'at' | 'hold' | undefined;
  const lastStep = action === 'approve' && !!review?.isLastStep;
  const step = review?.chain.steps[review.step];
  const secrecyBlocked = action === 'approve' && !!step?.secrecy && !review?.override && !!review?.gate.some((g) => g.blocking);
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const label = doc.actions.find((a) => a.action === action)?.label ?? action;
  const submit = async (v: { comment?: string; at?: string; reason?: string; timing?: 'now' | 'at' | 'hold'; override?: string }) => {
    setBusy(true);
    try {
      const body = { action: action as DocAction, comment: v.comment, reason: v.reason, at: v.at ? new Date(v.at).toISOString() : undefined, timing: lastStep ? v.timing : undefined, override: v.override || undefined };
      onDone(await call(api.POST('/api/v1/catalog/documents/{id}/actions', { params: { path: { id: doc.id } }, body })));
      message.success(`已${label}`);
    } catch (e) {
      message.error(applyProblem(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={label} onCancel={onClose} okText={label} confirmLoading={busy} onOk={() => form.submit()} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ timing: 'now' }}>
        {action === 'approve' && step && <p>当前环节：{step.name}{lastStep ? '（最后一个环节）' : `，通过后转“${review!.chain.steps[review!.step + 1].name}”`}。</p>}
        {lastStep && (
          <Form.Item name="timing" label="公开时机">
            <Radio.Group
              options={[
                { value: 'now', label: '立即发布' },
                { value: 'at', label: '定时发布' },
                { value: 'hold', label: '暂不发布（由发布员择时发布）' },
              ]}
            />
          </Form.Item>
        )}
        {lastStep && timing === 'at' && (
          <Form.Item name="at" label="发布时间" rules={[{ required: true, message: '请选择发布时间' }]} extra="到时由系统自动发布；平台重启不影响。">
            <Input type="datetime-local" />
          </Form.Item>
        )}
        {secrecyBlocked && (
          <Form.Item name="override" label="放行保密审查问题的理由" extra="内容含密级标识或内部资料等标识。确属不涉密、可以公开的，由保密审查环节写明理由后放行；理由记入审计。">
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        )}
        {action === 'schedule' && (
          <Form.Item name="at" label="发布时间" rules={[{ required: true, message: '请选择发布时间' }]} extra="到时由系统自动发布；平台重启不影响。">
            <Input type="datetime-local" />
          </Form.Item>
        )}
        {action === 'withdraw' && (
          <Form.Item name="reason" label="撤回理由（将在原网址公开）" rules={[{ required: true, message: '请填写撤回理由' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
        {['approve', 'return', 'submit', 'revise'].includes(action) && (
          <Form.Item name="comment" label={action === 'return' ? '退回意见' : '意见（可选）'} rules={action === 'return' ? [{ required: true, message: '请填写退回意见' }] : []}>
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
        {action === 'publish' && <p>发布后信息立即出现在网站上，首次发布时生成索引号。</p>}
        {action === 'revise' && <p>将生成第 {doc.edition.number + 1} 版草稿；网站继续显示当前版本，直到新版本审核发布。废止文件也通过修订：填写废止日期并说明。</p>}
      </Form>
    </Modal>
  );
}
