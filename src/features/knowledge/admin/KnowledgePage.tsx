import { useCallback, useEffect, useState } from 'react';
import { Alert, App as AntApp, AutoComplete, Button, Card, Drawer, Empty, Form, Input, Segmented, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { api, applyProblem, call } from '../../../admin/api/client';
import type { paths } from '../../../admin/api/schema';
import { useSession } from '../../../admin/session';
import { Answer } from '../Answer';

type List = paths['/api/v1/knowledge']['get']['responses'][200]['content']['application/json'];
type Entry = List['items'][number];
type Promote = { sourceMessageId: string; question: string; answer: string };

const lines = (s: string | undefined) => (s ?? '').split('\n').map((x) => x.trim()).filter(Boolean);
const linksToText = (links: { title: string; url: string }[]) => links.map((l) => `${l.title} | ${l.url}`).join('\n');
const textToLinks = (s: string | undefined) =>
  lines(s).map((l) => {
    const [title, ...rest] = l.split('|');
    return { title: title.trim(), url: rest.join('|').trim() };
  });

/**
 * The knowledge base in the console: the counter and telephone search (the same search as the
 * portal and the API, so an answer given at the window is the one published), and the editor.
 */
export function KnowledgePage() {
  const { can } = useSession();
  const { message } = AntApp.useApp();
  const location = useLocation();
  const nav = useNavigate();
  const [q, setQ] = useState('');
  const [filter, setFilter] = useState<'all' | 'stale' | 'inactive' | 'own'>('all');
  const [data, setData] = useState<List>({ today: '', items: [] });
  const [loading, setLoading] = useState(false);
  const [editing, setEditing] = useState<Partial<Entry> & { sourceMessageId?: string | null } | null>(null);
  const mayEdit = can('knowledge.edit');

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await call(api.GET('/api/v1/knowledge', { params: { query: { q: q || undefined, filter } } })));
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setLoading(false);
    }
  }, [q, filter, message]);
  useEffect(() => void load(), [load]);
  // “转为知识库问答” on a replied message arrives here with the question and answer to start from.
  useEffect(() => {
    const promote = (location.state as { promote?: Promote } | null)?.promote;
    if (promote && mayEdit) {
      setEditing({ question: promote.question, answer: promote.answer, phrasings: [], links: [], sourceMessageId: promote.sourceMessageId });
      nav(location.pathname, { replace: true, state: null });
    }
  }, [location, mayEdit, nav]);

  const categories = [...new Set(data.items.map((e) => e.category).filter(Boolean))];
  const markReviewed = async (e: Entry) => {
    const next = new Date(`${data.today}T00:00:00Z`);
    next.setUTCMonth(next.getUTCMonth() + 6);
    try {
      await call(api.POST('/api/v1/knowledge/{id}/reviewed', { params: { path: { id: e.id } }, body: { reviewBy: next.toISOString().slice(0, 10) } }));
      message.success('已复核，下次复核日期顺延 6 个月');
      await load();
    } catch (err) {
      message.error((err as Error).message);
    }
  };

  return (
    <>
      <div className="page-header">
        <h1>咨询问答知识库</h1>
        <Space className="no-print">
          {mayEdit && (
            <Button type="primary" onClick={() => setEditing({ phrasings: [], links: [] })}>
              新增问答
            </Button>
          )}
          <Button onClick={() => window.print()}>打印</Button>
        </Space>
      </div>
      <Card size="small" className="no-print" style={{ marginBottom: 12 }}>
        <Input.Search
          size="large"
          allowClear
          enterButton="查找答案"
          aria-label="输入群众的问题"
          placeholder="窗口或电话咨询时，输入群众的问题，例如：烟证丢了怎么补办"
          onSearch={(v) => setQ(v.trim())}
        />
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          与门户“智能问答”、留言表单提示和公开接口使用同一检索：按分词、领域词典和同义词（如 烟证 / 零售许可证）匹配标准问题和相似问法。
        </Typography.Paragraph>
      </Card>
      {q ? (
        <>
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            “{q}”的答案（{data.items.length}）
          </Typography.Title>
          {data.items.length === 0 && <Empty description="没有找到，可记录问题后转有关处室答复，并补充到知识库" />}
          {data.items.map((e) => (
            <Card key={e.id} size="small" style={{ marginBottom: 12 }} title={e.question} extra={mayEdit && <Button size="small" onClick={() => setEditing(e)}>编辑</Button>}>
              {e.matchedPhrasing && e.matchedPhrasing !== e.question && <Typography.Paragraph type="secondary">匹配的问法：{e.matchedPhrasing}</Typography.Paragraph>}
              {e.stale && <Alert type="warning" showIcon title={`该问答已过复核日期（${e.reviewBy}），答复前请核实是否仍然适用。`} style={{ marginBottom: 8 }} />}
              <Answer text={e.answer} />
              {e.links.length > 0 && (
                <ul className="plain-list">
                  {e.links.map((l) => (
                    <li key={l.url}>
                      <a href={l.url} target="_blank" rel="noopener noreferrer">{l.title}</a>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          ))}
        </>
      ) : (
        <>
          <Segmented
            className="no-print"
            value={filter}
            onChange={(v) => setFilter(v as typeof filter)}
            options={[
              { value: 'all', label: '全部' },
              { value: 'stale', label: '待复核' },
              { value: 'own', label: '本机关维护' },
              { value: 'inactive', label: '已停用' },
            ]}
            style={{ marginBottom: 12 }}
          />
          <Table<Entry>
            rowKey="id"
            size="small"
            loading={loading}
            dataSource={data.items}
            pagination={{ pageSize: 50, showTotal: (t) => `共 ${t} 条` }}
            columns={[
              { title: '标准问题', dataIndex: 'question' },
              { title: '分类', dataIndex: 'category', filters: categories.map((c) => ({ text: c, value: c })), onFilter: (v, r) => r.category === v },
              { title: '相似问法', dataIndex: 'phrasings', render: (v: string[]) => v.length },
              { title: '负责人', dataIndex: 'ownerName' },
              { title: '复核日期', dataIndex: 'reviewBy', render: (v, r) => (r.stale ? <Tag color="orange">{v} 待复核</Tag> : v) },
              { title: '状态', dataIndex: 'active', render: (v) => (v ? '在用' : <Tag>已停用</Tag>) },
              {
                title: '',
                key: 'ops',
                render: (_, r) =>
                  mayEdit && (
                    <Space>
                      <Button size="small" onClick={() => setEditing(r)}>编辑</Button>
                      {r.stale && <Button size="small" onClick={() => markReviewed(r)}>已复核</Button>}
                    </Space>
                  ),
              },
            ]}
          />
        </>
      )}
      {editing && <EntryDrawer entry={editing} categories={categories} today={data.today} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); void load(); }} />}
    </>
  );
}

function EntryDrawer({ entry, categories, today, onClose, onSaved }: { entry: Partial<Entry> & { sourceMessageId?: string | null }; categories: string[]; today: string; onClose: () => void; onSaved: () => void }) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const [orgs, setOrgs] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    call(api.GET('/api/v1/orgs'))
      .then((r) => setOrgs(r.items.map((o) => ({ value: o.id, label: o.name }))))
      .catch(() => setOrgs([]));
  }, []);
  const half = new Date(`${today || new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  half.setUTCMonth(half.getUTCMonth() + 6);
  const initial = {
    question: entry.question ?? '',
    phrasings: (entry.phrasings ?? []).join('\n'),
    answer: entry.answer ?? '',
    links: linksToText(entry.links ?? []),
    category: entry.category ?? '',
    orgIds: entry.orgIds ?? [],
    validFrom: entry.validFrom ?? '',
    validTo: entry.validTo ?? '',
    ownerName: entry.ownerName ?? '',
    reviewBy: entry.reviewBy ?? half.toISOString().slice(0, 10),
    active: entry.active ?? true,
  };
  const save = async (v: typeof initial) => {
    const body = { ...v, phrasings: lines(v.phrasings), links: textToLinks(v.links), validFrom: v.validFrom || null, validTo: v.validTo || null };
    try {
      if (entry.id) await call(api.PUT('/api/v1/knowledge/{id}', { params: { path: { id: entry.id } }, body }));
      else {
        const { active: _a, ...create } = body;
        await call(api.POST('/api/v1/knowledge', { body: { ...create, sourceMessageId: entry.sourceMessageId ?? null } }));
      }
      message.success('已保存，各渠道即时生效');
      onSaved();
    } catch (e) {
      message.error(applyProblem(form, e));
    }
  };
  return (
    <Drawer open title={entry.id ? '编辑问答' : entry.sourceMessageId ? '由留言答复转为问答' : '新增问答'} size="large" onClose={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={save}>
        <Form.Item name="question" label="标准问题" rules={[{ required: true, message: '请填写标准问题' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="phrasings" label="相似问法（每行一条）" extra="群众常用的其他说法，如“烟证丢了怎么办”。匹配时逐条比较，并显示匹配到的问法。">
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item name="answer" label="答案" rules={[{ required: true, message: '请填写答案' }]} extra="空一行分段；以“-”或“1.”开头的行显示为列表；网址自动成为链接。">
          <Input.TextArea rows={8} />
        </Form.Item>
        <Form.Item name="links" label="相关政策和办事指南（每行“标题 | 链接”）" extra="链接可以是本站路径（如 /org/zhejiang/bsfw/）或 https 地址。">
          <Input.TextArea rows={3} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="category" label="分类">
            <AutoComplete style={{ width: 200 }} options={categories.map((c) => ({ value: c }))} />
          </Form.Item>
          <Form.Item name="ownerName" label="负责人（处室）">
            <Input style={{ width: 220 }} />
          </Form.Item>
        </Space>
        <Form.Item name="orgIds" label="适用机构" extra="不选表示适用于所有机构。">
          <Select mode="multiple" options={orgs} allowClear optionFilterProp="label" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="validFrom" label="生效日期">
            <Input type="date" />
          </Form.Item>
          <Form.Item name="validTo" label="失效日期">
            <Input type="date" />
          </Form.Item>
          <Form.Item name="reviewBy" label="复核日期" rules={[{ required: true, message: '请填写复核日期' }]}>
            <Input type="date" />
          </Form.Item>
        </Space>
        {entry.id && (
          <Form.Item name="active" label="在用" valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit">
          保存
        </Button>
      </Form>
    </Drawer>
  );
}
