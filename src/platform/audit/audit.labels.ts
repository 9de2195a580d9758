/** Chinese names of audit actions and outcomes, shared by the console and the Excel export. */
export const ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.lockout': '账号锁定',
  'auth.mfa': '动态验证码验证',
  'auth.mfa_enrol_start': '开始绑定验证器',
  'auth.mfa_enrol': '绑定验证器',
  'auth.password_change': '修改密码',
  'auth.logout': '退出登录',
  'auth.switch_org': '切换机构',
  'access.denied': '越权访问被拒绝',
  'organisation.create': '新建机构',
  'organisation.update': '修改机构',
  'organisation.security_policy': '修改安全策略',
  'department.create': '新建内设机构',
  'department.update': '修改内设机构',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.disable': '停用用户',
  'user.roles': '调整角色',
  'user.password_reset': '重置密码',
  'user.unlock': '解除锁定',
  'user.reset_mfa': '重置双因素认证',
  'user.end_sessions': '结束会话',
  'audit.export': '导出审计记录',
  'audit.verify': '校验审计链',
  'calendar.enter': '录入节假日安排',
  'calendar.correct': '更正节假日安排',
  'wording.create': '新增错敏词',
  'wording.update': '修改错敏词',
  'system.seed': '初始化演示数据',
  'system.restore': '恢复备份',
};

export const OUTCOME_LABELS: Record<string, string> = { success: '成功', failure: '失败', denied: '拒绝' };

export const actionLabel = (a: string) => ACTION_LABELS[a] ?? a;
