import { useCallback, useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Drawer, Form, Input, InputNumber, Popconfirm, Radio, Select, Space, Table, Tabs } from 'antd';
import { api, applyProblem, call } from '../../../admin/api/client';
import type { paths } from '../../../admin/api/schema';

type Settings = paths['/api/v1/catalog/settings/{orgId}']['get']['responses'][200]['content']['application/json'];
type Node = paths['/api/v1/catalog/nodes/{orgId}']['get']['responses'][200]['content']['application/json']['items'][number];

const GUIDE_FIELDS: [string, string, boolean][] = [
  ['classification', '信息分类', true],
  ['arrangement', '编排体系', true],
  ['access', '获取方式', true],
  ['unitName', '工作机构名称', false],
  ['address', '办公地址', false],
  ['hours', '办公时间', false],
  ['phone', '联系电话', false],
  ['fax', '传真号码', false],
  ['web', '互联网联系方式', false],
  ['other', '其他说明', true],
];

/** The organisation's 公开目录 tree, 索引号 template, 三同步 lag, 公开指南 and 公开制度. */
export function CatalogSettingsDrawer({ orgId, canEdit, onClose }: { orgId: string; canEdit: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = AntApp.useApp();
  const [s, setS] = useState<Settings | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    call(api.GET('/api/v1/catalog/settings/{orgId}', { params: { path: { orgId } } })).then(setS, (e) => message.error((e as Error).message));
  }, [orgId, message]);
  const save = async (v: Settings) => {
    setSaving(true);
    try {
      setS(await call(api.PUT('/api/v1/catalog/settings/{orgId}', { params: { path: { orgId } }, body: v })));
      message.success('已保存，网站上的公开指南已更新');
    } catch (e) {
      message.error(applyProblem(form, e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Drawer open title="目录与指南设置" size="large" onClose={onClose} destroyOnHidden>
      {s && (
        <Tabs
          items={[
            { key: 'tree', label: '公开目录', children: <NodeEditor orgId={orgId} canEdit={canEdit} /> },
            {
              key: 'settings',
              label: '索引号与指南',
              children: (
                <Form form={form} layout="vertical" initialValues={s} onFinish={save} disabled={!canEdit}>
                  <Form.Item name="indexTemplate" label="索引号模板" extra={`可用 {orgCode} 机构代码、{YYYY} 年份、{seq:05d} 五位流水号（每年从 1 起）。默认 ${s.defaults.indexTemplate}。国家没有统一的索引号格式（待确认），按本省规定设置。发布后的索引号不再改变。`} rules={[{ required: true, message: '请填写索引号模板' }]}>
                    <Input style={{ maxWidth: 320 }} />
                  </Form.Item>
                  <Form.Item name="indexYearBasis" label="索引号中的年份">
                    <Radio.Group options={[{ value: 'published', label: '首次发布的年份' }, { value: 'generated', label: '生成日期的年份' }]} />
                  </Form.Item>
                  <Form.Item name="interpretationLag" label="政策解读最迟晚于政策几个工作日发布（三同步）" extra={`默认 ${s.defaults.interpretationLag} 个工作日。此时限来自地方规定，国家层面未确认（待确认），请按本地要求设置。`}>
                    <InputNumber min={0} max={60} suffix="个工作日" />
                  </Form.Item>
                  <h3>政府信息公开指南（条例第十二条）</h3>
                  {GUIDE_FIELDS.map(([k, label, long]) => (
                    <Form.Item key={k} name={['guide', k]} label={label}>
                      {long ? <Input.TextArea rows={3} /> : <Input />}
                    </Form.Item>
                  ))}
                  <Form.Item name="rulesText" label="政府信息公开制度">
                    <Input.TextArea rows={6} />
                  </Form.Item>
                  {s.guideReviewedAt && <Alert type="info" style={{ marginBottom: 12 }} title={`指南上次更新：${s.guideReviewedAt.slice(0, 10)}。条例第十二条要求及时更新指南和目录。`} />}
                  <Button type="primary" htmlType="submit" loading={saving}>
                    保存
                  </Button>
                </Form>
              ),
            },
          ]}
        />
      )}
    </Drawer>
  );
}

function NodeEditor({ orgId, canEdit }: { orgId: string; canEdit: boolean }) {
  const { message } = AntApp.useApp();
  const [nodes, setNodes] = useState<Node[]>([]);
  const [form] = Form.useForm();
  const load = useCallback(async () => setNodes((await call(api.GET('/api/v1/catalog/nodes/{orgId}', { params: { path: { orgId } } }))).items), [orgId]);
  useEffect(() => void load().catch((e) => message.error((e as Error).message)), [load, message]);
  const pathOf = (n: Node): string => {
    const p = nodes.find((x) => x.id === n.parentId);
    return p ? `${pathOf(p)} / ${n.name}` : n.name;
  };
  const rows = [...nodes].sort((a, b) => pathOf(a).localeCompare(pathOf(b), 'zh-CN'));
  const add = async (v: { name: string; parentId?: string }) => {
    try {
      await call(api.POST('/api/v1/catalog/nodes/{orgId}', { params: { path: { orgId } }, body: { name: v.name, parentId: v.parentId ?? null, sortOrder: nodes.length } }));
      form.resetFields();
      await load();
    } catch (e) {
      message.error(applyProblem(form, e));
    }
  };
  const rename = async (n: Node, name: string) => {
    try {
      await call(api.PUT('/api/v1/catalog/nodes/{orgId}/{id}', { params: { path: { orgId, id: n.id } }, body: { name, parentId: n.parentId, sortOrder: n.sortOrder } }));
      await load();
    } catch (e) {
      message.error(applyProblem(undefined, e));
    }
  };
  const remove = async (n: Node) => {
    try {
      await call(api.DELETE('/api/v1/catalog/nodes/{orgId}/{id}', { params: { path: { orgId, id: n.id } } }));
      await load();
    } catch (e) {
      message.error(applyProblem(undefined, e));
    }
  };
  return (
    <>
      <p>公开目录是本机关主动公开基本目录（条例第二十二条），网站“法定主动公开内容”按此目录浏览。</p>
      {canEdit && (
        <Form form={form} layout="inline" onFinish={add} style={{ marginBottom: 12 }}>
          <Form.Item name="name" rules={[{ required: true, message: '请填写目录名称' }]}>
            <Input placeholder="目录名称" aria-label="目录名称" />
          </Form.Item>
          <Form.Item name="parentId">
            <Select allowClear placeholder="上级目录（可不选）" aria-label="上级目录" style={{ width: 220 }} options={rows.map((n) => ({ value: n.id, label: pathOf(n) }))} />
          </Form.Item>
          <Button htmlType="submit">新增目录</Button>
        </Form>
      )}
      <Table<Node>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: '目录', key: 'path', render: (_, n) => (canEdit ? <Input defaultValue={n.name} aria-label={`目录名称：${pathOf(n)}`} onBlur={(e) => e.target.value.trim() && e.target.value !== n.name && rename(n, e.target.value.trim())} addonBefore={n.parentId ? pathOf(nodes.find((x) => x.id === n.parentId)!) : undefined} /> : pathOf(n)) },
          ...(canEdit
            ? [
                {
                  title: '操作',
                  key: 'op',
                  width: 80,
                  render: (_: unknown, n: Node) => (
                    <Popconfirm title={`删除“${n.name}”？`} onConfirm={() => remove(n)}>
                      <Button size="small" danger>
                        删除
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Space />
    </>
  );
}
