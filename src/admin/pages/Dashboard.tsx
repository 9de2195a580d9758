import { useEffect, useState } from 'react';
import { Card, Col, Descriptions, Row, Tag, Typography } from 'antd';
import { api, call } from '../api/client';
import type { paths } from '../api/schema';
import { DaysLeft } from '../../features/requests/admin/RequestsPage';
import { Link } from 'react-router-dom';
import { useSession } from '../session';
import { roleLabel } from '../Shell';
import { ROLES, type Role } from '../../platform/auth/access.rules';

/** Home of the console: who you are, for which organisation, and what your roles let you do. */
export function Dashboard() {
  const { session, can } = useSession();
  if (!session) return null;
  const org = session.organisations.find((o) => o.id === session.currentOrgId);
  return (
    <>
      <div className="page-header">
        <h1>工作台</h1>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title="当前身份">
            <Descriptions column={1} size="small">
              <Descriptions.Item label="姓名">{session.user.displayName}</Descriptions.Item>
              <Descriptions.Item label="用户名">{session.user.username}</Descriptions.Item>
              <Descriptions.Item label="当前机构">{org?.name}</Descriptions.Item>
              <Descriptions.Item label="角色">
                {session.roles.map((r) => (
                  <Tag key={r}>{roleLabel(r)}</Tag>
                ))}
              </Descriptions.Item>
              <Descriptions.Item label="动态验证码">{session.user.totpEnrolled ? '已绑定' : <Link to="/profile">未绑定，去绑定</Link>}</Descriptions.Item>
              <Descriptions.Item label="会话最迟到期">{new Date(session.expiresAt).toLocaleString('zh-CN', { hourCycle: 'h23' })}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="职责说明">
            {session.roles.map((r) => (
              <Typography.Paragraph key={r}>
                <strong>{roleLabel(r)}：</strong>
                {ROLES[r as Role]?.description}
              </Typography.Paragraph>
            ))}
            <Typography.Paragraph>
              {can('org.read') && <Link to="/organisations">组织机构</Link>}
              {can('user.read') && <> · <Link to="/staff">人员与角色</Link></>}
              {can('audit.read') && <> · <Link to="/audit">审计记录</Link></>}
              {can('records.read') && <> · <Link to="/requests">依申请公开</Link></>}
            </Typography.Paragraph>
          </Card>
        </Col>
        {session.organisations.length > 1 && (
          <Col xs={24}>
            <Card title="我所属的机构">
              {session.organisations.map((o) => (
                <Typography.Paragraph key={o.id}>
                  {o.name}：{o.roles.map(roleLabel).join('、')}
                </Typography.Paragraph>
              ))}
              <Typography.Text type="secondary">在页面顶部“当前机构”中切换。</Typography.Text>
            </Card>
          </Col>
        )}
        {can('records.read') && (
          <Col xs={24}>
            <RequestReminders />
          </Col>
        )}
        {can('records.read') && (
          <Col xs={24}>
            <AnnualReportReminders />
          </Col>
        )}
      </Row>
    </>
  );
}

type Reminders = paths['/api/v1/requests/reminders']['get']['responses'][200]['content']['application/json'];

/** 依申请公开 cases near their deadline (at the configured thresholds) or past it; supervisors also see overdue cases below. */
function RequestReminders() {
  const [data, setData] = useState<Reminders | null>(null);
  useEffect(() => {
    call(api.GET('/api/v1/requests/reminders')).then(setData, () => setData(null));
  }, []);
  if (!data) return null;
  return (
    <Card title={`依申请公开期限提醒（剩余 ${data.thresholds.join('、')} 个工作日时提醒）`}>
      {data.items.length === 0 ? (
        <Typography.Text type="secondary">没有临近答复期限或已超期的申请。</Typography.Text>
      ) : (
        <ul className="plain-list">
          {data.items.map((r) => (
            <li key={r.id}>
              <Link to={`/requests/${r.id}`}>{r.receiptNo}</Link> {r.orgName} · {r.subject} · 期限 {r.dueOn} <DaysLeft days={r.daysLeft} paused={r.paused} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

type Overview = paths['/api/v1/annual-reports/overview/{year}']['get']['responses'][200]['content']['application/json'];

/** Last year's annual reports not yet published: from 1 January the days left, after 31 January the overdue ones (条例 Art 49). */
function AnnualReportReminders() {
  const year = new Date().getFullYear() - 1;
  const [data, setData] = useState<Overview | null>(null);
  useEffect(() => {
    call(api.GET('/api/v1/annual-reports/overview/{year}', { params: { path: { year } } })).then(setData, () => setData(null));
  }, [year]);
  const open = data?.items.filter((i) => i.status !== 'published') ?? [];
  if (!data || open.length === 0 || (data.daysLeft === null && !open.some((i) => i.overdue))) return null;
  return (
    <Card title={`${year} 年政府信息公开工作年度报告（发布期限 ${data.deadline}）`}>
      {data.daysLeft !== null && <Typography.Paragraph>距发布期限还有 {data.daysLeft} 天。</Typography.Paragraph>}
      <ul className="plain-list">
        {open.map((i) => (
          <li key={i.org.id}>
            {i.org.name}：<Tag>{i.statusLabel}</Tag>
            {i.overdue && <Tag color="red">已超过发布期限</Tag>}
          </li>
        ))}
      </ul>
      <Link to="/annual-reports">去编制年度报告</Link>
    </Card>
  );
}
