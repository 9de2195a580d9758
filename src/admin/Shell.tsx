import type { ReactNode } from 'react';
import { App as AntApp, Button, Layout, Menu, Select, Space, Typography } from 'antd';
import { AuditOutlined, ApartmentOutlined, CalendarOutlined, FileSearchOutlined, SafetyCertificateOutlined, HomeOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { useLocation, useNavigate } from 'react-router-dom';
import { api, call } from './api/client';
import { useSession } from './session';
import { ROLES, type Role } from '../platform/auth/access.rules';

export const roleLabel = (r: string) => ROLES[r as Role]?.label ?? r;

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
    can('records.read') && { key: '/requests', icon: <FileSearchOutlined />, label: '依申请公开' },
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
