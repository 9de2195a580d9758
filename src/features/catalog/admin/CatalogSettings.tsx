import { useCallback, useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Checkbox, Drawer, Form, Input, InputNumber, Popconfirm, Radio, Select, Space, Table, Tabs } from 'antd';
import { CONTENT_TYPES, GENRES } from '../catalog.data';
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
  // Each tab saves its own fields on top of what is stored, so one tab never clears another's.
  const save = async (v: Partial<Settings>, done = '已保存，网站上的公开指南已更新') => {
    if (!s) return;
    setSaving(true);
    try {
      const { guideReviewedAt: _g, isDefault: _i, defaults: _d, reviewers: _r, profiles: _p, ...stored } = s;
      setS(await call(api.PUT('/api/v1/catalog/settings/{orgId}', { params: { path: { orgId } }, body: { ...stored, ...v } })));
      message.success(done);
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
                <Form form={form} layout="vertical" initialValues={s} onFinish={(v) => void save(v)} disabled={!canEdit}>
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
            { key: 'chains', label: '审核流程', children: <ChainEditor s={s} canEdit={canEdit} saving={saving} onSave={(approvalChains) => void save({ approvalChains }, '已保存审核流程；此后提交的信息按新流程审核')} /> },
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

type Chain = Settings['approvalChains'][number];
const TYPE_OPTIONS = [
  { label: '公文种类', options: GENRES.map((g) => ({ value: g, label: g })) },
  { label: '其他内容类型', options: Object.entries(CONTENT_TYPES).map(([value, label]) => ({ value, label })) },
];

/**
 * 审核流程 per content type (issue 4 §10): named steps, each with its reviewers (none named: any
 * reviewer of the organisation) and whether it is the 保密审查 step; 公开时机 is chosen at the last.
 */
function ChainEditor({ s, canEdit, saving, onSave }: { s: Settings; canEdit: boolean; saving: boolean; onSave: (chains: Chain[]) => void }) {
  const [form] = Form.useForm<{ chains: Chain[] }>();
  const reviewers = s.reviewers.map((r) => ({ value: r.id, label: `${r.name}（${r.username}）` }));
  return (
    <Form form={form} layout="vertical" initialValues={{ chains: s.approvalChains }} onFinish={(v) => onSave(v.chains ?? [])} disabled={!canEdit}>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="信息提交审核时按其公文种类或内容类型选定流程，逐个环节审核，最后一个环节选择公开时机。没有设置流程的，由任一审核员一步审核（含保密审查）。"
      />
      <Form.List name="chains">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Card key={f.key} size="small" style={{ marginBottom: 12 }} title={`审核流程 ${f.name + 1}`} extra={<Button size="small" danger onClick={() => remove(f.name)}>删除流程</Button>}>
                <Space wrap align="start">
                  <Form.Item name={[f.name, 'name']} label="流程名称" rules={[{ required: true, message: '请填写流程名称' }]}>
                    <Input style={{ width: 200 }} maxLength={40} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'appliesTo']} label="适用的公文种类或内容类型" extra="不选则适用于其他所有内容">
                    <Select mode="multiple" allowClear options={TYPE_OPTIONS} style={{ width: 320 }} placeholder="其他所有内容" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'profile']} label="脱敏规则" initialValue="default">
                    <Select style={{ width: 260 }} options={s.profiles.map((p) => ({ value: p.key, label: p.label }))} />
                  </Form.Item>
                </Space>
                <Form.List name={[f.name, 'steps']}>
                  {(steps, ops) => (
                    <>
                      {steps.map((st, i) => (
                        <Space key={st.key} wrap align="start">
                          <Form.Item name={[st.name, 'name']} label={`第 ${i + 1} 环节`} rules={[{ required: true, message: '请填写环节名称' }]}>
                            <Input style={{ width: 180 }} maxLength={30} placeholder="如：科室负责人" />
                          </Form.Item>
                          <Form.Item name={[st.name, 'userIds']} label="审核人" extra="不选则本机构任一审核员">
                            <Select mode="multiple" allowClear options={reviewers} style={{ width: 280 }} placeholder="任一审核员" />
                          </Form.Item>
                          <Form.Item name={[st.name, 'secrecy']} label="保密审查" valuePropName="checked">
                            <Checkbox>本环节负责保密审查</Checkbox>
                          </Form.Item>
                          <Form.Item label=" ">
                            <Button onClick={() => ops.remove(st.name)} disabled={steps.length <= 1} aria-label={`删除第 ${i + 1} 环节`}>
                              删除环节
                            </Button>
                          </Form.Item>
                        </Space>
                      ))}
                      <Button onClick={() => ops.add({ name: '', userIds: [], secrecy: false })} disabled={steps.length >= 6}>
                        添加环节
                      </Button>
                    </>
                  )}
                </Form.List>
              </Card>
            ))}
            <Space>
              <Button onClick={() => add({ name: '', appliesTo: [], profile: 'default', steps: [{ name: '科室负责人', userIds: [], secrecy: false }, { name: '办公室（保密审查）', userIds: [], secrecy: true }, { name: '分管领导', userIds: [], secrecy: false }] })}>添加审核流程</Button>
              <Button type="primary" htmlType="submit" loading={saving}>
                保存审核流程
              </Button>
            </Space>
          </>
        )}
      </Form.List>
    </Form>
  );
}
