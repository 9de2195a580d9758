import { useEffect, useState, type ReactNode } from 'react';
import { App as AntApp, Badge, Button, Layout, Menu, Select, Space, Typography } from 'antd';
import { AuditOutlined, ApartmentOutlined, BookOutlined, CalendarOutlined, CommentOutlined,
  BarChartOutlined, FileSearchOutlined,
  FileTextOutlined, SafetyCertificateOutlined, HomeOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { useLocation, useNavigate } from 'react-router-dom';
import { api, call } from './api/client';
import { useSession } from './session';
import { ROLES, type Role } from '../platform/auth/access.rules';

export const roleLabel = (r: string) => ROLES[r as Role]?.label ?? r;

/** The in-console notice of 依申请公开 deadlines: how many cases are near their deadline or past it. */
function DeadlineBell({ orgId, onOpen }: { orgId: string | null; onOpen: () => void }) {
  const [count, setCount] = useState<{ total: number; overdue: number } | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () =>
      call(api.GET('/api/v1/requests/reminders')).then(
        (r) => alive && setCount({ total: r.items.length, overdue: r.items.filter((i) => (i.daysLeft ?? 0) < 0).length }),
        () => alive && setCount(null),
      );
    void load();
    const timer = setInterval(load, 5 * 60_000);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [orgId]);
  if (!count || count.total === 0) return null;
  return (
    <Badge count={count.total} color={count.overdue ? '#a3111a' : '#8a4b00'}>
      <Button onClick={onOpen} aria-label={`期限提醒：${count.total} 件申请临近答复期限或已超期${count.overdue ? `，其中 ${count.overdue} 件已超期` : ''}`}>
        期限提醒
      </Button>
    </Badge>
  );
}

/** Messages past their deadline or near the 3-month line (互动回应差), on every screen. */
function MessageBell({ orgId, onOpen }: { orgId: string | null; onOpen: () => void }) {
  const [count, setCount] = useState<{ overdue: number; veto: number } | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () => call(api.GET('/api/v1/messages/reminders')).then((r) => alive && setCount(r), () => alive && setCount(null));
    void load();
    const timer = setInterval(load, 5 * 60_000);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [orgId]);
  if (!count || count.overdue + count.veto === 0) return null;
  const total = count.overdue + count.veto;
  return (
    <Badge count={total} color={count.veto ? '#a3111a' : '#8a4b00'}>
      <Button onClick={onOpen} aria-label={`留言提醒：${count.overdue} 件已超过办理期限，${count.veto} 件临近或超过三个月未答复`}>
        留言提醒
      </Button>
    </Badge>
  );
}

/** The frame of every console screen: menu by permission, organisation switcher, account menu. */
export function Shell({ children }: { children: ReactNode }) {
  const { session, setSession, can } = useSession();
  const nav = useNavigate();
  const loc = useLocation();
  const { message } = AntApp.useApp();
  if (!session) return null;

  const items = [
    { key: '/', icon: <HomeOutlined />, label: '工作台' },
    can('org.read') && { key: '/organisations', icon: <ApartmentOutlined />, label: '组织机构' },
    can('user.read') && { key: '/staff', icon: <TeamOutlined />, label: '人员与角色' },
    can('audit.read') && { key: '/audit', icon: <AuditOutlined />, label: '审计记录' },
    can('records.read') && { key: '/catalog', icon: <FileTextOutlined />, label: '主动公开' },
    can('records.read') && { key: '/requests', icon: <FileSearchOutlined />, label: '依申请公开' },
    can('records.read') && { key: '/messages', icon: <CommentOutlined />, label: '网民留言' },
    can('records.read') && { key: '/annual-reports', icon: <BarChartOutlined />, label: '年度报告' },
    can('records.read') && { key: '/knowledge', icon: <BookOutlined />, label: '问答知识库' },
    { key: '/review', icon: <SafetyCertificateOutlined />, label: '公开审查' },
    { key: '/calendar', icon: <CalendarOutlined />, label: '工作日历' },
    { key: '/profile', icon: <UserOutlined />, label: '个人设置' },
  ].filter(Boolean) as { key: string; icon: ReactNode; label: string }[];

  const switchOrg = async (orgId: string) => {
    try {
      setSession(await call(api.POST('/api/v1/auth/switch-org', { body: { orgId } })));
      const name = session.organisations.find((o) => o.id === orgId)?.name;
      message.success(`已切换到${name}`);
      nav('/');
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const signOut = async () => {
    await api.POST('/api/v1/auth/logout').catch(() => undefined);
    setSession(null);
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* Reminders are fetched for the organisation acted for; switching organisations refreshes them. */}
      <Layout.Sider breakpoint="lg" collapsedWidth={0} width={200} theme="dark">
        <div className="brand">政务公开平台</div>
        <nav aria-label="控制台菜单">
          <Menu theme="dark" mode="inline" selectedKeys={[loc.pathname === '/' ? '/' : '/' + loc.pathname.split('/')[1]]} items={items} onClick={(e) => nav(e.key)} />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 16px', display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 12, borderBottom: '1px solid #e5e5e5' }}>
          <Space>
            <Typography.Text strong id="org-switch-label">
              当前机构
            </Typography.Text>
            <Select
              aria-labelledby="org-switch-label"
              value={session.currentOrgId ?? undefined}
              style={{ minWidth: 220 }}
              options={session.organisations.map((o) => ({ value: o.id, label: o.name }))}
              onChange={switchOrg}
              disabled={session.organisations.length < 2}
              data-testid="org-switch"
            />
          </Space>
          <Space>
            {can('records.read') && <DeadlineBell orgId={session.currentOrgId} onOpen={() => nav('/')} />}
            {can('records.read') && <MessageBell orgId={session.currentOrgId} onOpen={() => nav('/messages')} />}
            <Typography.Text>
              {session.user.displayName}（{session.roles.map(roleLabel).join('、')}）
            </Typography.Text>
            <Button onClick={signOut}>退出登录</Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: 16, padding: 20, background: '#fff' }}>
          <main>{children}</main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
