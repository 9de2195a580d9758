import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Checkbox, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { api, applyProblem, call } from '../../../admin/api/client';
import type { paths } from '../../../admin/api/schema';
import { useSession } from '../../../admin/session';
import { roleLabel } from '../../../admin/Shell';
import { ADMIN_ROLES, BUSINESS_ROLES, type Role } from '../../../platform/auth/access.rules';

type Staff = paths['/api/v1/orgs/{orgId}/users']['get']['responses'][200]['content']['application/json']['items'][number];
type Org = { id: string; name: string };

/** Staff of one organisation with their roles; account and security actions by permission. */
export function StaffPage() {
  const { session, can } = useSession();
  const { message } = AntApp.useApp();
  const [orgs, setOrgs] = useState<Org[]>([]);
  const [orgId, setOrgId] = useState<string>(session?.currentOrgId ?? '');
  const [items, setItems] = useState<Staff[]>([]);
  const [loading, setLoading] = useState(false);
  const [q, setQ] = useState('');
  const [roleFilter, setRoleFilter] = useState<Role | undefined>();
  const [creating, setCreating] = useState<'new' | 'existing' | null>(null);
  const [rolesOf, setRolesOf] = useState<Staff | null>(null);
  const [secret, setSecret] = useState<{ username: string; password: string } | null>(null);

  useEffect(() => {
    call(api.GET('/api/v1/orgs')).then((r) => setOrgs(r.items), (e) => message.error(e.message));
  }, [message]);

  const load = useCallback(async () => {
    if (!orgId) return;
    setLoading(true);
    try {
      setItems((await call(api.GET('/api/v1/orgs/{orgId}/users', { params: { path: { orgId } } }))).items);
    } catch (e) {
      message.error((e as Error).message);
      setItems([]);
    } finally {
      setLoading(false);
    }
  }, [orgId, message]);
  useEffect(() => void load(), [load]);

  const shown = useMemo(
    () => items.filter((u) => (!q || u.username.includes(q.toLowerCase()) || u.displayName.includes(q)) && (!roleFilter || u.roles.includes(roleFilter))),
    [items, q, roleFilter],
  );

  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      message.success(done);
      await load();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const path = (u: Staff) => ({ params: { path: { orgId, userId: u.id } } });

  return (
    <>
      <div className="page-header">
        <h1>人员与角色</h1>
        <Space wrap className="no-print">
          {can('user.manage') && (
            <Button type="primary" onClick={() => setCreating('new')}>
              新建用户
            </Button>
          )}
          <Button onClick={() => setCreating('existing')}>添加已有用户</Button>
          <Button href={`/api/v1/orgs/${orgId}/users/export.xlsx`}>导出 Excel</Button>
          <Button onClick={() => window.print()}>打印</Button>
        </Space>
      </div>
      <Space wrap className="toolbar no-print">
        <Select aria-label="机构" style={{ minWidth: 220 }} value={orgId} onChange={setOrgId} options={orgs.map((o) => ({ value: o.id, label: o.name }))} />
        <Input.Search allowClear placeholder="姓名或用户名" onChange={(e) => setQ(e.target.value)} style={{ width: 200 }} aria-label="按姓名或用户名筛选" />
        <Select allowClear placeholder="按角色筛选" aria-label="按角色筛选" style={{ width: 180 }} value={roleFilter} onChange={setRoleFilter} options={[...ADMIN_ROLES, ...BUSINESS_ROLES].map((r) => ({ value: r, label: roleLabel(r) }))} />
      </Space>
      <Table<Staff>
        rowKey="id"
        loading={loading}
        dataSource={shown}
        pagination={{ pageSize: 50, showTotal: (t) => `共 ${t} 人` }}
        scroll={{ x: 1000 }}
        columns={[
          { title: '用户名', dataIndex: 'username', width: 200 },
          { title: '姓名', dataIndex: 'displayName', width: 150 },
          { title: '角色', dataIndex: 'roles', render: (rs: string[]) => rs.map((r) => <Tag key={r}>{roleLabel(r)}</Tag>) },
          {
            title: '状态',
            key: 'state',
            width: 170,
            render: (_, u) => (
              <Space wrap size={4}>
                {u.active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>}
                {u.lockedUntil && <Tag color="red">锁定至 {new Date(u.lockedUntil).toLocaleTimeString('zh-CN', { hourCycle: 'h23' })}</Tag>}
                {u.mustChangePassword && <Tag color="orange">待改初始密码</Tag>}
                {u.totpEnrolled && <Tag color="blue">已绑定验证器</Tag>}
              </Space>
            ),
          },
          {
            title: '操作',
            key: 'ops',
            width: 320,
            className: 'no-print',
            render: (_, u) => (
              <Space wrap size={4}>
                {(can('grant.business') || can('grant.admin')) && u.id !== session?.user.id && (
                  <Button size="small" onClick={() => setRolesOf(u)}>
                    调整角色
                  </Button>
                )}
                {can('user.manage') && u.id !== session?.user.id && (
                  <>
                    <Popconfirm title={`为 ${u.displayName} 生成新的一次性密码？其现有登录将被结束。`} onConfirm={() => act(async () => {
                      const r = await call(api.POST('/api/v1/orgs/{orgId}/users/{userId}/reset-password', path(u)));
                      setSecret({ username: u.username, password: r.initialPassword });
                    }, '密码已重置')}>
                      <Button size="small">重置密码</Button>
                    </Popconfirm>
                    <Button size="small" onClick={() => act(() => call(api.PATCH('/api/v1/orgs/{orgId}/users/{userId}', { ...path(u), body: { active: !u.active } })), u.active ? '已停用' : '已启用')}>
                      {u.active ? '停用' : '启用'}
                    </Button>
                  </>
                )}
                {can('user.security') && (
                  <>
                    {u.lockedUntil && <Button size="small" onClick={() => act(() => call(api.POST('/api/v1/orgs/{orgId}/users/{userId}/unlock', path(u))), '已解除锁定')}>解锁</Button>}
                    {u.totpEnrolled && (
                      <Popconfirm title="重置后该用户须重新绑定验证器。" onConfirm={() => act(() => call(api.POST('/api/v1/orgs/{orgId}/users/{userId}/reset-mfa', path(u))), '已重置验证器')}>
                        <Button size="small">重置验证器</Button>
                      </Popconfirm>
                    )}
                    <Button size="small" onClick={() => act(() => call(api.POST('/api/v1/orgs/{orgId}/users/{userId}/end-sessions', path(u))), '已结束其全部会话')}>结束会话</Button>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      {creating && (
        <CreateStaff
          orgId={orgId}
          existing={creating === 'existing'}
          onClose={() => setCreating(null)}
          onCreated={async (r) => {
            if (r) setSecret(r);
            setCreating(null);
            await load();
          }}
        />
      )}
      {rolesOf && <RolesEditor orgId={orgId} user={rolesOf} onClose={() => setRolesOf(null)} onSaved={load} />}
      <Modal open={!!secret} title="一次性密码" onCancel={() => setSecret(null)} footer={<Button type="primary" onClick={() => setSecret(null)}>我已记下</Button>}>
        <Alert type="warning" showIcon title="此密码只显示这一次。请通过安全渠道交给本人；首次登录时须修改。" style={{ marginBottom: 16 }} />
        <Typography.Paragraph>
          用户名：<Typography.Text strong>{secret?.username}</Typography.Text>
        </Typography.Paragraph>
        <Typography.Paragraph>
          一次性密码：<Typography.Text code copyable data-testid="one-time-password">{secret?.password}</Typography.Text>
        </Typography.Paragraph>
      </Modal>
    </>
  );
}

function RoleChecks() {
  const { can } = useSession();
  return (
    <Form.Item label="角色" name="roles" rules={[{ required: true, message: '请至少选择一个角色' }]} extra="业务角色由系统管理员授予；系统、安全、审计三员角色由安全管理员授予，且同一人只能担任其一。">
      <Checkbox.Group
        options={[...BUSINESS_ROLES, ...ADMIN_ROLES].map((r) => ({ value: r, label: roleLabel(r), disabled: ADMIN_ROLES.includes(r) ? !can('grant.admin') : !can('grant.business') }))}
      />
    </Form.Item>
  );
}

function CreateStaff({ orgId, existing, onClose, onCreated }: { orgId: string; existing: boolean; onClose: () => void; onCreated: (r: { username: string; password: string } | null) => Promise<void> }) {
  const [form] = Form.useForm();
  const [error, setError] = useState('');
  const save = async (v: { username: string; displayName: string; roles: Role[] }) => {
    setError('');
    try {
      if (existing) {
        await call(api.POST('/api/v1/orgs/{orgId}/members', { params: { path: { orgId } }, body: { username: v.username, roles: v.roles } }));
        await onCreated(null);
      } else {
        const r = await call(api.POST('/api/v1/orgs/{orgId}/users', { params: { path: { orgId } }, body: v }));
        await onCreated({ username: r.user.username, password: r.initialPassword });
      }
    } catch (e) {
      setError(applyProblem(form, e));
    }
  };
  return (
    <Modal open title={existing ? '把已有用户加入本机构' : '新建用户'} onCancel={onClose} onOk={() => form.submit()} okText={existing ? '加入' : '新建'} destroyOnHidden width={600}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item label="用户名" name="username" extra={existing ? '该用户在其他机构已有账号' : '以字母开头，3 至 32 位小写字母、数字、点、下划线或连字符'} rules={[{ required: true, message: '请填写用户名' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        {!existing && (
          <Form.Item label="姓名" name="displayName" rules={[{ required: true, message: '请填写姓名' }]}>
            <Input autoComplete="off" />
          </Form.Item>
        )}
        <RoleChecks />
      </Form>
    </Modal>
  );
}

function RolesEditor({ orgId, user, onClose, onSaved }: { orgId: string; user: Staff; onClose: () => void; onSaved: () => Promise<void> }) {
  const [form] = Form.useForm();
  const [error, setError] = useState('');
  const { message } = AntApp.useApp();
  const save = async (v: { roles: Role[] }) => {
    setError('');
    try {
      await call(api.PUT('/api/v1/orgs/{orgId}/users/{userId}/roles', { params: { path: { orgId, userId: user.id } }, body: { roles: v.roles ?? [] } }));
      message.success('角色已调整，该用户下次登录后生效。');
      await onSaved();
      onClose();
    } catch (e) {
      setError(applyProblem(form, e));
    }
  };
  return (
    <Modal open title={`调整角色：${user.displayName}`} onCancel={onClose} onOk={() => form.submit()} okText="保存" destroyOnHidden width={600}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ roles: user.roles }}>
        <RoleChecks />
      </Form>
    </Modal>
  );
}
