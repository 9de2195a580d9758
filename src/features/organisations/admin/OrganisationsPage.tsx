import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Drawer, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { api, applyProblem, call } from '../../../admin/api/client';
import type { paths } from '../../../admin/api/schema';
import { useSession } from '../../../admin/session';
import { ORG_KINDS } from '../organisations.contract';

type Org = paths['/api/v1/orgs/{orgId}']['get']['responses'][200]['content']['application/json'];
type Dept = paths['/api/v1/orgs/{orgId}/departments']['get']['responses'][200]['content']['application/json']['items'][number];
type OrgNode = Org & { children?: OrgNode[] };

const kindLabel = (k: string) => ORG_KINDS[k as keyof typeof ORG_KINDS] ?? k;

function toTree(items: Org[]): OrgNode[] {
  const byId = new Map<string, OrgNode>(items.map((o) => [o.id, { ...o }]));
  const roots: OrgNode[] = [];
  for (const o of byId.values()) {
    const parent = o.parentId ? byId.get(o.parentId) : undefined;
    if (parent) (parent.children ??= []).push(o);
    else roots.push(o);
  }
  return roots;
}

/** Organisations visible to the actor, as a tree: profile, site identifiers, departments, security policy. */
export function OrganisationsPage() {
  const { can } = useSession();
  const { message } = AntApp.useApp();
  const [items, setItems] = useState<Org[]>([]);
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Org | null>(null);
  const [creatingUnder, setCreatingUnder] = useState<Org | null>(null);
  const [deptsOf, setDeptsOf] = useState<Org | null>(null);

  const load = useCallback(async () => setItems((await call(api.GET('/api/v1/orgs'))).items), []);
  useEffect(() => void load().catch((e) => message.error(e.message)), [load, message]);

  const shown = useMemo(() => {
    const needle = q.trim();
    return toTree(needle ? items.filter((o) => o.name.includes(needle) || o.code.includes(needle.toUpperCase()) || o.slug.includes(needle)) : items);
  }, [items, q]);

  const setMfa = async (o: Org, requireMfa: boolean) => {
    try {
      await call(api.PUT('/api/v1/orgs/{orgId}/security-policy', { params: { path: { orgId: o.id } }, body: { requireMfa } }));
      message.success(requireMfa ? `${o.name}的人员今后登录须使用动态验证码` : `${o.name}不再强制要求动态验证码`);
      await load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  return (
    <>
      <div className="page-header">
        <h1>组织机构</h1>
        <Space className="no-print">
          <Input.Search allowClear placeholder="按名称、机构代码或路径筛选" onChange={(e) => setQ(e.target.value)} style={{ width: 260 }} aria-label="筛选机构" />
          <Button href="/api/v1/orgs/export.xlsx">导出 Excel</Button>
          <Button onClick={() => window.print()}>打印</Button>
        </Space>
      </div>
      <Table<OrgNode>
        rowKey="id"
        dataSource={shown}
        pagination={false}
        expandable={{ defaultExpandAllRows: true }}
        key={shown.length}
        scroll={{ x: 1000 }}
        columns={[
          { title: '机构名称', dataIndex: 'name' },
          { title: '类别', dataIndex: 'kind', width: 90, render: kindLabel },
          { title: '机构代码', dataIndex: 'code', width: 120 },
          { title: '门户', dataIndex: 'slug', width: 130, render: (s: string, o) => <a href={o.parentId ? `/org/${s}/` : '/'} target="_blank" rel="noreferrer">/org/{s}/</a> },
          {
            title: '动态验证码',
            dataIndex: 'requireMfa',
            width: 110,
            render: (v: boolean, o) =>
              can('org.security') ? <Switch checked={v} onChange={(c) => setMfa(o, c)} checkedChildren="必须" unCheckedChildren="可选" aria-label={`${o.name}是否必须使用动态验证码`} /> : v ? '必须' : '可选',
          },
          { title: '状态', dataIndex: 'active', width: 70, render: (v: boolean) => (v ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
          {
            title: '操作',
            key: 'ops',
            width: 250,
            className: 'no-print',
            render: (_, o) => (
              <Space wrap>
                <Button size="small" onClick={() => setEditing(o)}>
                  {can('org.manage') ? '编辑' : '查看'}
                </Button>
                <Button size="small" onClick={() => setDeptsOf(o)}>
                  内设机构
                </Button>
                {can('org.manage') && (
                  <Button size="small" onClick={() => setCreatingUnder(o)}>
                    新建下级
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && <OrgEditor org={editing} readOnly={!can('org.manage')} onClose={() => setEditing(null)} onSaved={load} />}
      {creatingUnder && <OrgCreator parent={creatingUnder} onClose={() => setCreatingUnder(null)} onSaved={load} />}
      {deptsOf && <Departments org={deptsOf} editable={can('org.manage')} onClose={() => setDeptsOf(null)} />}
    </>
  );
}

function SiteFields({ readOnly }: { readOnly?: boolean }) {
  return (
    <>
      <Typography.Title level={5}>网站标识</Typography.Title>
      <Form.Item
        label="网站标识码"
        name="siteIdCode"
        extra="格式尚无正式规定（待确认）：常见为 10 位数字或“bm”加 8 位数字；不符时仅提示，不阻止保存。"
      >
        <Input disabled={readOnly} maxLength={20} />
      </Form.Item>
      <Form.Item label="ICP备案编号" name="icpRecord">
        <Input disabled={readOnly} placeholder="如：京ICP备12345678号" />
      </Form.Item>
      <Form.Item label="公安机关备案号" name="psbRecord">
        <Input disabled={readOnly} placeholder="如：京公网安备11010202000001号" />
      </Form.Item>
      <Form.Item label="主办单位" name="sponsor" extra="留空时使用机构名称">
        <Input disabled={readOnly} />
      </Form.Item>
      <Form.Item label="承办单位" name="organiser">
        <Input disabled={readOnly} />
      </Form.Item>
      <Form.Item label="地址" name="address">
        <Input disabled={readOnly} />
      </Form.Item>
      <Form.Item label="邮政编码" name="postcode">
        <Input disabled={readOnly} maxLength={6} />
      </Form.Item>
      <Form.Item label="联系电话" name="phone">
        <Input disabled={readOnly} />
      </Form.Item>
      <Form.Item label="电子邮箱" name="email">
        <Input disabled={readOnly} />
      </Form.Item>
    </>
  );
}

function BasicFields({ readOnly, withCode }: { readOnly?: boolean; withCode?: boolean }) {
  return (
    <>
      <Form.Item label="机构全称" name="name" rules={[{ required: true, message: '请填写机构全称' }]}>
        <Input disabled={readOnly} />
      </Form.Item>
      <Form.Item label="简称" name="shortName" rules={[{ required: true, message: '请填写简称' }]}>
        <Input disabled={readOnly} />
      </Form.Item>
      {withCode && (
        <Form.Item label="机构代码" name="code" extra="9 位组织机构代码，用于生成索引号，设立后不可修改" rules={[{ required: true, message: '请填写机构代码' }]}>
          <Input maxLength={10} />
        </Form.Item>
      )}
      <Form.Item label="门户路径" name="slug" extra="小写字母、数字和连字符，如 zhejiang" rules={[{ required: true, message: '请填写门户路径' }]}>
        <Input disabled={readOnly} addonBefore="/org/" addonAfter="/" />
      </Form.Item>
      <Form.Item label="类别" name="kind" rules={[{ required: true, message: '请选择类别' }]}>
        <Select disabled={readOnly} options={Object.entries(ORG_KINDS).map(([value, label]) => ({ value, label }))} />
      </Form.Item>
      <Form.Item label="排序" name="sortOrder">
        <InputNumber disabled={readOnly} min={0} max={99999} />
      </Form.Item>
    </>
  );
}

function OrgEditor({ org, readOnly, onClose, onSaved }: { org: Org; readOnly: boolean; onClose: () => void; onSaved: () => Promise<void> }) {
  const [form] = Form.useForm();
  const [error, setError] = useState('');
  const [warning, setWarning] = useState(org.siteIdCodeWarning);
  const { message } = AntApp.useApp();
  const save = async (v: Record<string, unknown>) => {
    setError('');
    try {
      const saved = await call(api.PATCH('/api/v1/orgs/{orgId}', { params: { path: { orgId: org.id } }, body: v }));
      setWarning(saved.siteIdCodeWarning);
      message.success('已保存');
      await onSaved();
      if (!saved.siteIdCodeWarning) onClose();
    } catch (e) {
      setError(applyProblem(form, e));
    }
  };
  return (
    <Drawer open title={`${readOnly ? '查看' : '编辑'}：${org.name}`} size={560} onClose={onClose} destroyOnHidden
      extra={!readOnly && <Button type="primary" onClick={() => form.submit()}>保存</Button>}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      {warning && <Alert type="warning" showIcon title={warning} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph type="secondary">机构代码：{org.code}（不可修改）</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={org} onFinish={save}>
        <BasicFields readOnly={readOnly} />
        <Form.Item label="启用" name="active" valuePropName="checked">
          <Switch disabled={readOnly || !org.parentId} />
        </Form.Item>
        <SiteFields readOnly={readOnly} />
      </Form>
    </Drawer>
  );
}

function OrgCreator({ parent, onClose, onSaved }: { parent: Org; onClose: () => void; onSaved: () => Promise<void> }) {
  const [form] = Form.useForm();
  const [error, setError] = useState('');
  const { message } = AntApp.useApp();
  const save = async (v: Record<string, unknown>) => {
    setError('');
    try {
      await call(api.POST('/api/v1/orgs', { body: { ...v, parentId: parent.id } as never }));
      message.success('已新建机构。新机构默认要求人员使用动态验证码登录。');
      await onSaved();
      onClose();
    } catch (e) {
      setError(applyProblem(form, e));
    }
  };
  return (
    <Modal open title={`在${parent.name}下新建机构`} onCancel={onClose} onOk={() => form.submit()} okText="新建" width={640} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ kind: parent.kind === 'national' ? 'provincial' : 'municipal', sortOrder: 0 }}>
        <BasicFields withCode />
        <SiteFields />
      </Form>
    </Modal>
  );
}

function Departments({ org, editable, onClose }: { org: Org; editable: boolean; onClose: () => void }) {
  const [items, setItems] = useState<Dept[]>([]);
  const [editing, setEditing] = useState<Partial<Dept> | null>(null);
  const [form] = Form.useForm();
  const [error, setError] = useState('');
  const { message } = AntApp.useApp();
  const load = useCallback(async () => setItems((await call(api.GET('/api/v1/orgs/{orgId}/departments', { params: { path: { orgId: org.id } } }))).items), [org.id]);
  useEffect(() => void load().catch((e) => message.error(e.message)), [load, message]);

  const save = async (v: { name: string; duties?: string; sortOrder?: number; active?: boolean }) => {
    setError('');
    try {
      if (editing?.id)
        await call(api.PATCH('/api/v1/orgs/{orgId}/departments/{departmentId}', { params: { path: { orgId: org.id, departmentId: editing.id } }, body: v }));
      else await call(api.POST('/api/v1/orgs/{orgId}/departments', { params: { path: { orgId: org.id } }, body: { name: v.name, duties: v.duties ?? '', sortOrder: v.sortOrder ?? 0 } }));
      message.success('已保存');
      setEditing(null);
      await load();
    } catch (e) {
      setError(applyProblem(form, e));
    }
  };

  return (
    <Drawer open title={`内设机构：${org.name}`} size={640} onClose={onClose} destroyOnHidden
      extra={editable && <Button type="primary" onClick={() => { form.resetFields(); setEditing({ sortOrder: 0 }); }}>新建内设机构</Button>}>
      <Table<Dept>
        rowKey="id"
        size="small"
        dataSource={items}
        pagination={false}
        columns={[
          { title: '名称', dataIndex: 'name', width: 150 },
          { title: '职责', dataIndex: 'duties' },
          { title: '状态', dataIndex: 'active', width: 70, render: (v: boolean) => (v ? '启用' : '停用') },
          ...(editable ? [{ title: '操作', key: 'ops', width: 70, render: (_: unknown, d: Dept) => <Button size="small" onClick={() => { form.setFieldsValue(d); setEditing(d); }}>编辑</Button> }] : []),
        ]}
      />
      <Modal open={!!editing} title={editing?.id ? '编辑内设机构' : '新建内设机构'} onCancel={() => setEditing(null)} onOk={() => form.submit()} okText="保存" destroyOnHidden forceRender>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form form={form} layout="vertical" onFinish={save} initialValues={{ sortOrder: 0, active: true }}>
          <Form.Item label="名称" name="name" rules={[{ required: true, message: '请填写名称' }]}>
            <Input />
          </Form.Item>
          <Form.Item label="职责" name="duties">
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
          <Form.Item label="排序" name="sortOrder">
            <InputNumber min={0} max={99999} />
          </Form.Item>
          {editing?.id && (
            <Form.Item label="启用" name="active" valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Drawer>
  );
}
